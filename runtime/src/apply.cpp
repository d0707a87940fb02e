#include <embedded_migrations/apply.hpp>

#include <embedded_migrations/migration_error.hpp>

#include "detail/backup_before_write.hpp"
#include "detail/connection_settings.hpp"
#include "detail/failure.hpp"
#include "detail/migration_runner.hpp"
#include "detail/planner.hpp"
#include "detail/schema/drift_check.hpp"
#include "detail/schema/fresh_snapshot.hpp"
#include "detail/sql_text.hpp"
#include "detail/tracking_table.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace embedded_migrations {
namespace {

using clock = std::chrono::steady_clock;

[[noreturn]] void invalid(const std::string& message) { throw migration_error(error_code::invalid_argument, message); }

[[noreturn]] void throw_script_failure(const migration& failed, const detail::script_failure& failure,
                                       const detail::run_outcome* single, bool atomic, const std::string& table) {
  const auto where = detail::position_of(failed.sql, failure.error_offset);
  // The runtime knows where the statement starts; SQLite's offset inside it
  // needs sqlite3_error_offset() (3.38.0), above the runtime's floor.
  const auto statement_start = detail::position_of(failed.sql, failure.statement_offset);
  const auto statement_line = statement_start.line;
  const error_code code = detail::classify(failure.sqlite_code, error_code::migration_failed);
  std::string outcome;
  if (atomic) {
    outcome = "every migration of this run was rolled back (atomic mode); fix it and start again.";
  } else if (failed.transactional) {
    outcome = "the migration was rolled back and earlier migrations stay applied; fix it and start again.";
  } else if (single && single->partially_applied) {
    outcome = "it runs outside a transaction (-- no-transaction), so the statements before this one stay applied, "
              "and its row in \"" + table + "\" (version " + std::to_string(failed.version) +
              ", no checksum) marks it incomplete: repair the database, delete that row, and start again.";
  } else {
    outcome = "nothing of it was applied; fix it and start again.";
  }
  std::string message = std::string(failed.filename) + ":" + std::to_string(where.line) + ":" +
                        std::to_string(where.column) + ": migration failed: " + failure.message + " (" +
                        (failure.sqlite_code != 0 ? "SQLite error " + std::to_string(failure.sqlite_code) + ", " : "") +
                        "statement starting on line " + std::to_string(statement_line) + "); " + outcome;
  if (const auto advice = detail::remedy(code); !advice.empty()) message += " " + advice + ".";
  throw migration_error(code, message, std::string(failed.filename), failure.sqlite_code, statement_line,
                        statement_start.column);
}

apply_result apply_migrations(sqlite3* db, const migration_set& set, const options& opts, std::string& backup) {
  if (db == nullptr) invalid("apply() needs an open SQLite connection");
  detail::check_arguments(db, set, opts);
  detail::tracking_table table(db, detail::tracking_table_name(opts.table_name, set.table_name()));

  if (opts.fresh_from_snapshot) {
    const detail::connection_settings_scope given_back(db);
    if (sqlite3_get_autocommit(db)) detail::use_foreign_keys_mode(db, set.foreign_keys());
    if (auto fresh = detail::apply_fresh_snapshot(db, table, set, opts)) {
      return detail::check_schema_after_apply(db, set, opts, std::move(*fresh));
    }
  }
  const detail::migration_plan plan = detail::read_plan(db, set, table, opts);
  apply_result result;
  result.already_applied = plan.already_applied;
  if (plan.pending.empty() && plan.baseline.empty() && plan.adopted.empty()) {
    return detail::check_schema_after_apply(db, set, opts, result);
  }

  detail::check_before_writing(db, plan, opts);
  backup = detail::back_up_before_writing(db, set, table, opts);

  const detail::connection_settings_scope given_back(db);
  // The build replayed the set with this foreign-key setting; given_back sets
  // the application's own again.
  detail::use_foreign_keys_mode(db, set.foreign_keys());
  const detail::run_settings settings{{}, opts.sync_user_version, detail::wait_for(db, opts), set.foreign_keys()};
  const auto notify = [&](event_kind kind, const migration& subject, std::size_t position,
                          std::chrono::microseconds duration, std::string_view message) {
    if (opts.on_event) {
      opts.on_event(event{kind, subject.version, subject.filename, position, plan.pending.size(), duration, message});
    }
  };
  const auto is_out_of_order = [&](const migration& m) {
    return std::find(plan.out_of_order.begin(), plan.out_of_order.end(), &m) != plan.out_of_order.end();
  };
  const auto position_of = [&](const migration& m) {
    return static_cast<std::size_t>(std::find(plan.pending.begin(), plan.pending.end(), &m) - plan.pending.begin()) + 1;
  };
  const auto announce = [&](const migration& m) {
    if (is_out_of_order(m)) notify(event_kind::out_of_order, m, position_of(m), {}, {});
    if (!m.destructive.empty()) notify(event_kind::destructive, m, position_of(m), {}, m.destructive);
    notify(event_kind::started, m, position_of(m), {}, {});
  };

  for (const migration* m : detail::record_without_running(db, table, plan.adopted, settings)) {
    notify(event_kind::adopted, *m, 0, {}, {});
    ++result.adopted;
  }
  for (const migration* m : detail::record_without_running(db, table, plan.baseline, settings)) {
    notify(event_kind::baselined, *m, 0, {}, {});
    ++result.baselined;
  }

  if (opts.atomic) {
    const auto start = clock::now();
    detail::batch_outcome batch;
    try {
      batch = detail::run_batch(db, table, plan.pending, settings, announce);
      if (batch.failure) throw_script_failure(*batch.failed, *batch.failure, nullptr, true, table.name());
    } catch (const migration_error& error) {
      const migration& failed = batch.failed ? *batch.failed : *plan.pending.front();
      notify(event_kind::failed, failed, position_of(failed),
             std::chrono::duration_cast<std::chrono::microseconds>(clock::now() - start), error.what());
      throw;
    }
    const auto each = std::chrono::duration_cast<std::chrono::microseconds>(clock::now() - start) /
                      static_cast<std::int64_t>(std::max<std::size_t>(batch.ran.size(), 1));
    for (const migration* m : batch.ran) {
      result.applied.push_back({m->version, m->filename, each});
      notify(event_kind::applied, *m, position_of(*m), each, {});
    }
    return detail::check_schema_after_apply(db, set, opts, std::move(result));
  }

  result.applied.reserve(plan.pending.size());
  for (const migration* m : plan.pending) {
    const auto start = clock::now();
    const auto elapsed = [&] { return std::chrono::duration_cast<std::chrono::microseconds>(clock::now() - start); };
    detail::run_outcome outcome;
    try {
      outcome = detail::run_migration(db, table, *m, settings, announce);
      if (outcome.failure) throw_script_failure(*m, *outcome.failure, &outcome, false, table.name());
    } catch (const migration_error& error) {
      notify(event_kind::failed, *m, position_of(*m), elapsed(), error.what());
      throw;
    }
    if (!outcome.ran) continue;  // another connection applied it first
    const auto duration = elapsed();
    result.applied.push_back({m->version, m->filename, duration});
    notify(event_kind::applied, *m, position_of(*m), duration, {});
  }
  return detail::check_schema_after_apply(db, set, opts, std::move(result));
}

}  // namespace

apply_result apply(sqlite3* db, const migration_set& set, const options& opts) {
  std::string backup;  // the copy options::backup made, named in the error when a migration then fails
  try {
    auto result = apply_migrations(db, set, opts, backup);
    result.backup = std::move(backup);
    return result;
  } catch (const migration_error& error) {
    if (backup.empty()) throw;
    detail::throw_naming_backup(error, backup);
  }
}

}  // namespace embedded_migrations
