// error_code as a std::error_code: the category behind make_error_code().
#include <embedded_migrations/migration_error.hpp>

#include <string>

namespace embedded_migrations {
namespace {

class category final : public std::error_category {
 public:
  const char* name() const noexcept override { return "embedded_migrations"; }

  // What the code means, for logs that print ec.message(); the migration_error
  // (or error_details::message) says what happened and what to do.
  std::string message(int value) const override {
    switch (static_cast<error_code>(value)) {
      case error_code::invalid_argument: return "invalid argument: null connection, bad option or unordered set";
      case error_code::migration_failed: return "a migration's SQL failed";
      case error_code::checksum_mismatch: return "an applied migration was changed after it ran";
      case error_code::database_ahead: return "the database has migrations this binary does not know";
      case error_code::out_of_order: return "a pending migration is older than an applied one";
      case error_code::incomplete_migration: return "a -- no-transaction migration was started but never finished";
      case error_code::tracking_table_invalid: return "the tracking table is not one embedded-migrations can use";
      case error_code::statement_in_progress: return "a statement on the connection is still being stepped";
      case error_code::read_only: return "migrations are pending but the database is read-only";
      case error_code::busy: return "another connection held the write lock past the busy timeout";
      case error_code::disk_full: return "the disk, or the database's max_page_count, is full";
      case error_code::io_error: return "SQLite could not read or write the database file";
      case error_code::database_corrupt: return "the database file is damaged";
      case error_code::not_a_database: return "the file is not an SQLite database, or is encrypted";
      case error_code::sqlite_error: return "SQLite failed outside a migration's own SQL";
      case error_code::schema_drift: return "the schema differs from the one the build embedded";
      case error_code::sqlite_unsupported: return "the application's SQLite cannot run this migration set";
      case error_code::backup_no_space: return "the backup's file system has no room for a copy of the database";
      case error_code::backup_failed: return "the backup could not be made or restored";
      case error_code::unexpected_exception: return "an exception other than migration_error was caught";
    }
    return "unknown embedded_migrations error " + std::to_string(value);
  }

  std::error_condition default_error_condition(int value) const noexcept override {
    switch (static_cast<error_code>(value)) {
      case error_code::disk_full:
      case error_code::backup_no_space: return std::errc::no_space_on_device;
      case error_code::busy: return std::errc::device_or_resource_busy;
      case error_code::read_only: return std::errc::read_only_file_system;
      case error_code::io_error: return std::errc::io_error;
      case error_code::invalid_argument: return std::errc::invalid_argument;
      default: return std::error_condition(value, *this);
    }
  }
};

}  // namespace

const std::error_category& migration_category() noexcept {
  static const category instance;
  return instance;
}

std::error_code make_error_code(error_code code) noexcept {
  return std::error_code(static_cast<int>(code), migration_category());
}

}  // namespace embedded_migrations
