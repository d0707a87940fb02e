// Reads another migration tool's tracking table, so apply() can record what
// that tool applied instead of running it again (options::adopt_from).
#pragma once

#include <embedded_migrations/adopt.hpp>
#include <embedded_migrations/migration.hpp>

#include <optional>
#include <string>
#include <vector>

struct sqlite3;

namespace embedded_migrations::detail {

struct foreign_history {
  std::string table;                      // the other tool's table, e.g. "goose_db_version"
  std::vector<const migration*> applied;  // the set's migrations it recorded as applied, in version order
};

// What `format`'s table in the main database says was applied, matched to
// `set` by version (the integer the tool recorded, which `embed-migrations
// import` keeps as the file's version), or by the identity `import` wrote in a
// renumbered file's first line. nullopt when the table does not exist: a fresh
// database. Never writes. Throws migration_error: tracking_table_invalid when
// the table has another shape, incomplete_migration when the tool recorded a
// failed or dirty migration, database_ahead when it applied one the set lacks.
std::optional<foreign_history> read_foreign_history(sqlite3* db, adopt_format format, const migration_set& set);

}  // namespace embedded_migrations::detail
