#include "planner.hpp"

#include "adopt/foreign_history.hpp"
#include "backup_before_write.hpp"
#include "busy_wait.hpp"
#include "connection_settings.hpp"
#include "failure.hpp"
#include "reconcile.hpp"
#include "sql_text.hpp"
#include "sqlite_handles.hpp"

#include <embedded_migrations/migration_error.hpp>

#include <sqlite3.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>

namespace embedded_migrations::detail {
namespace {

constexpr std::chrono::milliseconds default_busy_timeout{5000};

[[noreturn]] void invalid(const std::string& message) { throw migration_error(error_code::invalid_argument, message); }

// Moves what another tool's table says it applied from pending to adopted;
// only for a database our own table says nothing about yet.
void adopt_foreign_history(sqlite3* db, const migration_set& set, const options& opts, migration_plan& plan) {
  const auto history = read_foreign_history(db, opts.adopt_from, set);
  if (!history) return;
  plan.adopted = history->applied;
  plan.pending.erase(std::remove_if(plan.pending.begin(), plan.pending.end(),
                                    [&](const migration* m) {
                                      return std::find(plan.adopted.begin(), plan.adopted.end(), m) !=
                                             plan.adopted.end();
                                    }),
                     plan.pending.end());
}

std::string names_of(const std::vector<const migration*>& list) {
  std::string names;
  for (const auto* m : list) names += (names.empty() ? "" : ", ") + std::string(m->filename);
  return names;
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
                              "\"), so apply() cannot write; " + remedy(error_code::statement_in_progress),
                          {}, SQLITE_LOCKED);
  }
}

