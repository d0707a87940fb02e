#include "backup_before_write.hpp"

#include "backup_list.hpp"
#include "busy_wait.hpp"
#include "failure.hpp"
#include "online_backup.hpp"
#include "sqlite_handles.hpp"
#include "transaction_scope.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <system_error>

namespace embedded_migrations::detail {
namespace {

namespace fs = std::filesystem;

std::string database_file(sqlite3* db) {
  const char* name = sqlite3_db_filename(db, "main");
  return name != nullptr ? name : "";
}

[[noreturn]] void fail(error_code code, const std::string& message) {
  throw migration_error(code, "options::backup: " + message);
}

std::int64_t read_integer(sqlite3* db, const char* sql) {
  statement_ptr query;
  if (prepare(db, sql, query) != SQLITE_OK || sqlite3_step(query.get()) != SQLITE_ROW) {
    throw_sqlite_error(db, error_code::sqlite_error, std::string("SQLite could not run ") + sql);
  }
  return sqlite3_column_int64(query.get(), 0);
}

bool has_schema_objects(sqlite3* db) {
  statement_ptr query;
  if (prepare(db, "SELECT 1 FROM main.sqlite_master LIMIT 1", query) != SQLITE_OK) {
    throw_sqlite_error(db, error_code::sqlite_error, "cannot read the database schema");
  }
  const int rc = sqlite3_step(query.get());
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
    throw_sqlite_error(db, error_code::sqlite_error, "cannot read the database schema");
  }
  return rc == SQLITE_ROW;
}

bool exists(const fs::path& path) {
  std::error_code ec;
  return fs::symlink_status(path, ec).type() != fs::file_type::not_found;  // a dangling link is in the way too
}

// The target is a new file beside nothing SQLite owns, with room for the copy.
void check_target(const std::string& path, const std::string& database, std::uintmax_t bytes) {
  std::error_code ec;
  const auto target = fs::weakly_canonical(path, ec);
  const auto own = fs::weakly_canonical(database, ec);
  for (const char* suffix : {"", "-journal", "-wal", "-shm", ".embedded-migrations-backups"}) {
    if (!target.empty() && target == fs::path(own.string() + suffix)) {
      throw migration_error(error_code::invalid_argument,
                            "options::backup names " + path + ", which is the database" +
                                (*suffix ? std::string(" file's ") + (suffix + 1) : std::string(" itself")) +
                                "; name a file of its own for the copy");
    }
  }
  if (exists(path)) {
    fail(error_code::backup_failed,
         path + " already exists, and apply() never overwrites a file; nothing was written. Move it away, or name "
                "each copy differently (a callback given to options::backup gets the versions)");
  }
  auto directory = fs::path(path).parent_path();
  if (directory.empty()) directory = ".";
  if (!fs::is_directory(directory, ec)) {
    fail(error_code::backup_failed,
         "the directory of " + path + " does not exist; nothing was written. Create it, or name another place");
  }
  const auto room = fs::space(directory, ec);
  if (ec) {
    fail(error_code::backup_failed, "cannot tell how much room " + directory.string() + " has (" + ec.message() +
                                        "); nothing was written. Name a place on a file system that can be queried");
  }
  if (room.available < bytes) {
    fail(error_code::backup_no_space,
         "the copy of the database needs " + std::to_string(bytes) + " bytes and " + directory.string() + " has " +
             std::to_string(room.available) +
             " available; nothing was written. Free space there, or point options::backup at another file system");
  }
}

void remove_partial(const std::string& partial) {
  std::error_code ignored;
  fs::remove(partial, ignored);
  fs::remove(partial + "-journal", ignored);
}

// Copies the database into `partial`, a new file, through the database's own VFS.
void copy_database(sqlite3* db, const std::string& partial, const std::string& path, std::chrono::milliseconds wait) {
  sqlite3_vfs* vfs = nullptr;
  sqlite3_file_control(db, "main", SQLITE_FCNTL_VFS_POINTER, &vfs);
  sqlite3* raw = nullptr;
  const int opened = sqlite3_open_v2(partial.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                                     vfs != nullptr ? vfs->zName : nullptr);
  connection_ptr copy(raw);
  int rc = opened;
  if (opened == SQLITE_OK) {
    // No journal: a copy that fails is deleted, never rolled back.
    sqlite3_exec(copy.get(), "PRAGMA journal_mode = OFF", nullptr, nullptr, nullptr);
    online_backup backup(copy.get(), db);
    rc = backup.started() ? backup.copy_all(deadline_after(wait)) : sqlite3_errcode(copy.get());
    const int finished = backup.finish();
    if (rc == SQLITE_DONE) rc = finished;
  }
  if (rc == SQLITE_OK) return;
  const int code = copy ? sqlite3_extended_errcode(copy.get()) : rc;
  const std::string reason = copy ? sqlite3_errmsg(copy.get()) : sqlite3_errstr(rc);
  copy.reset();
  remove_partial(partial);
  const bool full = (code & 0xFF) == SQLITE_FULL;
  throw migration_error(full ? error_code::backup_no_space : error_code::backup_failed,
                        "options::backup: copying the database to " + path + " failed: " + reason +
                            "; nothing was written to the database. " +
                            (full ? "Free space there, or point options::backup elsewhere"
                                  : "Check that the file can be written, or name another place"),
                        {}, code);
}

// Gives the finished copy its name, unless a file got there first.
void link_in(const std::string& partial, const std::string& path) {
  std::error_code ec;
  fs::create_hard_link(partial, path, ec);
  if (ec && ec != std::errc::file_exists && !exists(path)) {
    // No hard links on this file system: rename, after the check just made.
    ec.clear();
    fs::rename(partial, path, ec);
  }
  const bool in_place = !ec;
  remove_partial(partial);
  if (!in_place) {
    fail(error_code::backup_failed,
         "cannot name the copy " + path + " (" + ec.message() +
             "; another process starting at the same time may have made it); nothing was written to the database. "
             "Start again: the database is up to date if the other process migrated it");
  }
}

}  // namespace

