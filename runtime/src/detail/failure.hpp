// Turning SQLite's last error on a connection into a migration_error.
#pragma once

#include <embedded_migrations/migration_error.hpp>

#include <string>

struct sqlite3;

namespace embedded_migrations::detail {

// Throws migration_error(code) with "<what>: <sqlite message>" and SQLite's
// extended code taken from `db`.
[[noreturn]] void throw_sqlite_error(sqlite3* db, error_code code, const std::string& what,
                                     const std::string& filename = {});

// Runs one statement that returns no rows; throws like throw_sqlite_error on failure.
void execute(sqlite3* db, const char* sql, const std::string& filename = {});

}  // namespace embedded_migrations::detail
