// Carrying on a database another migration tool migrated: which tools, by name.
#pragma once

#include <optional>
#include <string_view>

namespace embedded_migrations {

// The migration tools whose tracking table apply() can read (options::adopt_from)
// to learn what a database already applied, when our own table does not exist yet.
enum class adopt_format {
  none,            // adopt nothing (the default)
  sqlx,            // _sqlx_migrations (version, success, ...)
  goose,           // goose_db_version (version_id, is_applied, ...): the newest row per version counts
  golang_migrate,  // schema_migrations (version, dirty): one row, every version up to it applied
  dbmate,          // schema_migrations (version): a row per applied version
  diesel,          // __diesel_schema_migrations (version, run_on): version is the directory's timestamp
  refinery,        // refinery_schema_history (version, name, applied_on, checksum)
  flyway,          // flyway_schema_history (installed_rank, version, type, success, ...)
  sql_migrate,     // gorp_migrations (id, applied_at): id is the file name
};

// The format's command-line spelling: "sqlx", "goose", "golang-migrate", ...
const char* to_string(adopt_format format) noexcept;

// The format a command-line spelling names (as to_string() writes it), if any.
std::optional<adopt_format> adopt_format_from_string(std::string_view name) noexcept;

}  // namespace embedded_migrations
