#include "failure.hpp"

#include <embedded_migrations/sqlite_support.hpp>

#include <sqlite3.h>

namespace embedded_migrations::detail {

error_code classify(int sqlite_code, error_code otherwise) {
  switch (sqlite_code & 0xFF) {
    case SQLITE_BUSY: return error_code::busy;
    // A statement of this connection (or, with shared cache, of another one in
    // this process) holds a table lock: no amount of waiting releases it.
    case SQLITE_LOCKED: return error_code::statement_in_progress;
    case SQLITE_READONLY: return error_code::read_only;
    case SQLITE_FULL: return error_code::disk_full;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN: return error_code::io_error;
    case SQLITE_CORRUPT: return error_code::database_corrupt;
    case SQLITE_NOTADB: return error_code::not_a_database;
    default: return otherwise;
  }
}

std::string remedy(error_code code) {
  switch (code) {
    case error_code::busy:
      return "another connection held the write lock past the busy timeout (it may be applying these migrations); "
             "start again, or raise options::busy_timeout";
    case error_code::statement_in_progress:
      return "a statement on the application's connection (or, with shared cache, on another connection of this "
             "process) is still being stepped and holds its tables; finish or sqlite3_reset() it before apply()";
    case error_code::read_only:
      return "the database cannot be written; open it read-write and check the permissions of the file and its "
             "directory";
    case error_code::disk_full:
      return "the disk (or the database's PRAGMA max_page_count) is full; free space and start again";
    case error_code::io_error:
      return "SQLite could not read or write the database file; check the storage device and start again";
    case error_code::database_corrupt:
      return "the database file is damaged; restore it from a backup (PRAGMA integrity_check tells more)";
    case error_code::not_a_database:
      return "the file is not an SQLite database, or is encrypted; check the path the application opens";
    case error_code::schema_drift:
      return "the schema was changed outside the migrations; undo those changes, or put them in a new migration so "
             "every database gets them (embed-migrations status --verify lists the differences)";
    case error_code::sqlite_unsupported:
      return "link the application with an SQLite that has it, or rebuild the migrations for this one "
             "(MIN_SQLITE_VERSION in add_embedded_migrations names every statement to rewrite)";
    default: return {};
  }
}

void throw_sqlite_error(sqlite3* db, error_code otherwise, const std::string& what, const std::string& filename) {
  const int sqlite_code = sqlite3_extended_errcode(db);
  const error_code code = classify(sqlite_code, otherwise);
  std::string message = what + ": " + sqlite3_errmsg(db);
  if (const auto advice = remedy(code); !advice.empty()) message += "; " + advice;
  throw migration_error(code, message, filename, sqlite_code);
}

void throw_checksum_mismatch(std::string_view filename, std::int64_t version, std::string_view recorded_checksum,
                             std::string_view embedded_checksum, std::string_view recorded_filename) {
  if (!recorded_filename.empty() && recorded_filename != filename) {
    throw migration_error(error_code::checksum_mismatch,
                          "version " + std::to_string(version) + " was applied as " + std::string(recorded_filename) +
                              "; this build has " + std::string(filename) + " (recorded checksum " +
                              std::string(recorded_checksum) + ", embedded " + std::string(embedded_checksum) +
                              "). The migrations were renumbered, as merging branches does: restore the numbering "
                              "that was applied (" + std::string(recorded_filename) + " keeps version " +
                              std::to_string(version) + ") and give the other migration a version after the newest "
                              "applied one; a migration's version must never change once applied.",
                          std::string(filename));
  }
  throw migration_error(error_code::checksum_mismatch,
                        std::string(filename) + " was changed after it was applied: the database recorded checksum " +
                            std::string(recorded_checksum) + " but this binary embeds " +
                            std::string(embedded_checksum) +
                            ". An applied migration must never change: restore the file to what was applied (for "
                            "example from version control) and put the change in a new migration.",
                        std::string(filename));
}

void throw_incomplete(std::string_view filename, std::int64_t version, const std::string& table) {
  throw migration_error(
      error_code::incomplete_migration,
      std::string(filename) +
          " runs outside a transaction (-- no-transaction) and was started but not finished: it is still running "
          "in another process, or it was interrupted and may be partly applied. If no other process is migrating, "
          "check the database, complete or undo what the migration did, then delete its row (version " +
          std::to_string(version) + ") from the \"" + table + "\" table to run it again.",
      std::string(filename));
}

void throw_if_unsupported(sqlite3* db, const migration_set& set) {
  const auto support = check_sqlite_support(db, set);
  if (support.satisfied()) return;
  std::string message;
  if (support.linked_version < support.required_version) {
    message = "these migrations need SQLite " + sqlite_version_text(support.required_version) +
              " or newer, and the application runs SQLite " + sqlite_version_text(support.linked_version);
  }
  for (const auto& module : support.missing_modules) {
    message += (message.empty() ? "these migrations create virtual tables with the " : ", and they use the ") +
               module + " module, which this SQLite lacks";
  }
  throw migration_error(error_code::sqlite_unsupported, message + "; " + remedy(error_code::sqlite_unsupported));
}

void execute(sqlite3* db, const char* sql, const std::string& filename) {
  if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) {
    throw_sqlite_error(db, error_code::sqlite_error, std::string("SQLite could not run ") + sql, filename);
  }
}

}  // namespace embedded_migrations::detail
