#include "migration_content.hpp"

#include "source_text.hpp"

#include "detail/sql_text.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <vector>

namespace embedded_migrations::generator {
namespace {

std::string_view trim_right(std::string_view text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::size_t indentation(std::string_view line) {
  std::size_t n = 0;
  while (n < line.size() && (line[n] == ' ' || line[n] == '\t')) ++n;
  return n;
}

// "-- no-transaction" alone, or followed by ':' or a blank and a reason
// ("-- no-transaction: VACUUM needs it"); not "-- no-transactions".
bool is_directive(std::string_view line) {
  if (line.substr(0, no_transaction_directive.size()) != no_transaction_directive) return false;
  const auto rest = line.substr(no_transaction_directive.size());
  return rest.empty() || rest.front() == ':' || rest.front() == ' ' || rest.front() == '\t';
}

// "--no-transaction", "-- NO_TRANSACTION" ... : close enough to be a typo of
// the directive. Only the part before a ':' counts, so a reason may follow.
bool resembles_directive(std::string_view line) {
  if (line.substr(0, 2) != "--") return false;
  std::string letters;
  for (const char c : line.substr(2, line.find(':') == std::string_view::npos ? std::string_view::npos
                                                                               : line.find(':') - 2)) {
    if (std::isalpha(static_cast<unsigned char>(c))) letters.push_back(static_cast<char>(std::tolower(c)));
  }
  return letters == "notransaction";
}

// Offsets of the lines that start outside string literals, quoted identifiers
// and block comments: only there can a line be a comment of its own. Offsets
// only: SQLite decides what the statements mean.
std::vector<std::size_t> lines_starting_in_code(std::string_view sql) {
  std::vector<std::size_t> starts{0};
  char closing = 0;  // the character that ends the quoted token we are in; 0 outside one
  bool block_comment = false, line_comment = false;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (c == '\n') {
      line_comment = false;
      if (!closing && !block_comment) starts.push_back(i + 1);
      continue;
    }
    if (line_comment) continue;
    if (block_comment) {
      if (c == '*' && i + 1 < sql.size() && sql[i + 1] == '/') block_comment = false, ++i;
      continue;
    }
    if (closing) {
      if (c == closing) closing = 0;  // a doubled quote reopens at once: same result
      continue;
    }
    if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      line_comment = true;
    } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
      block_comment = true, ++i;
    } else if (c == '\'' || c == '"' || c == '`') {
      closing = c;
    } else if (c == '[') {
      closing = ']';
    }
  }
  return starts;
}

void check_directive(migration_content& content) {
  const std::string_view sql = content.sql;
  for (const std::size_t line_start : lines_starting_in_code(sql)) {
    if (line_start > sql.size()) continue;
    const auto line_end = std::min(sql.find('\n', line_start), sql.size());
    const auto line = trim_right(sql.substr(line_start, line_end - line_start));
    const auto indent = indentation(line);
    const auto comment = line.substr(indent);
    const bool first_line = line_start == 0;
    if (is_directive(comment)) {
      if (!first_line) {
        content.problems.push_back({line_start + indent, fmt::format("'{}' only takes effect on the first line of the "
                                                                     "file; move it there",
                                                                     no_transaction_directive)});
      } else if (indent > 0) {
        content.problems.push_back(
            {0, fmt::format("'{}' must start in the first column of the first line, and this one is indented by {} "
                            "character{}; remove the indentation",
                            no_transaction_directive, indent, indent == 1 ? "" : "s")});
      } else {
        content.transactional = false;
      }
    } else if (resembles_directive(comment)) {
      content.problems.push_back({line_start + indent, fmt::format("unrecognized directive '{}'; did you mean '{}'?",
                                                                   comment, no_transaction_directive)});
    }
  }
}

}  // namespace

migration_content check_content(std::string_view raw) {
  migration_content content;
  if (raw.substr(0, 2) == "\xFF\xFE" || raw.substr(0, 2) == "\xFE\xFF") {
    content.problems.push_back({0, "the file is UTF-16 encoded; save it as UTF-8"});
    return content;
  }
  content.sql = normalize_source(raw);
  const std::string_view sql = content.sql;

  if (const auto nul = sql.find('\0'); nul != std::string_view::npos) {
    content.problems.push_back({nul, "the file contains a NUL byte, which SQL text cannot hold; remove it"});
    return content;
  }
  if (const auto bad = find_invalid_utf8(sql)) {
    content.problems.push_back(
        {*bad, fmt::format("invalid UTF-8 (byte 0x{:02x}); save the file as UTF-8",
                           static_cast<unsigned char>(sql[*bad]))});
    return content;
  }
  if (!detail::has_statement(sql)) {
    content.problems.push_back({0, "the file contains no SQL statement; add one or delete the file"});
    return content;
  }
  if (!sqlite3_complete(content.sql.c_str())) {
    content.problems.push_back(
        {detail::end_of_last_token(sql),
         "the last statement is not terminated; end it with ';' (and a CREATE TRIGGER body with 'END;')"});
  }
  check_directive(content);
  return content;
}

}  // namespace embedded_migrations::generator
