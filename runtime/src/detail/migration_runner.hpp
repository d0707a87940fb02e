// Runs migrations exactly as apply() does; the generator's build-time replay
// calls this too, so what passes the build is what runs on the device.
#pragma once

#include "script.hpp"
#include "tracking_table.hpp"

#include <embedded_migrations/migration.hpp>

#include <chrono>
#include <functional>
#include <optional>
#include <vector>

namespace embedded_migrations::detail {

struct run_settings {
  statement_hooks hooks;
  bool sync_user_version = false;
  // How long to wait for another connection's write lock, or for its
  // unfinished -- no-transaction migration before reporting it as incomplete.
  // The wait is our own retry loop: the connection's busy handler is never
  // replaced.
  std::chrono::milliseconds busy_timeout{0};
  // The set's foreign-key mode (the caller sets the connection to it before
  // the first migration). With foreign keys on, a migration that leaves rows
  // whose foreign keys point nowhere fails before it commits, and a
  // -- no-transaction one has the mode set again once it ran.
  foreign_keys_mode foreign_keys = foreign_keys_mode::unspecified;
};

struct run_outcome {
  bool ran = false;  // false: another connection recorded it first
  std::optional<script_failure> failure;
  bool partially_applied = false;  // a -- no-transaction migration failed after a statement of it committed
};

// Runs one migration under BEGIN IMMEDIATE unless, re-checked under that lock,
// another connection already recorded it. A transactional migration runs in
// that transaction with its tracking row and is rolled back if its SQL fails,
// or if it changed the tracking table (then it runs once more, every statement
// inspected, to name the statement, and is rolled back again). A
// -- no-transaction one is first claimed (a row with a NULL checksum,
// committed), then run as it is with every statement inspected, then
// completed; its claim is released when none of its statements committed. Returns the failure of the
// migration's own SQL; throws migration_error for faults around it.
// `on_start` is called once the migration is known to run, under the lock.
run_outcome run_migration(sqlite3* db, tracking_table& table, const migration& pending,
                          const run_settings& settings = {},
                          const std::function<void(const migration&)>& on_start = {});

struct batch_outcome {
  std::vector<const migration*> ran;
  const migration* failed = nullptr;
  std::optional<script_failure> failure;
};

// Runs every migration of `pending` (all transactional) in one transaction:
// all are applied or none. Skips those another connection recorded first.
batch_outcome run_batch(sqlite3* db, tracking_table& table, const std::vector<const migration*>& pending,
                        const run_settings& settings, const std::function<void(const migration&)>& on_start);

// Records migrations as applied without running them (a baseline), in one
// transaction, skipping those already recorded; returns those it recorded.
std::vector<const migration*> record_without_running(sqlite3* db, tracking_table& table,
                                                     const std::vector<const migration*>& adopted,
                                                     const run_settings& settings);

}  // namespace embedded_migrations::detail
