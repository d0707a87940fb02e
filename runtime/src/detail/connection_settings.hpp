// The application's per-connection settings, given back after apply().
#pragma once

#include <embedded_migrations/migration.hpp>

#include <string>
#include <utility>
#include <vector>

struct sqlite3;

namespace embedded_migrations::detail {

// Reads every per-connection PRAGMA a migration or apply() could change and
// SQLite lets us read back (foreign_keys, recursive_triggers, synchronous …)
// and, when destroyed, sets again each one that changed. Set nothing it
// cannot read: case_sensitive_like has no getter, and a busy handler has none
// either, which is why apply() never installs one. journal_mode is a property
// of the database file, which a migration may mean to change, so it is left.
class connection_settings_scope {
 public:
  explicit connection_settings_scope(sqlite3* db);
  connection_settings_scope(const connection_settings_scope&) = delete;
  connection_settings_scope& operator=(const connection_settings_scope&) = delete;
  ~connection_settings_scope();

 private:
  sqlite3* db_;
  std::vector<std::pair<const char*, std::string>> saved_;  // pragma, value
};

// Sets PRAGMA foreign_keys to the set's mode (nothing for unspecified) when
// it differs. Outside any transaction only: SQLite ignores it inside one.
// Throws migration_error when SQLite refuses.
void use_foreign_keys_mode(sqlite3* db, foreign_keys_mode mode);

// Whether PRAGMA query_only is on: the connection refuses every write,
// though the file can be written (sqlite3_db_readonly() says 0).
bool query_only(sqlite3* db);

// Turns PRAGMA query_only off again when a migration turned it on: the
// runtime must still record the migration, and run the next one (the scope
// gives the application its own setting back when apply() returns).
// Throws migration_error when SQLite refuses.
void allow_bookkeeping_writes(sqlite3* db);

}  // namespace embedded_migrations::detail
