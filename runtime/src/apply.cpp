#include <embedded_migrations/apply.hpp>

#include <embedded_migrations/migration_error.hpp>

#include "detail/reconcile.hpp"
#include "detail/migration_runner.hpp"
#include "detail/sql_text.hpp"
#include "detail/tracking_table.hpp"

#include <sqlite3.h>

#include <chrono>
#include <string>

namespace embedded_migrations {
namespace {

using clock = std::chrono::steady_clock;

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

[[noreturn]] void throw_script_failure(const migration& failed, const detail::script_failure& failure) {
  const auto where = detail::position_of(failed.sql, failure.error_offset);
  const auto statement_line = detail::position_of(failed.sql, failure.statement_offset).line;
  const std::string sqlite = failure.sqlite_code != 0 ? "SQLite error " + std::to_string(failure.sqlite_code) + ", " : "";
  const std::string outcome =
      failed.transactional
          ? "the migration was rolled back and earlier migrations stay applied; fix it and start again."
          : "it runs outside a transaction (-- no-transaction), so the statements before this one stay applied; "
            "make the migration safe to re-run before starting again.";
  throw migration_error(error_code::migration_failed,
                        std::string(failed.filename) + ":" + std::to_string(where.line) + ":" +
                            std::to_string(where.column) + ": migration failed: " + failure.message + " (" + sqlite +
                            "statement starting on line " + std::to_string(statement_line) + "); " + outcome,
                        std::string(failed.filename), failure.sqlite_code, statement_line);
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
      if (auto failure = detail::run_migration(db, table, next)) throw_script_failure(next, *failure);
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
