// What a compiled statement will do, read from the program SQLite compiled for
// it (EXPLAIN), because the application's connection has no authorizer we may use.
#pragma once

#include "sqlite_handles.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

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
  std::string savepoint_ended;        // the savepoint a RELEASE or ROLLBACK TO names (the Savepoint opcode)
  // Runs code the program does not show: a trigger's sub-program, a virtual
  // table's module, or a function (an application's can run SQL of its own).
  bool runs_other_code = false;
};

// The b-tree root pages of the tracking table and of its indexes in main,
// read from sqlite_master (a scan, which grows with the schema) once and kept
// while nothing can have moved them. Root pages move only when VACUUM
// renumbers the file, or when a DROP in an auto-vacuum database fills the
// hole with the last root pages; read_program forgets them after a program
// that shows either, and the owner forgets them when another connection may
// have done either (PRAGMA data_version moved).
class tracking_root_pages {
 public:
  explicit tracking_root_pages(std::string table) : table_(std::move(table)) {}
  const std::string& table() const noexcept { return table_; }
  bool contains(sqlite3* db, std::int64_t page);
  void forget() noexcept { read_ = false; }
  // A statement ran whose program was not read: it may have dropped a b-tree.
  void after_unread_statement() noexcept {
    if (auto_vacuum_) read_ = false;
  }
  // Outside any transaction (a -- no-transaction migration) another
  // connection can commit between two statements, a VACUUM that renumbers
  // every page among them: forgets the pages when PRAGMA data_version says
  // another connection committed since they were read. Call it right before
  // a statement outside a transaction is explained.
  void forget_if_committed_elsewhere(sqlite3* db);

 private:
  std::int64_t data_version(sqlite3* db);

  std::string table_;
  std::vector<std::int64_t> pages_;
  bool read_ = false;
  bool auto_vacuum_ = true;  // until read: assume pages can move
  std::int64_t data_version_ = -1;  // when the pages were read
  statement_ptr data_version_query_;
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
// `tracking_table` is null when no table is guarded.
program_or_error read_program(sqlite3* db, std::string_view statement, tracking_root_pages* tracking_table);

}  // namespace embedded_migrations::detail
