#include "foreign_history.hpp"

#include "../failure.hpp"
#include "../sqlite_handles.hpp"

#include <embedded_migrations/migration_error.hpp>

#include <sqlite3.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <map>
#include <string_view>

namespace embedded_migrations::detail {
namespace {

// What one row of another tool's table says about a version. The newest row
// for a version wins (goose appends a row per up and down; Flyway one per
// run, undo and baseline), so readers return rows oldest first.
enum row_state : int {
  not_applied = 0,  // rolled back (goose is_applied = 0, a Flyway undo)
  applied = 1,
  failed = -1,      // golang-migrate dirty, sqlx or Flyway success = 0: a person must look
  applied_up_to = 2,  // this version and every older one (golang-migrate's single row, a Flyway baseline)
};

// Each tool's table as the tool creates it on SQLite, recognised by its
// columns rather than its name (dbmate and golang-migrate both call theirs
// schema_migrations), and the query that reads (identity, row_state) from
// it, oldest row first. Sources: each project's SQLite driver.
struct foreign_table {
  adopt_format format;
  const char* table;
  std::vector<const char*> required_columns;
  const char* excluded_column;  // present only in a look-alike of another tool, or null
  const char* query;
};

const std::vector<foreign_table>& foreign_tables() {
  static const std::vector<foreign_table> tables = {
      {adopt_format::sqlx, "_sqlx_migrations", {"version", "description", "success", "checksum", "execution_time"},
       nullptr, "SELECT CAST(version AS TEXT), CASE WHEN success THEN 1 ELSE -1 END FROM main.\"_sqlx_migrations\""},
      // goose's first row (version_id 0) marks the table's creation, not a migration.
      {adopt_format::goose, "goose_db_version", {"id", "version_id", "is_applied", "tstamp"}, nullptr,
       "SELECT CAST(version_id AS TEXT), CASE WHEN is_applied THEN 1 ELSE 0 END FROM main.\"goose_db_version\" "
       "WHERE version_id <> 0 ORDER BY id"},
      // One row: the current version; -1 (NilVersion) after migrating all the way down.
      {adopt_format::golang_migrate, "schema_migrations", {"version", "dirty"}, nullptr,
       "SELECT CAST(version AS TEXT), CASE WHEN dirty THEN -1 WHEN version < 0 THEN 0 ELSE 2 END "
       "FROM main.\"schema_migrations\""},
      {adopt_format::dbmate, "schema_migrations", {"version"}, "dirty",
       "SELECT CAST(version AS TEXT), 1 FROM main.\"schema_migrations\" ORDER BY version"},
      // diesel records the directory name's timestamp without its dashes.
      {adopt_format::diesel, "__diesel_schema_migrations", {"version", "run_on"}, nullptr,
       "SELECT replace(version, '-', ''), 1 FROM main.\"__diesel_schema_migrations\" ORDER BY version"},
      {adopt_format::refinery, "refinery_schema_history", {"version", "name", "applied_on", "checksum"}, nullptr,
       "SELECT CAST(version AS TEXT), 1 FROM main.\"refinery_schema_history\" ORDER BY version"},
      // sql-migrate records file names; import numbers them and keeps the name.
      {adopt_format::sql_migrate, "gorp_migrations", {"id", "applied_at"}, nullptr,
       "SELECT id, 1 FROM main.\"gorp_migrations\" ORDER BY id"},
      // Repeatable migrations have no version; SCHEMA and DELETE rows record no migration.
      {adopt_format::flyway, "flyway_schema_history", {"installed_rank", "version", "type", "success"}, nullptr,
       "SELECT version, CASE WHEN NOT success THEN -1 WHEN type = 'BASELINE' THEN 2 WHEN type LIKE 'UNDO%' THEN 0 "
       "ELSE 1 END FROM main.\"flyway_schema_history\" WHERE version IS NOT NULL AND type NOT IN ('SCHEMA', 'DELETE') "
       "ORDER BY installed_rank"},
  };
  return tables;
}

std::string text_column(sqlite3_stmt* statement, int column) {
  const auto* text = sqlite3_column_text(statement, column);
  return text ? std::string(reinterpret_cast<const char*>(text),
                            static_cast<std::size_t>(sqlite3_column_bytes(statement, column)))
              : std::string();
}

// The table's type in the main database: "table", "view", or "" when absent.
std::string object_type(sqlite3* db, const char* name) {
  statement_ptr query;
  if (prepare(db, "SELECT type FROM main.sqlite_master WHERE name = ?1", query) != SQLITE_OK) {
    throw_sqlite_error(db, error_code::sqlite_error, "cannot read the database schema");
  }
  sqlite3_bind_text(query.get(), 1, name, -1, SQLITE_STATIC);
  return sqlite3_step(query.get()) == SQLITE_ROW ? text_column(query.get(), 0) : std::string();
}

std::vector<std::string> column_names(sqlite3* db, const char* table) {
  statement_ptr query;
  if (prepare(db, "SELECT name FROM pragma_table_info(?1, 'main')", query) != SQLITE_OK) {
    throw_sqlite_error(db, error_code::sqlite_error, "cannot read the database schema");
  }
  sqlite3_bind_text(query.get(), 1, table, -1, SQLITE_STATIC);
  std::vector<std::string> names;
  while (sqlite3_step(query.get()) == SQLITE_ROW) names.push_back(text_column(query.get(), 0));
  return names;
}

[[noreturn]] void throw_not_the_tool(const foreign_table& expected, const std::string& problem) {
  throw migration_error(error_code::tracking_table_invalid,
                        std::string("options::adopt_from is ") + to_string(expected.format) + ", but \"" +
                            expected.table + "\" " + problem + "; check which tool migrated this database and set " +
                            "options::adopt_from (apply --adopt) to it");
}

void check_shape(sqlite3* db, const foreign_table& expected) {
  const auto columns = column_names(db, expected.table);
  const auto has = [&](const char* name) {
    return std::any_of(columns.begin(), columns.end(),
                       [&](const std::string& c) { return sqlite3_stricmp(c.c_str(), name) == 0; });
  };
  for (const char* column : expected.required_columns) {
    if (!has(column)) throw_not_the_tool(expected, std::string("has no column \"") + column + "\"");
  }
  if (expected.excluded_column && has(expected.excluded_column)) {
    throw_not_the_tool(expected, std::string("has a \"") + expected.excluded_column +
                                     "\" column, as another tool's table of that name does");
  }
}

std::optional<std::int64_t> as_version(std::string_view identity) {
  std::int64_t version = 0;
  const auto* end = identity.data() + identity.size();
  const auto [stop, error] = std::from_chars(identity.data(), end, version);
  if (error != std::errc() || stop != end || identity.empty()) return std::nullopt;
  return version;
}

// The line `embed-migrations import` writes into a file it had to renumber,
// first (or second, after "-- no-transaction"): "-- imported from flyway
// version 1.1 (V1.1__x.sql)", "-- imported from sql-migrate id 1_init.sql".
bool carries_identity(const migration& m, adopt_format format, std::string_view identity) {
  const std::string prefix = std::string("-- imported from ") + to_string(format) + " ";
  std::string_view sql = m.sql;
  for (int line = 0; line < 2 && !sql.empty(); ++line) {
    const auto end = std::min(sql.find('\n'), sql.size());
    std::string_view text = sql.substr(0, end);
    sql.remove_prefix(std::min(end + 1, sql.size()));
    if (text.substr(0, prefix.size()) != prefix) continue;
    text.remove_prefix(prefix.size());
    for (std::string_view kind : {"version ", "id "}) {
      if (text.substr(0, kind.size()) != kind) continue;
      const auto rest = text.substr(kind.size());
      if (rest.substr(0, identity.size()) == identity && (rest.size() == identity.size() || rest[identity.size()] == ' ')) {
        return true;
      }
    }
  }
  return false;
}

// A renumbered file's recorded identity comes first: import may give an
// integer version to another file (Flyway's V1, V1.1, V2 become 1, 2, 3, so
// the table's "2" is file 3).
const migration* find_migration(const migration_set& set, adopt_format format, std::string_view identity) {
  const auto renumbered = std::find_if(set.begin(), set.end(),
                                       [&](const migration& m) { return carries_identity(m, format, identity); });
  if (renumbered != set.end()) return renumbered;
  if (const auto version = as_version(identity)) {
    const auto found = std::lower_bound(set.begin(), set.end(), *version,
                                        [](const migration& m, std::int64_t v) { return m.version < v; });
    if (found != set.end() && found->version == *version) return found;
  }
  return nullptr;
}

}  // namespace

std::optional<foreign_history> read_foreign_history(sqlite3* db, adopt_format format, const migration_set& set) {
  const auto& tables = foreign_tables();
  const auto table = std::find_if(tables.begin(), tables.end(), [&](const foreign_table& t) { return t.format == format; });
  if (table == tables.end()) return std::nullopt;
  const std::string type = object_type(db, table->table);
  if (type.empty()) return std::nullopt;
  if (type != "table") throw_not_the_tool(*table, "is a " + type + ", not a table");
  check_shape(db, *table);

  statement_ptr query;
  if (prepare(db, table->query, query) != SQLITE_OK) {
    throw_sqlite_error(db, error_code::tracking_table_invalid, std::string("cannot read \"") + table->table + "\"");
  }
  std::map<std::string, int> newest;  // identity -> the state its newest row gives
  std::vector<std::string> order;     // identities as first seen
  int rc;
  while ((rc = sqlite3_step(query.get())) == SQLITE_ROW) {
    auto identity = text_column(query.get(), 0);
    if (newest.find(identity) == newest.end()) order.push_back(identity);
    newest[identity] = sqlite3_column_int(query.get(), 1);
  }
  if (rc != SQLITE_DONE) {
    throw_sqlite_error(db, error_code::tracking_table_invalid, std::string("cannot read \"") + table->table + "\"");
  }

  const std::string tool = to_string(format);
  std::vector<bool> adopted(set.size(), false);
  for (const auto& identity : order) {
    const int state = newest[identity];
    if (state == not_applied) continue;
    if (state == failed) {
      throw migration_error(error_code::incomplete_migration,
                            tool + " recorded version " + identity + " in \"" + table->table +
                                "\" as failed or dirty: it may be partly applied. Check the database, finish or undo "
                                "that migration with " + tool + ", mark it clean there, and start again; nothing was "
                                "changed");
    }
    const migration* match = find_migration(set, format, identity);
    if (!match) {
      throw migration_error(error_code::database_ahead,
                            tool + " recorded version " + identity + " in \"" + table->table +
                                "\" as applied, and this set has no migration with that version. Import the "
                                "directory that tool used (embed-migrations import --from " + tool +
                                ") so every applied version is in the set; nothing was changed");
    }
    const auto index = static_cast<std::size_t>(match - set.begin());
    adopted[index] = true;
    if (state == applied_up_to) std::fill(adopted.begin(), adopted.begin() + static_cast<std::ptrdiff_t>(index), true);
  }

  foreign_history history{table->table, {}};
  for (std::size_t i = 0; i < set.size(); ++i) {
    if (adopted[i]) history.applied.push_back(&set[i]);
  }
  return history;
}

}  // namespace embedded_migrations::detail
