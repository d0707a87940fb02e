// What the replay learns about the schema: each migration's destructive
// effects as it replays, and the schema after the last one, for the snapshot.
#pragma once

#include "migration_directory.hpp"
#include "replay/schema_tracker.hpp"

#include "detail/schema/canonical_schema.hpp"

#include <string>
#include <vector>

struct sqlite3;

namespace embedded_migrations::generator {

struct schema_history {
  // Per replayed migration: what it drops, renames or retypes, described
  // (destructive_changes.hpp); empty when nothing.
  std::vector<std::string> destructive;
  // The schema after the last migration replayed, as read_schema() reads it.
  detail::schema::canonical_schema final_schema;

  // Appends one migration's effects: only the tables it changed are compared.
  void record(const schema_changes& changes);
  // Reads final_schema once the last migration replayed on `db`, leaving out
  // `tracking_table`: one read, where the replay keeps no model of its own.
  // Throws migration_error when SQLite cannot.
  void read_final_schema(sqlite3* db, const std::string& tracking_table);
};

// The snapshot text of the final schema (see detail/schema/schema_text.hpp).
// `sqlite_requirement` is what the set needs of the application's SQLite as
// sqlite3_libversion_number() counts (0: nothing the runtime does not need).
std::string snapshot_text(const std::vector<loaded_migration>& migrations, const schema_history& history,
                          int sqlite_requirement = 0);

}  // namespace embedded_migrations::generator
