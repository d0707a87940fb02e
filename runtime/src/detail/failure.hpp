// Turning SQLite's errors into migration_errors with a code and a remedy.
#pragma once

#include <embedded_migrations/migration.hpp>
#include <embedded_migrations/migration_error.hpp>

#include <cstdint>
#include <string>
#include <string_view>

struct sqlite3;

namespace embedded_migrations::detail {

// The fault a SQLite result code stands for (busy, read_only, disk_full,
// io_error, database_corrupt, not_a_database), or `otherwise` for any other.
error_code classify(int sqlite_code, error_code otherwise);

// What the user can do about a fault; empty for codes that carry their own.
std::string remedy(error_code code);

// Throws migration_error with "<what>: <sqlite message>; <remedy>", the code
// classify() gives for the connection's last error (else `otherwise`), and
// SQLite's extended code.
[[noreturn]] void throw_sqlite_error(sqlite3* db, error_code otherwise, const std::string& what,
                                     const std::string& filename = {});

// The errors about one migration's tracking row.
// `recorded_filename` is the name the row was applied as: when it is not
// `filename`, the migrations were renumbered, and the message says so.
[[noreturn]] void throw_checksum_mismatch(std::string_view filename, std::int64_t version, std::string_view recorded_checksum,
                                          std::string_view embedded_checksum, std::string_view recorded_filename);
[[noreturn]] void throw_incomplete(std::string_view filename, std::int64_t version, const std::string& table);

// Throws migration_error(sqlite_unsupported), naming both versions or the
// missing modules, when the SQLite `db` runs on cannot run the set.
void throw_if_unsupported(sqlite3* db, const migration_set& set);

// Runs one statement that returns no rows; throws like throw_sqlite_error on failure.
void execute(sqlite3* db, const char* sql, const std::string& filename = {});

}  // namespace embedded_migrations::detail
