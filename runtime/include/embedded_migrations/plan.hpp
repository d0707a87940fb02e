// A dry run: what apply() would do to a database, found without writing.
#pragma once

#include <embedded_migrations/migration.hpp>
#include <embedded_migrations/migration_error.hpp>
#include <embedded_migrations/options.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

struct sqlite3;

namespace embedded_migrations {

// The migrations are copies of the set's, whose views point into the set's
// text: a plan lives as long as the set it was made from (a generated set,
// as long as the program).
struct apply_plan {
  std::vector<migration> pending{};       // what apply() runs, in this order
  std::vector<migration> out_of_order{};  // those of `pending` older than the newest applied one
  std::vector<migration> baselined{};     // recorded without running: options::baseline_version or fresh_from_snapshot
  std::vector<migration> adopted{};       // recorded without running, as another tool applied them (adopt_from)
  std::size_t already_applied = 0;        // recorded before the call
  std::int64_t current_version = 0;       // the newest applied version; 0 when none is
  std::int64_t target_version = 0;        // the newest version once apply() is done
  bool from_snapshot = false;             // options::fresh_from_snapshot would create the schema in one transaction
  std::string backup{};                   // where options::backup would copy the database first; empty: no copy
  // The error apply() would throw before writing anything: checksum_mismatch,
  // database_ahead, out_of_order, incomplete_migration, sqlite_unsupported,
  // read_only, invalid_argument, backup_no_space, busy, ... The lists above
  // hold what was found before it. Faults of the migrations' own SQL, or of
  // the writes themselves (disk full), show only when they run.
  std::optional<error_details> error{};

  // Nothing to run or record: apply() would only read.
  bool is_up_to_date() const noexcept { return pending.empty() && baselined.empty() && adopted.empty(); }
};

// What apply(db, set, opts) would do now, decided by the code apply() runs
// before its first write (the same planner), so that the plan holds what
// apply() then does unless another connection writes in between. Never
// writes and takes no write lock: it works on a SQLITE_OPEN_READONLY
// connection and never creates the tracking table. With an unfinished
// -- no-transaction migration it reports incomplete_migration at once, where
// apply() first waits options::busy_timeout for it. A backup callback
// (options::backup) is called to name the copy, which is not made.
// Throws migration_error(invalid_argument) for a null connection, and what
// the callbacks of `opts` throw; every other error goes to apply_plan::error.
apply_plan plan(sqlite3* db, const migration_set& set, const options& opts = {});

// The noexcept twins: what plan() would throw goes to `ec`, or to `error`,
// and the plan comes back empty.
apply_plan plan(sqlite3* db, const migration_set& set, const options& opts, std::error_code& ec) noexcept;
apply_plan plan(sqlite3* db, const migration_set& set, const options& opts, error_details& error) noexcept;

}  // namespace embedded_migrations
