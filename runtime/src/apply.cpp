#include <embedded_migrations/apply.hpp>

#include <embedded_migrations/migration_error.hpp>

#include "detail/failure.hpp"
#include "detail/reconcile.hpp"
#include "detail/script.hpp"
#include "detail/sql_text.hpp"
#include "detail/tracking_table.hpp"

#include <sqlite3.h>

#include <chrono>
#include <string>

namespace embedded_migrations {
namespace {

using clock = std::chrono::steady_clock;

// BEGIN IMMEDIATE takes the write lock up front, so a second writer waits in
// the busy handler instead of failing halfway through a migration.
class write_transaction {
 public:
  write_transaction(sqlite3* db, const std::string& filename) : db_(db) {
    detail::execute(db, "BEGIN IMMEDIATE", filename);
  }
  write_transaction(const write_transaction&) = delete;
  write_transaction& operator=(const write_transaction&) = delete;
  ~write_transaction() {
    if (!committed_ && !sqlite3_get_autocommit(db_)) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }
  void commit(const std::string& filename) {
    detail::execute(db_, "COMMIT", filename);
    committed_ = true;
  }

 private:
  sqlite3* db_;
  bool committed_ = false;
};

std::string checksum_mismatch_message(const detail::reconciled_migration& entry) {
  return std::string(entry.embedded->filename) +
         " was changed after it was applied: the database recorded checksum " + entry.recorded->checksum +
         " but this binary embeds " + std::string(entry.embedded->checksum) +
         ". An applied migration must never change: restore the file to what was applied (for example from "
         "version control) and put the change in a new migration.";
}

std::string database_ahead_message(const std::vector<const detail::recorded_migration*>& unknown) {
  std::string names;
  for (const auto* row : unknown) {
    if (!names.empty()) names += ", ";
    names += row->filename + " (version " + std::to_string(row->version) + ")";
  }
  return "the database has " + std::to_string(unknown.size()) +
         " applied migration(s) this binary does not know: " + names +
         ". A newer version of the application migrated it: run that version, or restore a backup taken before it ran.";
}

// Verifies what the database recorded against the set; returns what is pending.
std::vector<const migration*> pending_migrations(const migration_set& set,
                                                 const std::vector<detail::recorded_migration>& recorded) {
  std::vector<const migration*> pending;
  std::vector<const detail::recorded_migration*> unknown;
  for (const auto& entry : detail::reconcile(set, recorded)) {
    if (entry.is_modified()) {
      throw migration_error(error_code::checksum_mismatch, checksum_mismatch_message(entry),
                            std::string(entry.embedded->filename));
    }
    if (entry.is_unknown()) unknown.push_back(entry.recorded);
    if (entry.is_pending()) pending.push_back(entry.embedded);
  }
  if (!unknown.empty()) {
    throw migration_error(error_code::database_ahead, database_ahead_message(unknown), unknown.front()->filename);
  }
  return pending;
}

[[noreturn]] void throw_script_failure(const migration& failed, const detail::script_failure& failure,
                                       bool rolled_back) {
  const auto where = detail::position_of(failed.sql, failure.error_offset);
  const auto statement_line = detail::position_of(failed.sql, failure.statement_offset).line;
  const std::string outcome =
      rolled_back ? "the migration was rolled back and earlier migrations stay applied; fix it and start again."
                  : "it runs outside a transaction (-- no-transaction), so the statements before this one stay "
                    "applied; make the migration safe to re-run before starting again.";
  throw migration_error(error_code::migration_failed,
                        std::string(failed.filename) + ":" + std::to_string(where.line) + ":" +
                            std::to_string(where.column) + ": migration failed: " + failure.message +
                            " (SQLite error " + std::to_string(failure.sqlite_code) + ", statement starting on line " +
                            std::to_string(statement_line) + "); " + outcome,
                        std::string(failed.filename), failure.sqlite_code, statement_line);
}

void run_in_transaction(sqlite3* db, detail::tracking_table& table, const migration& pending) {
  const std::string filename(pending.filename);
  write_transaction transaction(db, filename);
  table.create_if_missing();
  if (auto failure = detail::run_script(db, pending.sql)) throw_script_failure(pending, *failure, true);
  table.record(pending);
  transaction.commit(filename);
}

// A -- no-transaction migration may manage transactions itself; its tracking
// row is written right after it succeeds.
void run_without_transaction(sqlite3* db, detail::tracking_table& table, const migration& pending) {
  const std::string filename(pending.filename);
  if (auto failure = detail::run_script(db, pending.sql)) {
    if (!sqlite3_get_autocommit(db)) sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    throw_script_failure(pending, *failure, false);
  }
  if (!sqlite3_get_autocommit(db)) {
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    throw migration_error(error_code::migration_failed,
                          filename + " left a transaction open; its open transaction was rolled back. End every "
                                     "BEGIN in the file with COMMIT.",
                          filename);
  }
  write_transaction transaction(db, filename);
  table.create_if_missing();
  table.record(pending);
  transaction.commit(filename);
}

}  // namespace

apply_result apply(sqlite3* db, const migration_set& set, const options& opts) {
  if (db == nullptr) throw migration_error(error_code::invalid_argument, "apply() needs an open SQLite connection");
  detail::check_version_order(set);
  detail::tracking_table table(db, opts.table_name);
  const auto recorded = table.read();
  const auto pending = pending_migrations(set, recorded);

  apply_result result;
  result.already_applied = recorded.size();
  if (pending.empty()) return result;
  if (!sqlite3_get_autocommit(db)) {
    throw migration_error(error_code::invalid_argument,
                          "apply() was called inside an open transaction; commit or roll it back first");
  }

  const auto notify = [&](event_kind kind, const migration& subject, std::size_t position,
                          std::chrono::microseconds duration, std::string_view message) {
    if (opts.on_event) opts.on_event(event{kind, subject.version, subject.filename, position, pending.size(), duration, message});
  };

  result.applied.reserve(pending.size());
  for (std::size_t i = 0; i < pending.size(); ++i) {
    const migration& next = *pending[i];
    notify(event_kind::started, next, i + 1, {}, {});
    const auto start = clock::now();
    const auto elapsed = [&] { return std::chrono::duration_cast<std::chrono::microseconds>(clock::now() - start); };
    try {
      if (next.transactional) {
        run_in_transaction(db, table, next);
      } else {
        run_without_transaction(db, table, next);
      }
    } catch (const migration_error& error) {
      notify(event_kind::failed, next, i + 1, elapsed(), error.what());
      throw;
    }
    const auto duration = elapsed();
    result.applied.push_back({next.version, next.filename, duration});
    notify(event_kind::applied, next, i + 1, duration, {});
  }
  return result;
}

}  // namespace embedded_migrations
