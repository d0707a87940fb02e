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

std::optional<std::string> foreign_key_problem(sqlite3* db) {
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
  return fmt::format("after this migration {} row{} violate{} a foreign key ({}{}); fix the data or the constraint",
                     count, count == 1 ? "" : "s", count == 1 ? "s" : "", first, count > 1 ? ", ..." : "");
}

}  // namespace embedded_migrations::generator
