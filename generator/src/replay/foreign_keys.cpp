#include "replay/foreign_keys.hpp"

#include "detail/sqlite_handles.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

namespace embedded_migrations::generator {
namespace {

std::string uncheckable(sqlite3* db) {
  return fmt::format(
      "after this migration SQLite cannot check foreign keys ({}), which turns the check off for every table; a "
      "foreign key names a column that does not exist, or parent columns without a PRIMARY KEY or UNIQUE "
      "constraint: fix the REFERENCES clause (or the parent table) this migration added or broke",
      sqlite3_errmsg(db));
}

}  // namespace

std::optional<std::string> foreign_key_problem(sqlite3* db, std::string_view after) {
  detail::statement_ptr check;
  if (detail::prepare(db, "PRAGMA foreign_key_check", check) != SQLITE_OK) return uncheckable(db);
  std::size_t count = 0;
  std::string first;
  int rc;
  while ((rc = sqlite3_step(check.get())) == SQLITE_ROW) {
    if (count++ == 0) {
      const auto* table = reinterpret_cast<const char*>(sqlite3_column_text(check.get(), 0));
      const auto* parent = reinterpret_cast<const char*>(sqlite3_column_text(check.get(), 2));
      first = fmt::format("row {} of \"{}\" references a missing row of \"{}\"", sqlite3_column_int64(check.get(), 1),
                          table ? table : "?", parent ? parent : "?");
    }
  }
  if (rc != SQLITE_DONE) return uncheckable(db);
  if (count == 0) return std::nullopt;
  return fmt::format("after {} {} row{} violate{} a foreign key ({}{}); fix the data or the constraint", after,
                     count, count == 1 ? "" : "s", count == 1 ? "s" : "", first, count > 1 ? ", ..." : "");
}

std::optional<std::string> foreign_key_problem(sqlite3* db, const std::vector<std::string>& tables) {
  if (tables.empty()) return std::nullopt;
  detail::statement_ptr check;
  if (detail::prepare(db, "SELECT 1 FROM pragma_foreign_key_check(?1, 'main') LIMIT 1", check) != SQLITE_OK) {
    return foreign_key_problem(db);
  }
  for (const auto& table : tables) {
    sqlite3_bind_text(check.get(), 1, table.c_str(), static_cast<int>(table.size()), SQLITE_STATIC);
    const int rc = sqlite3_step(check.get());
    sqlite3_reset(check.get());
    if (rc != SQLITE_DONE) return foreign_key_problem(db);  // a violation, or a key SQLite cannot check
  }
  return std::nullopt;
}

std::optional<std::string> dangling_parent_problem(sqlite3* db) {
  detail::statement_ptr query;
  const char* sql =
      "SELECT m.name, f.\"table\" FROM sqlite_schema AS m, pragma_foreign_key_list(m.name) AS f "
      "WHERE m.type = 'table' AND NOT EXISTS (SELECT 1 FROM sqlite_schema AS p WHERE p.type = 'table' "
      "AND p.name = f.\"table\" COLLATE NOCASE) ORDER BY m.name LIMIT 1";
  if (detail::prepare(db, sql, query) != SQLITE_OK || sqlite3_step(query.get()) != SQLITE_ROW) return std::nullopt;
  const auto* child = reinterpret_cast<const char*>(sqlite3_column_text(query.get(), 0));
  const auto* parent = reinterpret_cast<const char*>(sqlite3_column_text(query.get(), 1));
  return fmt::format(
      "after this migration \"{0}\" has a foreign key to \"{1}\", which no longer exists, so with foreign keys on "
      "every write to \"{0}\" fails with 'no such table: main.{1}'; ALTER TABLE ... RENAME TO also renames the "
      "references to a table, so a rebuild that renames the old table away and then drops it takes its children's "
      "foreign keys with it. Rebuild the table the 12-step way instead: create the new table under a new name, copy "
      "the rows, drop the old table, then rename the new one to the old name, in a '-- no-transaction' file: "
      "PRAGMA foreign_keys=OFF; BEGIN; ... PRAGMA foreign_key_check; COMMIT; PRAGMA foreign_keys=ON; "
      "(https://www.sqlite.org/lang_altertable.html#otheralter)",
      child ? child : "?", parent ? parent : "?");
}

}  // namespace embedded_migrations::generator
