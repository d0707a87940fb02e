// What a compiled statement will do, read from the program SQLite compiled for
// it (EXPLAIN), because the application's connection has no authorizer we may use.
#pragma once

#include <optional>
#include <string>
#include <string_view>

struct sqlite3;

namespace embedded_migrations::detail {

struct statement_program {
  enum class transaction_control { none, begin, commit, rollback };
  transaction_control control = transaction_control::none;  // the AutoCommit opcode: BEGIN, COMMIT/END, ROLLBACK
  bool attaches = false;              // ATTACH or DETACH (the sqlite_attach / sqlite_detach functions)
  bool vacuums = false;               // VACUUM (the Vacuum opcode)
  bool vacuums_into = false;          // VACUUM INTO: the Vacuum opcode with a file name (its p2 register)
  std::string vacuum_target;          // that file name, when a String8 constant gives it
  bool touches_tracking_table = false;  // reads, writes, drops, renames or shadows the tracking table
  // Runs code the program does not show: a trigger's sub-program, a virtual
  // table's module, or a function (an application's can run SQL of its own).
  bool runs_other_code = false;
};

// Compiles "EXPLAIN <statement>" on `db` and reads its opcodes. The tracking
// table is touched when the program opens, clears or destroys one of its
// b-trees in main (OpenRead/OpenWrite/Clear/Destroy on its root pages or its
// indexes'), or writes a schema (OpenWrite on page 1 of any database) with
// the table's name among its string constants: DROP, ALTER, CREATE INDEX or
// TRIGGER on it, CREATE TEMP TABLE of that name. Returns SQLite's message when
// the EXPLAIN cannot be compiled.
struct program_or_error {
  std::optional<statement_program> program;
  std::string error;
};
program_or_error read_program(sqlite3* db, std::string_view statement, std::string_view tracking_table);

}  // namespace embedded_migrations::detail
