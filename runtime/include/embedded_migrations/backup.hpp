// A copy of the database before apply() first writes to it (options::backup),
// and restore(), which puts such a copy back.
#pragma once

#include <embedded_migrations/migration_error.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <utility>

struct sqlite3;

namespace embedded_migrations {

// What a backup callback is told about the run it names a copy for.
struct backup_info {
  std::string_view database{};       // the database file (sqlite3_db_filename): valid while the connection is open
  std::int64_t current_version = 0;  // the newest applied version; 0 when none is
  std::int64_t target_version = 0;   // the newest version once apply() is done
  std::size_t pending = 0;           // how many migrations apply() runs or records
};

// options::backup: where apply() copies the database, as a fixed path or as a
// callback naming each copy (with the versions in it, say). Empty: no backup.
//
//   opts.backup = "app.db.bak";
//   opts.backup = [](const backup_info& run) {
//     return "app-v" + std::to_string(run.current_version) + "-to-v" + std::to_string(run.target_version) + ".db";
//   };
//
// A callback that returns an empty path skips the backup for that run.
class backup_destination {
 public:
  using naming = std::function<std::string(const backup_info&)>;

  backup_destination() = default;
  // Implicit, so `opts.backup = "app.db.bak"` and `opts.backup = callback` read as they mean.
  backup_destination(std::string path) : path_(std::move(path)) {}
  backup_destination(const char* path) : path_(path) {}
  template <typename Callback,
            typename = std::enable_if_t<std::is_invocable_r_v<std::string, Callback&, const backup_info&>>>
  backup_destination(Callback name) : name_(std::move(name)) {}

  explicit operator bool() const noexcept { return !path_.empty() || static_cast<bool>(name_); }
  // The path for this run; may throw what the callback throws.
  std::string path_for(const backup_info& run) const { return name_ ? name_(run) : path_; }

 private:
  std::string path_;
  naming name_;
};

// Copies the backup at `path` over the database `db` has open as "main", with
// SQLite's online backup API: every page in one write transaction, under the
// write lock, so other connections wait (then see the restored database) and
// a crash or kill mid-copy leaves the database as it was. Copies any SQLite
// database, not only backups apply() made. Waits for other connections as
// apply() does: the connection's busy timeout, else 5 seconds.
// Throws migration_error: invalid_argument (null connection, empty path, the
// database itself, an open transaction), statement_in_progress, busy,
// backup_failed (no such file, not a database, or the copy failed: the
// database is then as it was), disk_full, io_error.
void restore(sqlite3* db, const std::string& path);

// The noexcept twins: what restore() would throw goes to `ec`, or to `error`
// with its message.
void restore(sqlite3* db, const std::string& path, std::error_code& ec) noexcept;
void restore(sqlite3* db, const std::string& path, error_details& error) noexcept;

}  // namespace embedded_migrations
