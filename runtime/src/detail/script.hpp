// Runs a migration's SQL statement by statement, so a failure can be located.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3;

namespace embedded_migrations::detail {

struct script_failure {
  std::size_t statement_offset;  // where the failing statement's first token starts
  std::size_t error_offset;      // where SQLite points (sqlite3_error_offset), else statement_offset
  int sqlite_code;               // extended result code; 0 when a check refused the statement
  std::string message;           // sqlite3_errmsg, or why the statement was refused
};

// Vets one statement (its text, from its first token) before it runs; a
// message refuses it.
using statement_check = std::function<std::optional<std::string>(std::string_view statement)>;

// Executes every statement of `sql` on `db` in order and stops at the first
// failure. Rows a statement returns are discarded. With `in_transaction`,
// statements that would end or escape the caller's transaction (BEGIN, COMMIT,
// END, ROLLBACK, VACUUM) are refused before they run.
std::optional<script_failure> run_script(sqlite3* db, std::string_view sql, bool in_transaction,
                                         const statement_check& extra_check = {});

}  // namespace embedded_migrations::detail
