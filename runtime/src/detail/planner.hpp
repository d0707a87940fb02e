// What apply() is about to do, decided from one read of the tracking table:
// apply() and plan() share this one planner, so a dry run says what a run does.
#pragma once

#include "tracking_table.hpp"

#include <embedded_migrations/migration.hpp>
#include <embedded_migrations/options.hpp>

#include <cstddef>
#include <vector>

namespace embedded_migrations::detail {

struct migration_plan {
  std::vector<const migration*> pending;       // to run, in version order
  std::vector<const migration*> baseline;      // to record without running
  std::vector<const migration*> out_of_order;  // pending, yet older than the newest applied
  std::vector<const migration*> adopted;       // to record without running: another tool applied them
  std::size_t already_applied = 0;
};

// Verifies what the database recorded against the set and decides what to do,
// from one lean scan of the tracking table: nothing is copied per row, which
// keeps an up-to-date start close to the bare SELECT. Reads only. Throws
// migration_error: checksum_mismatch, database_ahead, out_of_order (policy
// fail), tracking_table_invalid, busy when another connection's commit locks
// the read out, or what adopting another tool's history refuses.
migration_plan make_plan(sqlite3* db, const migration_set& set, tracking_table& table, const options& opts);

}  // namespace embedded_migrations::detail
