// SQLite's online backup API with one owner for its handle, as SQLiteCpp's
// Backup (include/SQLiteCpp/Backup.h): apply()'s copies and restore() go
// through it.
#pragma once

#include <chrono>

struct sqlite3;
struct sqlite3_backup;

namespace embedded_migrations::detail {

class online_backup {
 public:
  // Prepares to copy `source`'s "main" over `destination`'s "main"; copies
  // nothing yet. When SQLite refuses (the destination is in use, a page-size
  // clash with WAL, ...), started() is false and the destination connection
  // holds the error.
  online_backup(sqlite3* destination, sqlite3* source) noexcept;
  online_backup(const online_backup&) = delete;
  online_backup& operator=(const online_backup&) = delete;
  ~online_backup();  // finishes the copy if finish() was not called; a copy not done is rolled back

  bool started() const noexcept { return handle_ != nullptr; }

  // Copies every page in one step, so the destination changes in one write
  // transaction (all or nothing), retrying while another connection's lock
  // keeps it out (SQLITE_BUSY, SQLITE_LOCKED from another connection) until
  // `deadline`. Returns SQLITE_DONE, or the error; finish() then gives the
  // extended code and leaves the message in the destination connection.
  int copy_all(std::chrono::steady_clock::time_point deadline);

  // Releases the handle; returns SQLITE_OK, or the error of the copy.
  int finish() noexcept;

 private:
  sqlite3_backup* handle_;
};

}  // namespace embedded_migrations::detail
