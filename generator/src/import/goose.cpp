// goose (pressly/goose): <version>_<name>.sql files holding both directions,
// and <version>_<name>.go migrations registered from Go.
#include "import/import_format.hpp"
#include "import/marker_sections.hpp"
#include "import/source_files.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace embedded_migrations::generator::import {
namespace {

std::string lower(std::string_view text) {
  std::string result(text);
  std::transform(result.begin(), result.end(), result.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return result;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

// goose reads an annotation from a line that starts with "--" (no leading
// whitespace), trims it, and compares "+goose <name>" case-insensitively
// (goose's docs: "Annotations are case-insensitive"). Older goose spelled the
// substitution switch ENVSUBST, newer ENVSUB; both are read.
std::optional<marker> read_goose(std::string_view line) {
  if (!starts_with(line, "--")) return std::nullopt;
  const std::string command = lower(trim(line.substr(2)));
  if (!starts_with(command, "+goose")) return std::nullopt;
  std::string name(trim(std::string_view(command).substr(6)));
  // "NO TRANSACTION" with any run of spaces between the words.
  name.erase(std::unique(name.begin(), name.end(), [](char a, char b) { return a == ' ' && b == ' '; }), name.end());
  if (name == "up") return marker{marker_kind::up};
  if (name == "down") return marker{marker_kind::down};
  if (name == "statementbegin") return marker{marker_kind::statement_begin};
  if (name == "statementend") return marker{marker_kind::statement_end};
  if (name == "no transaction") return marker{marker_kind::no_transaction};
  if (name == "envsub on" || name == "envsubst on") return marker{marker_kind::envsub_on};
  if (name == "envsub off" || name == "envsubst off") return marker{marker_kind::envsub_off};
  return marker{marker_kind::unrecognized};
}

}  // namespace

const marker_grammar goose_markers{"goose", "-- +goose Up", read_goose};

conversion convert_goose(const std::filesystem::path& dir) {
  conversion result;
  for (const auto& name : list_entries(dir)) {
    const bool is_sql = ends_with(name, ".sql");
    const bool is_go = ends_with(name, ".go") && !ends_with(name, "_test.go");
    if (!is_sql && !is_go) {
      result.skipped.push_back({name, "ignored: goose reads only .sql and .go migrations"});
      continue;
    }
    const auto stem = std::string_view(name).substr(0, name.size() - (is_sql ? 4 : 3));
    const auto parsed = split_leading_version(stem);
    // goose takes the version from the text before the first '_'.
    const bool versioned = parsed && stem.size() > parsed->version.size() && stem[parsed->version.size()] == '_';
    if (is_go) {
      if (!versioned) {
        result.skipped.push_back({name, "ignored: Go code without a version, not a migration"});
      } else {
        result.rejected.push_back(reject(dir, name,
                                         fmt::format("a goose migration written in Go, which only goose can run; "
                                                     "rewrite what it does as {}_{}.sql in a copy of the directory "
                                                     "and import the copy",
                                                     parsed->version, parsed->rest)));
      }
      continue;
    }
    if (!versioned) {
      result.rejected.push_back(reject(dir, name,
                                       "the name does not start with a goose version followed by '_', so goose "
                                       "refuses it; rename it <version>_<name>.sql in a copy and import the copy"));
      continue;
    }
    auto up = keep_up_section(read_source(dir / name), goose_markers, (dir / name).string());
    if (auto* problem = std::get_if<diagnostic>(&up)) {
      result.rejected.push_back({name, std::move(*problem)});
      continue;
    }
    auto& section = std::get<up_section>(up);
    imported_migration migration;
    migration.source = name;
    migration.version = parsed->version;
    migration.sql = std::move(section.sql);
    migration.transactional = section.transactional;
    migration.changes = std::move(section.changes);
    migration.description = clean_description(parsed->rest, migration.changes);
    result.migrations.push_back(std::move(migration));
  }
  return result;
}

}  // namespace embedded_migrations::generator::import
