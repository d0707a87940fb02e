// The one exception type the runtime throws, the codes it carries, and the
// same codes as std::error_code for the noexcept overloads.
#pragma once

#include <stdexcept>
#include <string>
#include <system_error>
#include <type_traits>

namespace embedded_migrations {

// Values start at 1 because a std::error_code whose value is 0 means success
// (`if (ec)` tests it), and they never change: new codes go at the end.
enum class error_code {
  invalid_argument = 1,    // null connection, bad option, unordered set, open transaction, NUL byte in SQL
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
  backup_no_space,         // options::backup: the backup's file system has no room for a copy of the database
  backup_failed,           // options::backup or restore(): the copy could not be made; nothing was written
  unexpected_exception,    // a noexcept overload caught an exception that is not a migration_error (a callback's)
};

// Stable snake_case name of a code, e.g. "checksum_mismatch".
const char* to_string(error_code code) noexcept;

// The category of error_code: name() is "embedded_migrations", message() one
// sentence per code. default_error_condition() maps the codes that have a
// portable meaning onto std::errc (disk_full and backup_no_space to
// no_space_on_device, busy to device_or_resource_busy, read_only to
// read_only_file_system, io_error to io_error, invalid_argument to
// invalid_argument), so `ec == std::errc::no_space_on_device` holds for both.
const std::error_category& migration_category() noexcept;

// Found by argument-dependent lookup: `std::error_code ec = error_code::busy;`.
std::error_code make_error_code(error_code code) noexcept;

class migration_error : public std::runtime_error {
 public:
  migration_error(error_code code, const std::string& message, std::string filename = {}, int sqlite_code = 0,
                  int line = 0, int column = 0);

  error_code code() const noexcept { return code_; }
  // The migration file the error is about; empty when it concerns no single file.
  const std::string& filename() const noexcept { return filename_; }
  // SQLite's extended result code (SQLITE_CONSTRAINT_UNIQUE, ...); 0 when SQLite reported nothing.
  int sqlite_code() const noexcept { return sqlite_code_; }
  // 1-based line of the failing statement inside the file; 0 when not applicable.
  int line() const noexcept { return line_; }
  // 1-based column where the failing statement starts on line(); 0 when not
  // applicable. The start, not where SQLite points inside it: that offset
  // comes from sqlite3_error_offset(), which is SQLite 3.38.0, newer than the
  // runtime's floor (3.26.0). The build reports that finer column instead.
  int column() const noexcept { return column_; }

 private:
  error_code code_;
  std::string filename_;
  int sqlite_code_;
  int line_;
  int column_;
};

// Everything a migration_error carries, for the noexcept overloads, which
// report errors without exceptions (apps built with -fno-exceptions).
//
// Each throwing function has two noexcept twins. The one whose last parameter
// is a std::error_code& follows std::filesystem: it sets the code and nothing
// else. A std::error_code is an int and a category pointer, so it cannot carry
// the message, the file, the line and the column; the twin whose last
// parameter is an error_details& gives all of them. It is a struct the caller
// owns rather than a thread-local "last error", which another call on the
// same thread would overwrite before it is read.
struct error_details {
  // make_error_code(the migration_error's code); std::errc::not_enough_memory
  // for std::bad_alloc; error_code::unexpected_exception for any other exception.
  std::error_code code{};
  std::string message{};   // what() of the exception the throwing overload throws
  std::string filename{};  // as migration_error::filename()
  int sqlite_code = 0;     // as migration_error::sqlite_code()
  int line = 0;            // as migration_error::line()
  int column = 0;          // as migration_error::column()

  // True when the call failed.
  explicit operator bool() const noexcept { return static_cast<bool>(code); }
};

}  // namespace embedded_migrations

namespace std {
template <>
struct is_error_code_enum<embedded_migrations::error_code> : true_type {};
}  // namespace std
