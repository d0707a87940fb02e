// sql-migrate (rubenv/sql-migrate): any *.sql file with '-- +migrate Up' and
// '-- +migrate Down' sections. Its tracking table keys rows by file name, not
// by a number, so every file is numbered 1..N in the order sql-migrate applies them.
#include "import/import_format.hpp"
#include "import/marker_sections.hpp"
#include "import/source_files.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>

namespace embedded_migrations::generator::import {
namespace {

// sql-migrate reads a command only from a line starting exactly "-- +migrate "
// and compares the first word case-sensitively; "notransaction" is an option
// word after it. It never runs a line starting "-- +", so unknown commands
// and other tools' markers are dropped like its own.
std::optional<marker> read_sql_migrate(std::string_view line) {
  constexpr std::string_view prefix = "-- +migrate ";
  if (!starts_with(line, "-- +")) return std::nullopt;
  if (!starts_with(line, prefix)) return marker{marker_kind::ignored};
  std::vector<std::string_view> words;
  auto rest = line.substr(prefix.size());
  while (!rest.empty()) {
    const auto begin = rest.find_first_not_of(" \t");
    if (begin == std::string_view::npos) break;
    rest.remove_prefix(begin);
    const auto length = std::min(rest.find_first_of(" \t"), rest.size());
    words.push_back(rest.substr(0, length));
    rest.remove_prefix(length);
  }
  if (words.empty()) return marker{marker_kind::unrecognized};  // sql-migrate: "incomplete migration command"
  marker found{marker_kind::ignored};
  if (words[0] == "Up") found.kind = marker_kind::up;
  if (words[0] == "Down") found.kind = marker_kind::down;
  if (words[0] == "StatementBegin") found.kind = marker_kind::statement_begin;
  if (words[0] == "StatementEnd") found.kind = marker_kind::statement_end;
  found.no_transaction = std::find(words.begin() + 1, words.end(), "notransaction") != words.end();
  return found;
}

// sql-migrate's order (migrate.go, Migration.Less): names with a numeric
// prefix first, by that number; ties and the rest by name.
bool applied_before(const std::string& a, const std::string& b) {
  const auto version = [](const std::string& name) -> std::optional<std::int64_t> {
    const auto parsed = split_leading_version(name);
    if (!parsed || parsed->version.size() > 18) return std::nullopt;  // 18 digits always fit in int64
    return std::strtoll(parsed->version.c_str(), nullptr, 10);
  };
  const auto va = version(a);
  const auto vb = version(b);
  if (va && vb && *va != *vb) return *va < *vb;
  if (va.has_value() != vb.has_value()) return va.has_value();
  return a < b;
}

}  // namespace

const marker_grammar sql_migrate_markers{"sql-migrate", "-- +migrate Up", read_sql_migrate, true, true};

conversion convert_sql_migrate(const std::filesystem::path& dir) {
  conversion result;
  std::vector<std::string> files;
  for (const auto& name : list_entries(dir)) {
    if (ends_with(name, ".sql")) {
      files.push_back(name);
    } else {
      result.skipped.push_back({name, "ignored: sql-migrate reads only .sql files"});
    }
  }
  std::sort(files.begin(), files.end(), applied_before);
  // Every file takes its place in the order, even one that cannot be imported,
  // so --skip-unimportable does not shift the numbers of the others.
  const auto width = std::max<std::size_t>(3, std::to_string(files.size()).size());
  for (std::size_t i = 0; i < files.size(); ++i) {
    const auto& name = files[i];
    auto up = keep_up_section(read_source(dir / name), sql_migrate_markers, (dir / name).string());
    if (auto* problem = std::get_if<diagnostic>(&up)) {
      result.rejected.push_back({name, std::move(*problem)});
      continue;
    }
    auto& section = std::get<up_section>(up);
    imported_migration migration{
        name, fmt::format("{:0{}}", i + 1, width), "", std::move(section.sql), section.transactional, "id " + name, {}};
    migration.changes.push_back(fmt::format("numbered {} in sql-migrate's order", i + 1));
    migration.changes.insert(migration.changes.end(), section.changes.begin(), section.changes.end());
    auto description = name.substr(0, name.size() - 4);
    if (const auto parsed = split_leading_version(description)) description = parsed->rest;  // the old number goes
    migration.description = clean_description(description, migration.changes);
    result.migrations.push_back(std::move(migration));
  }
  return result;
}

}  // namespace embedded_migrations::generator::import
