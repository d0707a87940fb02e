// The rules SQLite can judge from one statement alone (transaction control,
// pragmas, ATTACH, refused functions, the tracking table), checked in every
// file before the replay, so that one run reports them all.
#pragma once

#include "diagnostic.hpp"
#include "migration_directory.hpp"

#include <string>
#include <vector>

namespace embedded_migrations::generator {

// Prepares every statement of every migration on a scratch connection that
// holds no schema, with the replay's own authorizer: a statement the
// authorizer refuses yields an error (and a note quoting it), in every file.
// A statement that fails to prepare for another reason (a table that only an
// earlier migration creates) is left to the replay. Returns true when nothing
// was refused. Throws std::runtime_error when the scratch database cannot be set up.
bool check_statement_rules(const std::vector<loaded_migration>& migrations, const std::string& directory,
                           const std::string& tracking_table, std::vector<diagnostic>& diagnostics);

// Offset just past the statement that starts at `from`, as SQLite's
// sqlite3_complete() ends it (a ';' that closes a trigger body's END
// included), or sql.size() when the rest is one unterminated statement.
std::size_t end_of_statement(const std::string& sql, std::size_t from);

}  // namespace embedded_migrations::generator
