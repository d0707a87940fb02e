// The JSON documents embed-migrations prints with --format json, for scripts and CI.
//
// Every document carries "format_version" (bumped only when a field changes meaning or goes away;
// new fields may appear in any version). Objects come out with their keys sorted and rows in a fixed
// order (diagnostics as found, migrations by version), and no document holds the time it was made,
// so the same input prints the same bytes.
#pragma once

#include "diagnostic.hpp"

#include <embedded_migrations/migration.hpp>
#include <embedded_migrations/migration_error.hpp>
#include <embedded_migrations/status.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace embedded_migrations::generator::output {

inline constexpr int format_version = 1;

// {"path", "line", "column", "severity", "message"}: the diagnostic's own fields, never its text.
nlohmann::json to_json(const diagnostic& d);

// check: every diagnostic in the order the checks found them (a note follows the error it explains),
// and a summary: how many migration files were read (`migrations_checked`), how many errors and notes.
nlohmann::json check_document(const std::vector<diagnostic>& diagnostics, std::size_t migrations_checked);

// What a migration set asks of a database it migrates, printed as "requirements": one field per
// requirement. A new requirement (the minimum SQLite version a set needs) is a field here and a key
// in requirements_json(), and nowhere else.
struct set_requirements {
  std::string tracking_table;                // the table apply() records migrations in
  std::size_t migration_count = 0;
  std::optional<std::int64_t> last_version;  // the newest migration's; none for an empty set
};

set_requirements requirements_of(const migration_set& set, std::string tracking_table);
nlohmann::json requirements_json(const set_requirements& requirements);

// status: one row per migration by version (state, checksums, applied_at as recorded; null where
// status() has none), the requirements, counts by state, and whether the database file exists.
nlohmann::json status_document(const std::vector<migration_status>& rows, const set_requirements& requirements,
                               bool database_exists);

// A command that stops on an error prints this instead of its result: {"error": {"code", "message"}},
// plus "filename", "line" and "sqlite_code" when a migration_error carries them.
nlohmann::json error_document(std::string_view code, std::string_view message);
nlohmann::json error_document(const migration_error& e);

// status on a directory whose migrations are invalid: error "invalid_migrations" and the diagnostics.
nlohmann::json invalid_directory_document(const std::vector<diagnostic>& diagnostics, const std::string& dir);

// The document as printed: indented by two spaces, UTF-8, ending in a newline. Bytes that are not
// UTF-8 (a file name on a Linux file system may hold any) become U+FFFD instead of failing.
std::string to_text(const nlohmann::json& document);

}  // namespace embedded_migrations::generator::output
