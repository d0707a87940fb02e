// The schema after each migration, from applying them one at a time to a
// fresh in-memory database through the runtime's own apply().
#pragma once

#include "migration_directory.hpp"
#include "replay/replay.hpp"

#include "detail/schema/canonical_schema.hpp"
#include "detail/sqlite_handles.hpp"

#include <cstdint>

#include <string>
#include <vector>

namespace embedded_migrations::generator {

struct schema_history {
  detail::schema::canonical_schema initial;               // before the first migration: empty
  std::vector<detail::schema::canonical_schema> after;  // after[i]: once migrations[i] is applied
  const detail::schema::canonical_schema& final_schema() const { return after.empty() ? initial : after.back(); }
};

// A fresh in-memory database with a stand-in for each declared function: a
// distinct integer per call, counted in `calls`, as the build replay does.
// Throws std::runtime_error when SQLite cannot open one.
detail::connection_ptr open_replay_database(const std::vector<declared_function>& functions, std::int64_t& calls);

// Applies `migrations` (valid and already replayed) with stand-ins for the
// declared application functions, reading the schema after each; the tracking
// table `table` is left out. Throws migration_error when a migration fails.
schema_history replay_schema(const std::vector<loaded_migration>& migrations,
                             const std::vector<declared_function>& functions, const std::string& table);

// The snapshot text of the final schema (see detail/schema/schema_text.hpp).
// `sqlite_requirement` is what the set needs of the application's SQLite as
// sqlite3_libversion_number() counts (0: nothing the runtime does not need).
std::string snapshot_text(const std::vector<loaded_migration>& migrations, const schema_history& history,
                          int sqlite_requirement = 0);

}  // namespace embedded_migrations::generator
