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

std::string dangling_message(const std::string& found, bool own_commit) {
  return std::string(own_commit ? "this COMMIT would leave " : "the migration leaves ") + found +
         "; delete or fix those rows (or the constraint) in the migration before it " +
         (own_commit ? "commits" : "ends") + ", and check with PRAGMA foreign_key_check";
}

// Before a -- no-transaction migration's own COMMIT: with foreign keys on,
// SQLite counts the violations it will refuse, and naming their tables costs
// a foreign_key_check only when there are some. With foreign keys turned off
// by the migration (the 12-step table rebuild) SQLite counts nothing, so in a
// set that runs with foreign keys on the check reads every table, as the
// rebuild's own step 10 would.
std::optional<std::string> dangling_rows_before_commit(sqlite3* db, foreign_keys_mode mode, bool violations_seen) {
  std::optional<std::string> found;
  if (foreign_keys_enabled(db)) {
    if (violations_seen || has_deferred_violations(db)) found = dangling_rows(db);
  } else if (mode == foreign_keys_mode::on) {
    found = dangling_rows(db);
  }
  if (!found) return std::nullopt;
  return dangling_message(*found, true);
}

// Before our COMMIT of a transactional migration: violations of deferred
// constraints would make it fail with no table named. Violations SQLite
// counted and then forgot (PRAGMA defer_foreign_keys = OFF) it would commit:
// once any were seen, PRAGMA foreign_key_check decides.
std::optional<script_failure> dangling_rows_at_end(sqlite3* db, const migration& m, bool violations_seen) {
  const bool counted = has_deferred_violations(db);
  if (!counted && !violations_seen) return std::nullopt;
  auto found = dangling_rows(db);
  if (!found && !counted) return std::nullopt;  // resolved by the migration itself
  return script_failure{m.sql.size(), m.sql.size(), 0,
                        dangling_message(found ? *found : std::string("rows that violate a deferred foreign key"),
                                         false)};
}

}  // namespace embedded_migrations::detail
