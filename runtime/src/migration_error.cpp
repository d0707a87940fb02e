#include <embedded_migrations/migration_error.hpp>

#include <utility>

namespace embedded_migrations {

const char* to_string(error_code code) noexcept {
  switch (code) {
    case error_code::invalid_argument: return "invalid_argument";
    case error_code::migration_failed: return "migration_failed";
    case error_code::checksum_mismatch: return "checksum_mismatch";
    case error_code::database_ahead: return "database_ahead";
    case error_code::out_of_order: return "out_of_order";
    case error_code::incomplete_migration: return "incomplete_migration";
    case error_code::tracking_table_invalid: return "tracking_table_invalid";
    case error_code::statement_in_progress: return "statement_in_progress";
    case error_code::read_only: return "read_only";
    case error_code::busy: return "busy";
    case error_code::disk_full: return "disk_full";
    case error_code::io_error: return "io_error";
    case error_code::database_corrupt: return "database_corrupt";
    case error_code::not_a_database: return "not_a_database";
    case error_code::sqlite_error: return "sqlite_error";
    case error_code::schema_drift: return "schema_drift";
    case error_code::sqlite_unsupported: return "sqlite_unsupported";
    case error_code::backup_no_space: return "backup_no_space";
    case error_code::backup_failed: return "backup_failed";
    case error_code::unexpected_exception: return "unexpected_exception";
  }
  return "unknown";
}

migration_error::migration_error(error_code code, const std::string& message, std::string filename, int sqlite_code,
                                 int line, int column)
    : std::runtime_error(message),
      code_(code),
      filename_(std::move(filename)),
      sqlite_code_(sqlite_code),
      line_(line),
      column_(column) {}

}  // namespace embedded_migrations
