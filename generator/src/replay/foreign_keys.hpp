// The foreign-key check run after each migration of the replay.
#pragma once

#include <optional>
#include <string>

struct sqlite3;

namespace embedded_migrations::generator {

// What `PRAGMA foreign_key_check` finds wrong on `db`: rows that reference a
// missing row, or a foreign key SQLite cannot check at all (it names a missing
// column, or a parent key that is not unique), which would otherwise turn the
// check off for every table. nullopt when all is well.
std::optional<std::string> foreign_key_problem(sqlite3* db);

}  // namespace embedded_migrations::generator
