#include "failure.hpp"

#include <sqlite3.h>

namespace embedded_migrations::detail {

void throw_sqlite_error(sqlite3* db, error_code code, const std::string& what, const std::string& filename) {
  throw migration_error(code, what + ": " + sqlite3_errmsg(db), filename, sqlite3_extended_errcode(db));
}

void execute(sqlite3* db, const char* sql, const std::string& filename) {
  if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) {
    throw_sqlite_error(db, error_code::sqlite_error, std::string("SQLite could not run ") + sql, filename);
  }
}

}  // namespace embedded_migrations::detail
