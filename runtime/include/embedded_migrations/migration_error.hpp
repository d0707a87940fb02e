// The one exception type the runtime throws, with a code to branch on.
#pragma once

#include <stdexcept>
#include <string>

namespace embedded_migrations {

enum class error_code {
  invalid_argument,        // null connection, bad option, unordered set, open transaction, NUL byte in SQL
  migration_failed,        // a migration's SQL failed; it was rolled back, earlier ones stay applied
  checksum_mismatch,       // an applied migration was edited after it ran
  database_ahead,          // the database has migrations this binary does not know (newer app ran)
  out_of_order,            // a pending migration is older than an applied one (out_of_order_policy::fail)
  incomplete_migration,    // a -- no-transaction migration was started but never finished
  tracking_table_invalid,  // the tracking table exists but cannot be read as ours (a view, missing columns, wrong types)
  statement_in_progress,   // a statement on the connection is still being stepped (SQLITE_LOCKED)
  read_only,               // something is pending but the database cannot be written
  busy,                    // another connection held the write lock past the busy timeout
  disk_full,               // the disk, or PRAGMA max_page_count, is full
  io_error,                // SQLite could not read or write the file
  database_corrupt,        // the database file is damaged
  not_a_database,          // the file is not an SQLite database (or is encrypted)
  sqlite_error,            // any other SQLite failure outside a migration's own SQL
  schema_drift,            // options::verify_schema: the schema differs from the one the build embedded
  sqlite_unsupported,      // the linked SQLite is older than the set needs, or lacks a module it uses
};

// Stable snake_case name of a code, e.g. "checksum_mismatch".
const char* to_string(error_code code) noexcept;

class migration_error : public std::runtime_error {
 public:
  migration_error(error_code code, const std::string& message, std::string filename = {},
                  int sqlite_code = 0, int line = 0);

  error_code code() const noexcept { return code_; }
  // The migration file the error is about; empty when it concerns no single file.
  const std::string& filename() const noexcept { return filename_; }
  // SQLite's extended result code (SQLITE_CONSTRAINT_UNIQUE, ...); 0 when SQLite reported nothing.
  int sqlite_code() const noexcept { return sqlite_code_; }
  // 1-based line of the failing statement inside the file; 0 when not applicable.
  int line() const noexcept { return line_; }

 private:
  error_code code_;
  std::string filename_;
  int sqlite_code_;
  int line_;
};

}  // namespace embedded_migrations
