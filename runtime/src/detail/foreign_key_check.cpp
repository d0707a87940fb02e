#include "foreign_key_check.hpp"

#include "sqlite_handles.hpp"

#include <sqlite3.h>

#include <map>

namespace embedded_migrations::detail {

bool has_deferred_violations(sqlite3* db) noexcept {
  int current = 0;
  int highest = 0;
  return sqlite3_db_status(db, SQLITE_DBSTATUS_DEFERRED_FKS, &current, &highest, 0) == SQLITE_OK && current > 0;
}

std::optional<std::string> dangling_rows(sqlite3* db) {
  statement_ptr query;
  if (prepare(db, "PRAGMA main.foreign_key_check", query) != SQLITE_OK) {
    return std::string("PRAGMA foreign_key_check failed: ") + sqlite3_errmsg(db);
  }
  std::map<std::string, std::size_t> rows_by_table;  // sorted, so the message is stable
  int rc;
  while ((rc = sqlite3_step(query.get())) == SQLITE_ROW) {
    const auto* table = sqlite3_column_text(query.get(), 0);
    ++rows_by_table[table ? reinterpret_cast<const char*>(table) : ""];
  }
  if (rc != SQLITE_DONE) return std::string("PRAGMA foreign_key_check failed: ") + sqlite3_errmsg(db);
  if (rows_by_table.empty()) return std::nullopt;
  std::string tables;
  for (const auto& [table, count] : rows_by_table) {
    tables += (tables.empty() ? "" : ", ") + table + " (" + std::to_string(count) + (count == 1 ? " row)" : " rows)");
  }
  return "rows whose foreign keys point to no row (PRAGMA foreign_key_check) in " + tables;
}

bool foreign_keys_enabled(sqlite3* db) {
  statement_ptr query;
  return prepare(db, "PRAGMA foreign_keys", query) == SQLITE_OK && sqlite3_step(query.get()) == SQLITE_ROW &&
         sqlite3_column_int(query.get(), 0) != 0;
}

}  // namespace embedded_migrations::detail
