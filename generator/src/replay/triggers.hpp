// The trigger and view check run after each migration of the replay: what a
// new trigger's body would do when it fires, or a new view when it is read,
// judged by the authorizer.
#pragma once

#include "replay/authorizer.hpp"
#include "replay/schema_tracker.hpp"

#include <optional>
#include <set>
#include <string>

struct sqlite3;

namespace embedded_migrations::generator {

// SQLite resolves a trigger's body only when a statement that fires it is
// prepared, so a trigger on an application table that writes the tracking
// table passes the replay unless a later migration happens to fire it, and
// then corrupts the tracking table on the device. This prepares (never runs)
// an INSERT, an UPDATE of every column and a DELETE on the table of each
// trigger of `changes` (those the migration created or changed) not in
// `checked`, under `policy` as a migration statement, and returns the first
// refusal it causes. Other errors of those statements are not the trigger's
// (a view without that INSTEAD OF trigger, say) and are ignored. A new view
// is prepared as SELECT * FROM it, for the same reason. Adds each trigger and
// view it checked to `checked`.
std::optional<std::string> trigger_problem(sqlite3* db, replay_policy& policy, const schema_changes& changes,
                                           std::set<std::string>& checked);

}  // namespace embedded_migrations::generator
