#include <embedded_migrations/backup.hpp>

#include <embedded_migrations/options.hpp>

#include "detail/busy_wait.hpp"
#include "detail/failure.hpp"
#include "detail/online_backup.hpp"
#include "detail/planner.hpp"
#include "detail/sqlite_handles.hpp"

#include <sqlite3.h>

#include <filesystem>
#include <system_error>

namespace embedded_migrations {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void invalid(const std::string& message) {
  throw migration_error(error_code::invalid_argument, "restore(): " + message);
}

// The backup, opened read-only through the database's own VFS (the one
// apply() wrote it with), and read once so that a file that is no database
// is refused before the database is touched.
detail::connection_ptr open_backup(sqlite3* db, const std::string& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) {
    throw migration_error(error_code::backup_failed,
                          "restore(): there is no backup file " + path + "; nothing was changed. Name the file "
                          "options::backup made (a failed apply() names it in its error)");
  }
  sqlite3_vfs* vfs = nullptr;
  sqlite3_file_control(db, "main", SQLITE_FCNTL_VFS_POINTER, &vfs);
  sqlite3* raw = nullptr;
  const int opened = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY, vfs != nullptr ? vfs->zName : nullptr);
  detail::connection_ptr backup(raw);
  detail::statement_ptr probe;
  if (opened != SQLITE_OK ||
      detail::prepare(backup.get(), "SELECT count(*) FROM main.sqlite_master", probe) != SQLITE_OK ||
      sqlite3_step(probe.get()) != SQLITE_ROW) {
    const int code = backup ? sqlite3_extended_errcode(backup.get()) : opened;
    throw migration_error(error_code::backup_failed,
                          "restore(): cannot read the backup " + path + ": " +
                              (backup ? sqlite3_errmsg(backup.get()) : sqlite3_errstr(opened)) +
                              "; nothing was changed. Name a backup file options::backup made",
                          {}, code);
  }
  return backup;
}

}  // namespace

void restore(sqlite3* db, const std::string& path) {
  if (db == nullptr) invalid("needs an open SQLite connection");
  if (path.empty()) invalid("needs the path of a backup");
  if (!sqlite3_get_autocommit(db)) invalid("was called inside an open transaction; commit or roll it back first");
  const char* database = sqlite3_db_filename(db, "main");
  std::error_code ec;
  if (database != nullptr && *database != '\0' && fs::equivalent(path, database, ec)) {
    invalid(path + " is the database itself; name the backup file to copy over it");
  }
  for (sqlite3_stmt* statement = sqlite3_next_stmt(db, nullptr); statement;
       statement = sqlite3_next_stmt(db, statement)) {
    if (sqlite3_stmt_busy(statement)) {
      throw migration_error(error_code::statement_in_progress,
                            "restore(): a statement on this connection is still being stepped, so the database "
                            "cannot be replaced; finish or sqlite3_reset() it first",
                            {}, SQLITE_LOCKED);
    }
  }
  const auto backup = open_backup(db, path);
  // One write transaction on the database: other connections wait, then see
  // every restored page, and a kill mid-copy leaves the journal (or WAL) to
  // roll it back to what it was.
  detail::online_backup copy(db, backup.get());
  int rc = copy.started() ? copy.copy_all(detail::deadline_after(detail::wait_for(db, options{})))
                          : sqlite3_errcode(db);
  const int finished = copy.finish();
  if (rc == SQLITE_DONE) rc = finished;
  if (rc == SQLITE_OK) return;
  const int code = sqlite3_extended_errcode(db);
  // SQLITE_READONLY on a writable database is SQLite refusing the copy itself
  // (a WAL database and a backup of another page size), not the file.
  const bool refused = (code & 0xFF) == SQLITE_READONLY && sqlite3_db_readonly(db, "main") != 1;
  const error_code kind = refused ? error_code::backup_failed : detail::classify(code, error_code::backup_failed);
  std::string message = "restore(): copying " + path + " over the database failed: " + sqlite3_errmsg(db) +
                        (refused ? " (a database in WAL mode takes only a copy of its own page size)" : "") +
                        "; the database is as it was";
  if (refused) message += ". Switch it to PRAGMA journal_mode = DELETE first, or name a backup of this database";
  if (const auto advice = detail::remedy(kind); !advice.empty()) message += ". " + advice;
  throw migration_error(kind, message, {}, code);
}

}  // namespace embedded_migrations
