// The oldest SQLite each migration and the whole set can run on, and the gate:
// the build fails where a migration needs a newer SQLite than the set's
// MIN_SQLITE_VERSION (--min-sqlite), or than the build machine's own SQLite.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "checks/feature_detector.hpp"
#include "diagnostic.hpp"
#include "migration_directory.hpp"

namespace embedded_migrations::generator {

// What one migration uses, found by its replay.
struct migration_features {
  std::vector<feature_use> uses;     // by offset
  std::vector<std::string> modules;  // CREATE VIRTUAL TABLE ... USING <module>, sorted
  // The oldest release that has every feature used; 0 when none is in the table.
  int required_version() const;
};

// What the set needs: what the generated code embeds and apply() checks.
struct sqlite_requirements {
  int version = 0;                   // the newest of the migrations' required versions; 0: any SQLite 3
  std::vector<std::string> modules;  // sorted, unique
};

sqlite_requirements set_requirements(const std::vector<migration_features>& features);

// One line for people: "SQLite 3.35.0 or newer (DROP COLUMN at dir/002_b.sql:2:19), and the module fts5",
// or "any SQLite 3" when nothing in the table is used.
std::string describe_requirements(const std::vector<loaded_migration>& migrations, const std::string& directory,
                                  const std::vector<migration_features>& features);

struct version_gate {
  std::optional<int> min_version;  // MIN_SQLITE_VERSION / --min-sqlite
  int build_version = 0;           // sqlite3_libversion_number() of the replay
};

// Appends an error at every feature (file:line:col) newer than the gate's
// MIN_SQLITE_VERSION, and at every one newer than the build machine's SQLite;
// `features[i]` belongs to `migrations[i]`. Returns true when none was added.
bool check_version_gate(const std::vector<loaded_migration>& migrations, const std::string& directory,
                        const std::vector<migration_features>& features, const version_gate& gate,
                        std::vector<diagnostic>& diagnostics);

// For "no such function: NAME" from the replay: when the table knows NAME as
// newer than the build machine's SQLite, why the replay could not run it.
std::optional<std::string> newer_than_build_machine(std::string_view function_name, int build_version);

// For a statement the replay failed to prepare: when its tokens show syntax
// newer than the build machine's SQLite (DROP COLUMN on 3.34), why.
std::optional<std::string> syntax_newer_than_build_machine(std::string_view statement, int build_version);

}  // namespace embedded_migrations::generator
