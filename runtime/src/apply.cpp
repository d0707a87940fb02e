#include <embedded_migrations/apply.hpp>

#include <embedded_migrations/migration_error.hpp>

#include "detail/busy_wait.hpp"
#include "detail/connection_settings.hpp"
#include "detail/failure.hpp"
#include "detail/migration_runner.hpp"
#include "detail/planner.hpp"
#include "detail/reconcile.hpp"
#include "detail/schema/drift_check.hpp"
#include "detail/schema/fresh_snapshot.hpp"
#include "detail/sqlite_handles.hpp"
#include "detail/sql_text.hpp"
#include "detail/tracking_table.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace embedded_migrations {
namespace {

using clock = std::chrono::steady_clock;
constexpr std::chrono::milliseconds default_busy_timeout{5000};

[[noreturn]] void invalid(const std::string& message) { throw migration_error(error_code::invalid_argument, message); }

// How long apply() waits for other connections: the option, else the
// connection's own busy timeout, else 5 seconds. Only read when needed, so an
// up-to-date start stays one query.
std::chrono::milliseconds wait_for(sqlite3* db, const options& opts) {
  if (opts.busy_timeout) return *opts.busy_timeout;
  detail::statement_ptr query;
  int own = 0;
  if (detail::prepare(db, "PRAGMA busy_timeout", query) == SQLITE_OK && sqlite3_step(query.get()) == SQLITE_ROW) {
    own = sqlite3_column_int(query.get(), 0);
  }
  return own > 0 ? std::chrono::milliseconds(own) : default_busy_timeout;
}

// A statement of the application still being stepped holds its tables:
// SQLite would fail our writes with SQLITE_LOCKED, possibly after a
// -- no-transaction claim was committed. Refuse before writing anything.
void refuse_statement_in_progress(sqlite3* db) {
  for (sqlite3_stmt* statement = sqlite3_next_stmt(db, nullptr); statement;
       statement = sqlite3_next_stmt(db, statement)) {
    if (!sqlite3_stmt_busy(statement)) continue;
    const char* sql = sqlite3_sql(statement);
    std::string text = sql ? sql : "";
    constexpr std::size_t shown = 60;  // enough to recognise the statement in a log line
    if (text.size() > shown) text = text.substr(0, shown) + "...";
    throw migration_error(error_code::statement_in_progress,
                          "a statement on this connection is still being stepped (\"" + text +
                              "\"), so apply() cannot write; " + detail::remedy(error_code::statement_in_progress),
                          {}, SQLITE_LOCKED);
  }
}

// SQL text ends at a NUL byte: SQLite would never get past it.
void refuse_nul_bytes(const std::vector<const migration*>& pending) {
  for (const migration* m : pending) {
    const auto at = m->sql.find('\0');
    if (at == std::string_view::npos) continue;
    const auto where = detail::position_of(m->sql, at);
    invalid(std::string(m->filename) + ":" + std::to_string(where.line) + ":" + std::to_string(where.column) +
            ": the migration's SQL holds a NUL byte, which SQL text cannot contain; build the migration set from "
            "its file again (the generator refuses such files)");
  }
}

void check_options(const migration_set& set, const options& opts) {
  if (opts.busy_timeout && opts.busy_timeout->count() < 0) invalid("options::busy_timeout must not be negative");
  if (opts.adopt_from != adopt_format::none && opts.baseline_version) {
    invalid("options::adopt_from and options::baseline_version both say what a database applied without us; set one");
  }
  if (opts.sync_user_version) {
    for (const auto& m : set) {
      if (m.version < 0 || m.version > std::numeric_limits<std::int32_t>::max()) {
        invalid("options::sync_user_version: PRAGMA user_version holds 32 bits, and " + std::string(m.filename) +
                " has version " + std::to_string(m.version) + "; turn the option off");
      }
    }
  }
}

[[noreturn]] void throw_script_failure(const migration& failed, const detail::script_failure& failure,
                                       const detail::run_outcome* single, bool atomic, const std::string& table) {
  const auto where = detail::position_of(failed.sql, failure.error_offset);
  const auto statement_line = detail::position_of(failed.sql, failure.statement_offset).line;
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
  throw migration_error(code, message, std::string(failed.filename), failure.sqlite_code, statement_line);
}

}  // namespace

apply_result apply(sqlite3* db, const migration_set& set, const options& opts) {
  if (db == nullptr) invalid("apply() needs an open SQLite connection");
  detail::check_version_order(set);
  check_options(set, opts);
  // Before anything is read or written: a set the SQLite cannot run must not
  // start, whatever is pending (the schema may already hold STRICT tables).
  detail::throw_if_unsupported(db, set);
  detail::tracking_table table(db, detail::tracking_table_name(opts.table_name, set.table_name()));

  if (auto fresh = detail::apply_fresh_snapshot(db, table, set, opts)) {
    return detail::check_schema_after_apply(db, set, opts, std::move(*fresh));
  }
  // Reading meets a lock only while another connection commits (rollback
  // journal): retry until the deadline, after the connection's own handler.
  std::optional<detail::migration_plan> planned;
  std::optional<detail::steady_time> read_deadline;
  for (int attempt = 0; !planned; ++attempt) {
    try {
      planned = detail::make_plan(db, set, table, opts);
    } catch (const migration_error& error) {
      if (error.code() != error_code::busy) throw;
      if (!read_deadline) read_deadline = detail::deadline_after(wait_for(db, opts));
      if (!detail::wait_before_retry(attempt, *read_deadline)) throw;
    }
  }
  const detail::migration_plan& plan = *planned;
  apply_result result;
  result.already_applied = plan.already_applied;
  if (plan.pending.empty() && plan.baseline.empty() && plan.adopted.empty()) {
    return detail::check_schema_after_apply(db, set, opts, result);
  }

  const migration& first = !plan.adopted.empty()    ? *plan.adopted.front()
                           : !plan.baseline.empty() ? *plan.baseline.front()
                                                    : *plan.pending.front();
  if (sqlite3_db_readonly(db, "main") == 1) {
    throw migration_error(error_code::read_only,
                          std::string(first.filename) + " is pending but the database is read-only; " +
                              detail::remedy(error_code::read_only),
                          std::string(first.filename), SQLITE_READONLY);
  }
  if (!sqlite3_get_autocommit(db)) invalid("apply() was called inside an open transaction; commit or roll it back first");
  refuse_statement_in_progress(db);
  refuse_nul_bytes(plan.pending);
  if (opts.atomic) {
    for (const migration* m : plan.pending) {
      if (!m->transactional) {
        invalid("options::atomic cannot include " + std::string(m->filename) +
                ", which runs outside a transaction (-- no-transaction); apply it without atomic mode first");
      }
    }
  }

  const detail::connection_settings_scope given_back(db);
  const detail::run_settings settings{{}, opts.sync_user_version, wait_for(db, opts)};
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

}  // namespace embedded_migrations
