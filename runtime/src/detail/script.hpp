// Runs a migration's SQL statement by statement, so a failure can be located.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace embedded_migrations::detail {

class tracking_root_pages;

struct script_failure {
  std::size_t statement_offset;  // where the failing statement's first token starts
  std::size_t error_offset;      // where SQLite points (statement_hooks::error_offset), else statement_offset
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
  // Where in the text SQLite points, for a failed statement, from the start of
  // the text it was handed; negative when it points nowhere. The runtime
  // itself reports the failing statement's line only: sqlite3_error_offset()
  // came with SQLite 3.38.0, newer than the runtime's floor (3.26.0), so only
  // the generator, which runs on the build machine, passes it here.
  std::function<int(sqlite3* db)> error_offset;
  // Whether the caller's authorizer judged the statement just prepared as a
  // whole: every table it, and every trigger it fires, reads or writes, with
  // the tracking table refused (the generator's replay, on a connection it
  // owns). Such a statement counts as inspected (script_result::
  // fully_inspected), so the tracking table's fingerprint, which reads every
  // row of it, is not taken again after the migration: a replay of N
  // migrations would read N(N+1)/2 rows. Unset: no statement is.
  std::function<bool()> authorized_whole;
};

// What explaining a statement costs, in bytes of its text: SQLite compiles it
// a second time, 30k to 90k instructions whatever its length, then reading
// the program and the text cost about 18 instructions a byte (callgrind,
// SQLite 3.40.1, x86-64: EXPLAIN of a CREATE TABLE, and of INSERTs of 10 to
// 10,000 bytes).
inline constexpr std::size_t explain_overhead_bytes = 3000;

// What run_script refuses and watches, decided from what SQLite compiled.
struct script_rules {
  // The migration runs inside the caller's transaction: a statement that would
  // end it or start another (the AutoCommit opcode), VACUUM or ATTACH/DETACH
  // is refused before it runs, and the transaction must still be open after
  // every statement.
  bool in_transaction = false;
  // Inspect every statement's program (EXPLAIN). Without it only read-only
  // statements are inspected, as transaction control, ATTACH and DETACH
  // compile to read-only programs, plus the writing ones while their text
  // stays within `inspection_budget` bytes: a write to the tracking table in
  // a statement not inspected is caught by the caller's fingerprint instead,
  // which keeps a large data migration at the cost of running it, while a
  // small migration on a long tracking table is cheaper to explain than the
  // table is to hash.
  bool inspect_every_statement = false;
  // In bytes of statement text, each explained statement counting
  // explain_overhead_bytes more (see below).
  std::size_t inspection_budget = 0;
  // The savepoint the caller runs the SQL under (empty: none): a statement
  // that releases or rolls back to it is refused, as it would end or undo
  // the caller's own work.
  std::string_view own_savepoint;
  // Refuse statements that read or change this table (in main); null: none.
  tracking_root_pages* tracking_table = nullptr;
  // Called before a statement that commits (COMMIT or END, from its
  // program) runs; a message refuses it. A -- no-transaction migration's
  // foreign-key check before its own commit. `violations_seen`: after some
  // statement of the transaction SQLite counted foreign-key violations to
  // refuse at COMMIT (script_result::deferred_violations_seen).
  std::function<std::optional<std::string>(bool violations_seen)> before_commit;
  // Called after each statement ran; a message fails the script at that
  // statement (the caller's fingerprint, when locating which statement
  // changed the tracking table).
  std::function<std::optional<std::string>()> after_statement;
  // How long a statement that meets another connection's lock outside any
  // transaction is retried (the connection's busy handler runs first).
  std::chrono::steady_clock::time_point busy_deadline{};
};

// What the script did, from SQLite's point of view.
struct script_result {
  std::optional<script_failure> failure;
  // A statement's effects were committed: it changed the database outside any
  // transaction, or a COMMIT it issued succeeded. Only -- no-transaction
  // migrations can commit.
  bool committed_something = false;
  // Every statement's program was read and none runs code it does not show
  // (see statement_program::runs_other_code): what those programs touch is all
  // the migration touched, so the tracking table's fingerprint need not be
  // taken again.
  bool fully_inspected = true;
  // After some statement SQLite counted foreign-key violations it would refuse
  // at COMMIT (SQLITE_DBSTATUS_DEFERRED_FKS). PRAGMA defer_foreign_keys = OFF
  // makes it forget them without a word (the count is reset when the pragma
  // is prepared), so a count of 0 at the end proves nothing once this is set:
  // the caller then asks PRAGMA foreign_key_check.
  bool deferred_violations_seen = false;
};

// Executes every statement of `sql` on `db` in order and stops at the first
// failure. Rows a statement returns are discarded.
script_result run_script(sqlite3* db, std::string_view sql, const script_rules& rules,
                         const statement_hooks& hooks = {});

}  // namespace embedded_migrations::detail
