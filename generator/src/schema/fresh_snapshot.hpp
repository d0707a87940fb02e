// The build's verdict on options::fresh_from_snapshot: whether giving an
// empty database the final schema and data in one step is equivalent to
// running every migration, and the SQL script that does it.
#pragma once

#include "migration_directory.hpp"
#include "replay/replay.hpp"

#include <string>
#include <vector>

namespace embedded_migrations::generator {

struct fresh_snapshot {
  // Tables, their rows, AUTOINCREMENT counters, then indexes, views and
  // triggers; empty when not eligible.
  std::string script;
  // Why the set is not eligible, naming the file; empty when it is.
  std::string refusal;
};

// Replays `migrations` once, on a database of its own, and decides. Not
// eligible: a -- no-transaction file; a migration that writes rows and calls a function whose result can differ
// between runs (random(), the date and time functions, which may read 'now',
// any declared application function); one that sets a persistent PRAGMA
// (user_version, application_id ...); virtual tables; ANALYZE statistics.
// Throws std::runtime_error, naming the file, when a migration fails to
// replay within `limits`, and migration_error when the schema cannot be read.
// `foreign_keys`: the set's mode (--foreign-keys), which the replay runs in as
// the build's check does.
fresh_snapshot make_fresh_snapshot(const std::vector<loaded_migration>& migrations,
                                   const std::vector<declared_function>& functions, const std::string& table,
                                   const replay_limits& limits = {}, bool foreign_keys = false);

}  // namespace embedded_migrations::generator