void check_backup_option(sqlite3* db, const options& opts) {
  if (!opts.backup || !database_file(db).empty()) return;
  throw migration_error(error_code::invalid_argument,
                        "options::backup cannot copy this database: it is in memory (or temporary) and has no file; "
                        "unset options::backup for it");
}

std::optional<backup_target> plan_backup(sqlite3* db, const migration_plan& plan, const options& opts) {
  if (!opts.backup || plan.writes_nothing() || !has_schema_objects(db)) return std::nullopt;
  const std::string database = database_file(db);
  backup_info run;
  run.database = sqlite3_db_filename(db, "main");  // SQLite's own copy: valid while the connection is open
  run.current_version = plan.newest_applied.value_or(0);
  run.target_version = run.current_version;
  for (const auto* list : {&plan.pending, &plan.baseline, &plan.adopted}) {
    for (const migration* m : *list) run.target_version = std::max(run.target_version, m->version);
  }
  run.pending = plan.pending.size() + plan.baseline.size() + plan.adopted.size();
  backup_target target{opts.backup.path_for(run), 0};
  if (target.path.empty()) return std::nullopt;
  target.bytes = static_cast<std::uintmax_t>(read_integer(db, "PRAGMA main.page_count")) *
                 static_cast<std::uintmax_t>(read_integer(db, "PRAGMA main.page_size"));
  check_target(target.path, database, target.bytes);
  return target;
}

std::string back_up_before_writing(sqlite3* db, const migration_set& set, tracking_table& table, const options& opts) {
  if (!opts.backup) return {};
  // What is read, the plan and every page copied, is one snapshot.
  read_transaction snapshot(db);
  const auto target = plan_backup(db, read_plan(db, set, table, opts), opts);
  if (!target) return {};
  std::random_device random;
  const std::string partial = target->path + ".partial-" + std::to_string(random());
  copy_database(db, partial, target->path, wait_for(db, opts));
  snapshot.end();
  link_in(partial, target->path);
  record_backup(database_file(db), target->path, opts.backup_keep);
  return target->path;
}

void throw_naming_backup(const migration_error& error, const std::string& backup) {
  throw migration_error(error.code(),
                        std::string(error.what()) + " The database as it was before this run is copied at " + backup +
                            ": embedded_migrations::restore() puts it back.",
                        error.filename(), error.sqlite_code(), error.line(), error.column());
}

}  // namespace embedded_migrations::detail
