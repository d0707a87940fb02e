// Build-time validation: every migration replayed, in order, on a scratch
// in-memory database by the runtime's own code, so SQL that would fail on a
// user's machine fails the build instead.
#pragma once

#include "diagnostic.hpp"
#include "migration_directory.hpp"
#include "replay/declared_functions.hpp"
#include "replay/replay_check.hpp"
#include "replay/sandbox.hpp"

#include <functional>
#include <string>
#include <vector>

struct sqlite3;

namespace embedded_migrations::generator {

struct schema_history;

struct replay_options {
  std::vector<declared_function> functions;
  // The tracking table the replay records migrations in, which they may not touch.
  std::string tracking_table = "migrations";
  replay_limits limits;
  // The set's foreign-key mode (--foreign-keys, FOREIGN_KEYS): the replay runs
  // with PRAGMA foreign_keys set so, as apply() runs the set.
  bool foreign_keys = false;
  // Called on the scratch connection before the replay (the fuzzer adds limits).
  std::function<void(sqlite3*)> configure_connection;
  // Called before each statement of a migration is prepared, with whether the
  // migration is transactional: the fuzzer checks invariants there.
  std::function<void(sqlite3*, bool transactional)> before_statement;
  // Checks that ride on the replay (replay_check.hpp); not owned.
  std::vector<replay_check*> checks;
  // When given, receives each replayed migration's destructive effects and
  // the schema after the last one (schema/schema_history.hpp); not owned.
  schema_history* history = nullptr;
};

// Replays `migrations` (in version order, all valid by name and content) and
// appends diagnostics for the first one that fails, naming the later ones that
// were therefore not replayed. Returns true when every migration replayed.
// Throws std::runtime_error when the scratch database cannot be set up, and
// migration_error for an invalid tracking table name.
bool replay_migrations(const std::vector<loaded_migration>& migrations, const std::string& directory,
                       const replay_options& options, std::vector<diagnostic>& diagnostics);

}  // namespace embedded_migrations::generator
