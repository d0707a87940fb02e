// What a migration set needs of the application's SQLite, against the library
// actually loaded: apply() refuses a set the SQLite cannot run, before writing.
#pragma once

#include <embedded_migrations/migration.hpp>
#include <embedded_migrations/migration_error.hpp>
#include <string>
#include <vector>

struct sqlite3;

namespace embedded_migrations {

struct sqlite_support {
  int required_version = 0;  // the set's required_sqlite_version(): 3035000 for 3.35.0; 0 for any
  int linked_version = 0;    // sqlite3_libversion_number(): the library loaded, not the header compiled against
  std::vector<std::string> required_modules;  // the set's virtual-table modules
  std::vector<std::string> missing_modules;   // those this connection's SQLite lacks

  bool satisfied() const noexcept { return linked_version >= required_version && missing_modules.empty(); }
};

// Compares the set's requirements with the SQLite `db` runs on. Reads nothing
// from the database and writes nothing: a module is looked up in PRAGMA
// module_list (every build from 3.30.0 on), or, where that pragma is missing,
// in the compile options of SQLite's own modules (ENABLE_FTS5 ...); a module
// neither knows (an application's extension) counts as present. Throws
// migration_error(invalid_argument) for a null connection.
sqlite_support check_sqlite_support(sqlite3* db, const migration_set& set);

// The noexcept twins: what check_sqlite_support() would throw goes to `ec`, or
// to `error` with its message; both are cleared on success.
sqlite_support check_sqlite_support(sqlite3* db, const migration_set& set, std::error_code& ec) noexcept;
sqlite_support check_sqlite_support(sqlite3* db, const migration_set& set, error_details& error) noexcept;

// "3.35.0" for 3035000.
std::string sqlite_version_text(int version);

}  // namespace embedded_migrations
