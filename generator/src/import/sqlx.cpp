// sqlx (launchbadge/sqlx): simple <version>_<description>.sql files, or
// reversible .up.sql / .down.sql pairs.
#include "import/import_format.hpp"
#include "import/marker_sections.hpp"
#include "import/source_files.hpp"

#include "migration_content.hpp"

#include <set>

namespace embedded_migrations::generator::import {
namespace {

struct sqlx_name {
  std::string version;
  std::string description;
  enum { simple, up, down } kind;
};

// sqlx splits the name at the first '_' and reads the version as an i64; the
// suffix decides the kind. A name it cannot read stops sqlx, so it is an error here.
std::optional<sqlx_name> parse_sqlx_name(const std::string& name) {
  const auto underscore = name.find('_');
  if (underscore == std::string::npos || !all_digits(name.substr(0, underscore))) return std::nullopt;
  sqlx_name result{name.substr(0, underscore), name.substr(underscore + 1), sqlx_name::simple};
  for (const auto& [suffix, kind] : {std::pair{".up.sql", sqlx_name::up}, std::pair{".down.sql", sqlx_name::down},
                                     std::pair{".sql", sqlx_name::simple}}) {
    if (ends_with(result.description, suffix)) {
      result.description.resize(result.description.size() - std::string_view(suffix).size());
      result.kind = kind;
      break;
    }
  }
  return result;
}

}  // namespace

conversion convert_sqlx(const std::filesystem::path& dir) {
  conversion result;
  std::vector<std::string> sql_files;
  for (const auto& name : list_entries(dir)) {
    if (ends_with(name, ".sql")) {
      sql_files.push_back(name);
    } else {
      result.skipped.push_back({name, "ignored: sqlx reads only .sql files"});
    }
  }
  std::set<std::string> up_versions;
  for (const auto& name : sql_files) {
    const auto parsed = parse_sqlx_name(name);
    if (parsed && parsed->kind != sqlx_name::down) up_versions.insert(parsed->version);
  }
  for (const auto& name : sql_files) {
    const auto parsed = parse_sqlx_name(name);
    if (!parsed) {
      result.rejected.push_back(reject(dir, name,
                                       "the name does not start with a sqlx version followed by '_', so sqlx "
                                       "refuses it; rename it <version>_<description>.sql in a copy and import the "
                                       "copy"));
      continue;
    }
    if (parsed->kind == sqlx_name::down) {
      if (up_versions.count(parsed->version) != 0) {
        result.skipped.push_back({name, "down file ignored"});
      } else {
        result.rejected.push_back(reject(dir, name,
                                         "a down file without an up file: nothing here runs going forward; delete "
                                         "it from a copy, or add the up file it undoes, and import the copy"));
      }
      continue;
    }
    imported_migration migration{name, parsed->version, "", read_source(dir / name), true, "", {}};
    if (auto down = find_down_marker(migration.sql, (dir / name).string())) {
      result.rejected.push_back({name, std::move(*down)});
      continue;
    }
    if (parsed->kind == sqlx_name::up) migration.changes.push_back("up file kept");
    // sqlx's own directive is ours, spelt the same; sqlx tests only the start of the file.
    if (starts_with(migration.sql, no_transaction_directive)) {
      const auto newline = migration.sql.find('\n');
      migration.sql.erase(0, newline == std::string::npos ? migration.sql.size() : newline + 1);
      migration.transactional = false;
      migration.changes.push_back("no-transaction");
    }
    migration.description = clean_description(parsed->description, migration.changes);
    result.migrations.push_back(std::move(migration));
  }
  return result;
}

}  // namespace embedded_migrations::generator::import
