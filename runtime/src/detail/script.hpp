// Runs a migration's SQL statement by statement, so a failure can be located.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace embedded_migrations::detail {

struct script_failure {
  std::size_t statement_offset;  // where the failing statement's first token starts
  std::size_t error_offset;      // where SQLite points (sqlite3_error_offset), else statement_offset
  int sqlite_code;               // extended result code; 0 when a check refused the statement
  std::string message;           // sqlite3_errmsg, or why the statement was refused
};

// Lets the caller follow and vet each statement of a migration. A connection
// we own (the build-time replay) has an authorizer that runs while a statement
// is prepared, so it needs to know when preparing starts; apply() runs on the
// application's connection and vets the compiled statement instead.
struct statement_hooks {
  // Called right before each statement is prepared.
  std::function<void()> before_prepare;
  // Called once a statement compiled, before it runs, with its text from its
  // first token; a message refuses it.
  std::function<std::optional<std::string>(sqlite3_stmt* statement, std::string_view text)> vet;
  // Called once the statement is done with, whether it failed to prepare, was
  // refused, ran or failed running: what the connection does next is the
  // caller's own bookkeeping, which an authorizer must not judge as the
  // migration's SQL.
  std::function<void()> after_statement;
};

// Executes every statement of `sql` on `db` in order and stops at the first
// failure. Rows a statement returns are discarded. With `in_transaction`,
// statements that would end or escape the caller's transaction (BEGIN, COMMIT,
// END, ROLLBACK, VACUUM) are refused before they run.
std::optional<script_failure> run_script(sqlite3* db, std::string_view sql, bool in_transaction,
                                         const statement_hooks& hooks = {});

}  // namespace embedded_migrations::detail
