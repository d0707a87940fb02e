// diesel: one directory per migration, <version>_<name>/{up.sql, down.sql,
// metadata.toml}; the version is the text before the first '_' without its dashes.
#include "import/import_format.hpp"
#include "import/marker_sections.hpp"
#include "import/source_files.hpp"

#include "detail/sql_text.hpp"

#include <algorithm>
#include <cctype>

namespace embedded_migrations::generator::import {
namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::string_view trim(std::string_view text) {
  const auto begin = text.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return {};
  return text.substr(begin, text.find_last_not_of(" \t") + 1 - begin);
}

// metadata.toml's one setting (diesel_migrations TomlMetadata): run_in_transaction = false.
bool runs_outside_transaction(const std::string& toml) {
  std::size_t start = 0;
  while (start < toml.size()) {
    const auto end = std::min(toml.find('\n', start), toml.size());
    auto line = std::string_view(toml).substr(start, end - start);
    line = trim(line.substr(0, line.find('#')));
    start = end + 1;
    const auto equals = line.find('=');
    if (equals != std::string_view::npos && trim(line.substr(0, equals)) == "run_in_transaction" &&
        trim(line.substr(equals + 1)) == "false") {
      return true;
    }
  }
  return false;
}

// `diesel setup` writes 00000000000000_diesel_initial_setup for PostgreSQL
// only: PL/pgSQL functions behind diesel_manage_updated_at(), which SQLite
// cannot run. A user's own SQL under that name is imported like any migration.
std::optional<std::string> initial_setup_skip_reason(const std::string& version, const std::string& up_sql) {
  if (version.find_first_not_of('0') != std::string::npos) return std::nullopt;
  if (!detail::has_statement(up_sql)) return "skipped: diesel's initial setup holds no SQL statement";
  const auto text = lower(up_sql);
  if (text.find("diesel_manage_updated_at") != std::string::npos || text.find("plpgsql") != std::string::npos) {
    return "skipped: diesel's PostgreSQL-only setup (diesel_manage_updated_at), which SQLite cannot run";
  }
  return std::nullopt;
}

}  // namespace

conversion convert_diesel(const std::filesystem::path& dir) {
  conversion result;
  for (const auto& name : list_entries(dir)) {
    result.skipped.push_back({name, "ignored: diesel reads only migration directories"});
  }
  for (const auto& name : list_entries(dir, true)) {
    const auto files = list_entries(dir / name);
    const auto has = [&](const char* file) { return std::find(files.begin(), files.end(), file) != files.end(); };
    const auto underscore = name.find('_');
    std::string version = name.substr(0, underscore);
    version.erase(std::remove(version.begin(), version.end(), '-'), version.end());
    for (const auto& file : files) {
      if (file != "up.sql" && file != "down.sql" && file != "metadata.toml") {
        result.skipped.push_back({name + "/" + file, "ignored: diesel reads only up.sql, down.sql and metadata.toml"});
      }
    }
    if (!has("up.sql")) {
      const std::string source = has("down.sql") ? name + "/down.sql" : name;
      result.rejected.push_back(reject(dir, source,
                                       "a migration directory without up.sql, which diesel refuses; add up.sql in a "
                                       "copy, or delete the directory from the copy, and import the copy"));
      continue;
    }
    if (has("down.sql")) result.skipped.push_back({name + "/down.sql", "down file ignored"});
    const std::string source = name + "/up.sql";
    if (underscore == std::string::npos || !all_digits(version)) {
      result.rejected.push_back(reject(dir, source,
                                       "the directory name does not start with a diesel version of digits and "
                                       "dashes followed by '_'; rename it <timestamp>_<name> in a copy and import "
                                       "the copy"));
      continue;
    }
    auto sql = read_source(dir / source);
    if (auto down = find_down_marker(sql, (dir / source).string())) {
      result.rejected.push_back({source, std::move(*down)});
      continue;
    }
    if (const auto reason = initial_setup_skip_reason(version, sql)) {
      result.skipped.push_back({source, *reason});
      continue;
    }
    imported_migration migration{source, version, "", std::move(sql), true, "", {}};
    migration.changes.push_back("up.sql kept");
    if (has("metadata.toml")) {
      const bool outside = runs_outside_transaction(read_source(dir / name / "metadata.toml"));
      result.skipped.push_back(
          {name + "/metadata.toml", outside ? "read: run_in_transaction = false" : "read: nothing to carry over"});
      if (outside) {
        migration.transactional = false;
        migration.changes.push_back("no-transaction");
      }
    }
    migration.description = clean_description(name.substr(underscore + 1), migration.changes);
    result.migrations.push_back(std::move(migration));
  }
  return result;
}

}  // namespace embedded_migrations::generator::import
