#include "transaction_scope.hpp"

#include "busy_wait.hpp"
#include "failure.hpp"

#include <embedded_migrations/migration_error.hpp>

#include <sqlite3.h>

namespace embedded_migrations::detail {
namespace {

// Runs BEGIN IMMEDIATE or COMMIT, retrying while another connection holds the
// lock (after the connection's own busy handler, if any, gave up).
void execute_waiting(sqlite3* db, const char* sql, const std::string& filename, steady_time deadline) {
  for (int attempt = 0; sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK; ++attempt) {
    if (!is_other_connections_lock(sqlite3_extended_errcode(db)) || !wait_before_retry(attempt, deadline)) {
      throw_sqlite_error(db, error_code::sqlite_error, std::string("SQLite could not run ") + sql, filename);
    }
  }
}

}  // namespace

write_transaction::write_transaction(sqlite3* db, const std::string& filename, std::chrono::milliseconds wait)
    : db_(db), wait_(wait) {
  execute_waiting(db, "BEGIN IMMEDIATE", filename, deadline_after(wait));
}

void write_transaction::commit(const std::string& filename) {
  execute_waiting(db_, "COMMIT", filename, deadline_after(wait_));
  done_ = true;
}

void write_transaction::rollback() noexcept {
  if (!done_ && !sqlite3_get_autocommit(db_)) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  done_ = true;
}

read_transaction::read_transaction(sqlite3* db) : db_(db) {
  if (!sqlite3_get_autocommit(db)) return;
  execute(db, "BEGIN");
  open_ = true;
}

void read_transaction::end() noexcept {
  if (open_ && !sqlite3_get_autocommit(db_)) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  open_ = false;
}

}  // namespace embedded_migrations::detail
