// options::fresh_from_snapshot: an empty database gets the final schema and
// rows in one transaction, with every migration recorded as applied.
#pragma once

#include "../tracking_table.hpp"

#include <embedded_migrations/apply.hpp>

#include <optional>

namespace embedded_migrations::detail {

// With options::fresh_from_snapshot, on a database without any object: runs
// the set's snapshot script and records every migration, all in one BEGIN
// IMMEDIATE transaction (the emptiness is checked again under the lock), and
// reports each as baselined. nullopt when the option is off or the database
// is not empty, so apply() migrates as usual. Throws invalid_argument when the
// set is not eligible, and migration_error when the script fails (nothing is
// then left behind).
// What apply_fresh_snapshot() decides before it takes the lock, read only
// (plan() reports it): true when the option is set, the set is not empty, and
// the database has no object, can be written and is not in a transaction.
// Throws invalid_argument when the option is set for a set that is not eligible.
bool fresh_snapshot_applies(sqlite3* db, const migration_set& set, const options& opts);

std::optional<apply_result> apply_fresh_snapshot(sqlite3* db, tracking_table& table, const migration_set& set,
                                                 const options& opts);

}  // namespace embedded_migrations::detail
