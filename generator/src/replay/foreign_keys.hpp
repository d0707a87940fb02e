// The foreign-key check run after each migration of the replay.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;

namespace embedded_migrations::generator {

// What `PRAGMA foreign_key_check` finds wrong on `db`: rows that reference a
// missing row, or a foreign key SQLite cannot check at all (it names a missing
// column, or a parent key that is not unique), which would otherwise turn the
// check off for every table. nullopt when all is well. `after` names what
// just ran, for the message ("this migration", "this seed").
std::optional<std::string> foreign_key_problem(sqlite3* db, std::string_view after = "this migration");

// The same verdict after a migration, from checking only `tables` (main's
// tables that may now violate a foreign key: schema_changes::foreign_key_tables),
// where the database held no violation before it: the check costs what the
// migration concerns, not the whole database. When one of them shows a
// problem, the whole database is checked again, so the message names the
// first violation in the order SQLite finds it, as foreign_key_problem() does.
std::optional<std::string> foreign_key_problem(sqlite3* db, const std::vector<std::string>& tables);

// A foreign key that names a table which no longer exists, with the remedy, or
// nullopt. SQLite's ALTER TABLE ... RENAME TO rewrites the foreign keys that
// reference the renamed table (since 3.26.0, unless legacy_alter_table), so a
// rebuild that renames the old table away and drops it leaves its children
// pointing at the dropped name: with foreign keys on, every later write to a
// child fails with "no such table". Checked after a migration that renamed or
// dropped a table, when the set runs with foreign keys on.
std::optional<std::string> dangling_parent_problem(sqlite3* db);

}  // namespace embedded_migrations::generator
