#include "import/marker_sections.hpp"

#include "import/source_files.hpp"

#include "detail/sql_text.hpp"

#include <fmt/format.h>

namespace embedded_migrations::generator::import {
namespace {

enum class section { none, up, down };

diagnostic problem_at(const std::string& path, int line, std::string message) {
  return {path, line, 1, severity::error, std::move(message)};
}

}  // namespace

const char* to_string(marker_kind kind) {
  switch (kind) {
    case marker_kind::up:
      return "up";
    case marker_kind::down:
      return "down";
    case marker_kind::statement_begin:
      return "statement_begin";
    case marker_kind::statement_end:
      return "statement_end";
    case marker_kind::no_transaction:
      return "no_transaction";
    case marker_kind::envsub_on:
      return "envsub_on";
    case marker_kind::envsub_off:
      return "envsub_off";
    case marker_kind::ignored:
      return "ignored";
    case marker_kind::unrecognized:
      return "unrecognized";
  }
  return "unknown";
}

std::variant<up_section, diagnostic> keep_up_section(std::string_view text, const marker_grammar& grammar,
                                                     const std::string& path) {
  up_section result;
  std::string before_first_marker;
  int first_statement_line = 0;  // of the text before the first marker
  section current = section::none;
  bool seen_up = false;
  bool seen_down = false;
  bool envsub = false;
  int splitting_markers = 0;

  int number = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = std::min(text.find('\n', start), text.size());
    const auto line = text.substr(start, end - start);
    const auto whole_line = text.substr(start, end + 1 - start);  // with its newline, when it has one
    start = end + 1;
    ++number;

    const auto found = grammar.read(line);
    if (!found) {
      if (current == section::none) {
        before_first_marker.append(whole_line);
        if (first_statement_line == 0 && detail::has_statement(line)) first_statement_line = number;
      } else if (current == section::up) {
        if (envsub) {
          return problem_at(path, number,
                            fmt::format("{} substitutes environment variables in this up section (ENVSUB ON), so "
                                        "the file is not the SQL that ran; write the values into a copy of the file, "
                                        "remove the annotation, and import the copy",
                                        grammar.tool));
        }
        result.sql.append(whole_line);
      }
      continue;
    }
    switch (found->kind) {
      case marker_kind::up:
        if (!grammar.sections_alternate && (seen_up || seen_down)) {
          return problem_at(path, number,
                            fmt::format("a second '{}' or one after the down section, which {} refuses; keep one up "
                                        "section before the down section",
                                        grammar.up_marker, grammar.tool));
        }
        seen_up = true;
        current = section::up;
        if (found->no_transaction) result.transactional = false;
        break;
      case marker_kind::down:
        if (!grammar.sections_alternate && !seen_up) {
          return problem_at(path, number,
                            fmt::format("the down section comes before '{}', which {} refuses; put the up section "
                                        "first",
                                        grammar.up_marker, grammar.tool));
        }
        seen_down = true;
        current = section::down;
        break;
      case marker_kind::statement_begin:
      case marker_kind::statement_end:
        if (current == section::up) ++splitting_markers;
        break;
      case marker_kind::no_transaction:
        result.transactional = false;
        break;
      case marker_kind::envsub_on:
        if (current != section::down) envsub = true;
        break;
      case marker_kind::envsub_off:
        envsub = false;
        break;
      case marker_kind::ignored:
        break;
      case marker_kind::unrecognized:
        return problem_at(path, number,
                          fmt::format("'{}' is not an annotation {} knows, and {} refuses the file; correct or "
                                      "remove it in a copy and import the copy",
                                      line, grammar.tool, grammar.tool));
    }
  }

  if (!seen_up) {
    return problem_at(path, 1,
                      fmt::format("no '{}' marker, so {} has no up section to run; add the marker above the SQL in a "
                                  "copy and import the copy",
                                  grammar.up_marker, grammar.tool));
  }
  if (first_statement_line != 0) {
    if (!grammar.skips_text_before_first_marker) {
      return problem_at(path, first_statement_line,
                        fmt::format("a statement before '{}', which {} refuses; move it into the up section in a copy "
                                    "and import the copy",
                                    grammar.up_marker, grammar.tool));
    }
    before_first_marker.clear();
    result.changes.push_back(fmt::format("text before the first marker dropped ({} never ran it)", grammar.tool));
  }
  result.sql = trim_blank_lines(before_first_marker + result.sql);
  result.changes.insert(result.changes.begin(), seen_down ? "up section kept, down dropped" : "up section kept");
  if (splitting_markers > 0) result.changes.push_back("StatementBegin/End removed");
  if (!result.transactional) result.changes.push_back("no-transaction");
  return result;
}

std::optional<diagnostic> find_down_marker(std::string_view text, const std::string& path) {
  int number = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = std::min(text.find('\n', start), text.size());
    const auto line = text.substr(start, end - start);
    start = end + 1;
    ++number;
    for (const auto* grammar : {&goose_markers, &dbmate_markers, &sql_migrate_markers}) {
      const auto found = grammar->read(line);
      if (found && found->kind == marker_kind::down) {
        return diagnostic{path, number, 1, severity::error,
                          fmt::format("'{}' starts a {} down section, which this import would run going forward; "
                                      "import the directory with --from {}",
                                      line, grammar->tool, grammar->tool)};
      }
    }
  }
  return std::nullopt;
}

std::optional<diagnostic> find_section_marker(std::string_view text, const std::string& path) {
  int number = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = std::min(text.find('\n', start), text.size());
    const auto line = text.substr(start, end - start);
    start = end + 1;
    ++number;
    for (const auto* grammar : {&goose_markers, &dbmate_markers, &sql_migrate_markers}) {
      const auto found = grammar->read(line);
      if (!found || (found->kind != marker_kind::up && found->kind != marker_kind::down)) continue;
      return diagnostic{
          path, number, 1, severity::error,
          fmt::format("'{}' starts a {} {} section, but embedded-migrations runs every line of a file going forward, "
                      "so a down section would run too; convert the directory once with 'embed-migrations import "
                      "--from {}', which keeps only the up sections",
                      line, grammar->tool, found->kind == marker_kind::up ? "up" : "down", grammar->tool)};
    }
  }
  return std::nullopt;
}

}  // namespace embedded_migrations::generator::import