// SQL text ends at a NUL byte: SQLite would never get past it.
void refuse_nul_bytes(const std::vector<const migration*>& pending) {
  for (const migration* m : pending) {
    const auto at = m->sql.find('\0');
    if (at == std::string_view::npos) continue;
    const auto where = position_of(m->sql, at);
    throw migration_error(error_code::invalid_argument,
                          std::string(m->filename) + ":" + std::to_string(where.line) + ":" +
                              std::to_string(where.column) +
                              ": the migration's SQL holds a NUL byte, which SQL text cannot contain; build the "
                              "migration set from its file again (the generator refuses such files)",
                          std::string(m->filename), 0, where.line, where.column);
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

}  // namespace

std::chrono::milliseconds wait_for(sqlite3* db, const options& opts) {
  if (opts.busy_timeout) return *opts.busy_timeout;
  statement_ptr query;
  int own = 0;
  if (prepare(db, "PRAGMA busy_timeout", query) == SQLITE_OK && sqlite3_step(query.get()) == SQLITE_ROW) {
    own = sqlite3_column_int(query.get(), 0);
  }
  return own > 0 ? std::chrono::milliseconds(own) : default_busy_timeout;
}

migration_plan make_plan(sqlite3* db, const migration_set& set, tracking_table& table, const options& opts) {
  enum : unsigned char { not_recorded, recorded, claimed };
  std::vector<unsigned char> state(set.size(), not_recorded);
  std::vector<std::int64_t> unknown;
  std::optional<std::int64_t> newest_applied;
  std::size_t rows = 0;
  migration_plan plan;
  auto next = set.begin();  // rows usually come in version order: try the next one first
  table.scan([&](const tracking_table::scanned_row& row) {
    ++rows;
    if (row.complete) {
      ++plan.already_applied;
      newest_applied = std::max(newest_applied.value_or(row.version), row.version);
    }
    const auto found = next != set.end() && next->version == row.version
                           ? next
                           : std::lower_bound(set.begin(), set.end(), row.version,
                                              [](const migration& m, std::int64_t v) { return m.version < v; });
    if (found != set.end()) next = found + 1;
    if (found == set.end() || found->version != row.version) {
      unknown.push_back(row.version);
      return;
    }
    if (row.complete && row.checksum != found->checksum) {
      throw_checksum_mismatch(found->filename, row.version, row.checksum, found->checksum,
                              table.filename_of(row.version));
    }
    state[static_cast<std::size_t>(found - set.begin())] = row.complete ? recorded : claimed;
  });
  // A claimed row counts as pending: running it waits for whoever claimed it.
  for (std::size_t i = 0; i < set.size(); ++i) {
    if (state[i] != recorded) plan.pending.push_back(&set[i]);
    if (state[i] == claimed) plan.claimed.push_back(&set[i]);
  }
  plan.newest_applied = newest_applied;
  if (!unknown.empty() && !opts.allow_unknown_applied) {
    std::sort(unknown.begin(), unknown.end());
    std::string names;
    for (const auto version : unknown) {
      names += (names.empty() ? "" : ", ") + table.filename_of(version) + " (version " + std::to_string(version) + ")";
    }
    throw migration_error(error_code::database_ahead,
                          "the database has " + std::to_string(unknown.size()) +
                              " applied migration(s) this binary does not know: " + names +
                              ". A newer version of the application migrated it: run that version, restore a backup "
                              "taken before it ran, or set options::allow_unknown_applied if this binary can work "
                              "with that schema.",
                          table.filename_of(unknown.front()));
  }
  if (opts.adopt_from != adopt_format::none && rows == 0) adopt_foreign_history(db, set, opts, plan);
  if (opts.baseline_version && rows == 0) {
    const auto adopted_end = std::find_if(plan.pending.begin(), plan.pending.end(), [&](const migration* m) {
      return m->version > *opts.baseline_version;
    });
    plan.baseline.assign(plan.pending.begin(), adopted_end);
    plan.pending.erase(plan.pending.begin(), adopted_end);
  }
  if (newest_applied) {
    for (const migration* m : plan.pending) {
      if (m->version < *newest_applied) plan.out_of_order.push_back(m);
    }
  }
  if (!plan.out_of_order.empty() && opts.out_of_order == out_of_order_policy::fail) {
    throw migration_error(error_code::out_of_order,
                          "pending migration(s) older than the newest applied one (version " +
                              std::to_string(*newest_applied) + "): " + names_of(plan.out_of_order) +
                              ". They usually come from merged branches: renumber them after the newest applied "
                              "version, or set options::out_of_order to apply them.",
                          std::string(plan.out_of_order.front()->filename));
  }
  return plan;
}

void check_arguments(sqlite3* db, const migration_set& set, const options& opts) {
  check_version_order(set);
  check_options(set, opts);
  check_backup_option(db, opts);
  // Before anything is read or written: a set the SQLite cannot run must not
  // start, whatever is pending (the schema may already hold STRICT tables).
  throw_if_unsupported(db, set);
}

migration_plan read_plan(sqlite3* db, const migration_set& set, tracking_table& table, const options& opts) {
  return read_waiting(db, opts, [&] { return make_plan(db, set, table, opts); });
}

void check_before_writing(sqlite3* db, const migration_plan& plan, const options& opts) {
  const migration& first = !plan.adopted.empty()    ? *plan.adopted.front()
                           : !plan.baseline.empty() ? *plan.baseline.front()
                                                    : *plan.pending.front();
  if (sqlite3_db_readonly(db, "main") == 1) {
    throw migration_error(error_code::read_only,
                          std::string(first.filename) + " is pending but the database is read-only; " +
                              remedy(error_code::read_only),
                          std::string(first.filename), SQLITE_READONLY);
  }
  // The file is writable, but the connection refuses every write: apply()
  // would fail at its first BEGIN IMMEDIATE, for a reason the file's
  // permissions do not explain.
  if (query_only(db)) {
    throw migration_error(error_code::read_only,
                          std::string(first.filename) +
                              " is pending but the connection has PRAGMA query_only on, which refuses every write; "
                              "turn it off (PRAGMA query_only = OFF) before apply(), or open another connection",
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
}

}  // namespace embedded_migrations::detail
