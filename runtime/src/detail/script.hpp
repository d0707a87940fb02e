// Runs a migration's SQL statement by statement, so a failure can be located.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3;

namespace embedded_migrations::detail {

struct script_failure {
  std::size_t statement_offset;  // where the failing statement's first token starts
  std::size_t error_offset;      // where SQLite points (sqlite3_error_offset), else statement_offset
  int sqlite_code;               // extended result code
  std::string message;           // sqlite3_errmsg
};

// Executes every statement of `sql` on `db` in order and stops at the first
// failure. Rows a statement returns are discarded. Transactions are the
// caller's business.
std::optional<script_failure> run_script(sqlite3* db, std::string_view sql);

}  // namespace embedded_migrations::detail
