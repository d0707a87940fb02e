// What apply() is about to do, decided from one read of the tracking table:
// apply() and plan() share this one planner, so a dry run says what a run does.
#pragma once

#include "busy_wait.hpp"
#include "tracking_table.hpp"

#include <embedded_migrations/migration.hpp>
#include <embedded_migrations/migration_error.hpp>
#include <embedded_migrations/options.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace embedded_migrations::detail {

struct migration_plan {
  std::vector<const migration*> pending;       // to run, in version order
  std::vector<const migration*> baseline;      // to record without running
  std::vector<const migration*> out_of_order;  // pending, yet older than the newest applied
  std::vector<const migration*> adopted;       // to record without running: another tool applied them
  std::vector<const migration*> claimed;       // pending, with the claim of a -- no-transaction run not finished
  std::size_t already_applied = 0;
  std::optional<std::int64_t> newest_applied;  // the highest complete version recorded, known or not

  bool writes_nothing() const noexcept { return pending.empty() && baseline.empty() && adopted.empty(); }
};

// Verifies what the database recorded against the set and decides what to do,
// from one lean scan of the tracking table: nothing is copied per row, which
// keeps an up-to-date start close to the bare SELECT. Reads only. Throws
// migration_error: checksum_mismatch, database_ahead, out_of_order (policy
// fail), tracking_table_invalid, busy when another connection's commit locks
// the read out, or what adopting another tool's history refuses.
migration_plan make_plan(sqlite3* db, const migration_set& set, tracking_table& table, const options& opts);

// How long apply() waits for other connections: the option, else the
// connection's own busy timeout, else 5 seconds. Only read when needed, so an
// up-to-date start stays one query.
std::chrono::milliseconds wait_for(sqlite3* db, const options& opts);

// What apply() checks before reading the database: the set's version order,
// the options, and that the SQLite `db` runs on can run the set. Throws
// migration_error (invalid_argument, sqlite_unsupported).
void check_arguments(sqlite3* db, const migration_set& set, const options& opts);

// Runs `read` (a read of the database), again while it throws because of
// another connection's lock: in rollback-journal mode a commit locks readers
// out for a moment, and with shared cache a writer holds the schema. Gives up
// once wait_for() has passed, throwing what the last read threw.
template <typename Read>
auto read_waiting(sqlite3* db, const options& opts, Read&& read) -> decltype(read()) {
  std::optional<steady_time> deadline;
  for (int attempt = 0;; ++attempt) {
    try {
      return read();
    } catch (const migration_error& error) {
      if (error.code() != error_code::busy && !is_other_connections_lock(error.sqlite_code())) throw;
      if (!deadline) deadline = deadline_after(wait_for(db, opts));
      if (!wait_before_retry(attempt, *deadline)) throw;
    }
  }
}

// make_plan(), through read_waiting().
migration_plan read_plan(sqlite3* db, const migration_set& set, tracking_table& table, const options& opts);

// The refusals apply() makes once it knows something is to be written, before
// writing: a read-only database, an open transaction, a statement still being
// stepped, SQL holding a NUL byte, a -- no-transaction migration in atomic
// mode. Throws migration_error (read_only, invalid_argument, statement_in_progress).
void check_before_writing(sqlite3* db, const migration_plan& plan, const options& opts);

}  // namespace embedded_migrations::detail
