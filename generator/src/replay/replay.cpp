#include "replay/replay.hpp"

#include "replay/authorizer.hpp"
#include "replay/foreign_keys.hpp"
#include "replay/schema_tracker.hpp"
#include "replay/triggers.hpp"
#include "schema/schema_history.hpp"

#include "checks/sqlite_version_gate.hpp"

#include "detail/connection_settings.hpp"
#include "detail/migration_runner.hpp"
#include "detail/sql_text.hpp"
#include "detail/sqlite_handles.hpp"
#include "detail/tracking_table.hpp"

#include <embedded_migrations/migration_error.hpp>

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <set>
#include <stdexcept>

namespace embedded_migrations::generator {
namespace {

std::string statement_excerpt(std::string_view sql, std::size_t offset) {
  auto line = sql.substr(offset, sql.find('\n', offset) - offset);
  constexpr std::size_t max_length = 100;
  if (line.size() > max_length) return std::string(line.substr(0, max_length)) + "...";
  return std::string(line);
}

std::string path_of(const std::string& directory, const std::string& filename) {
  return (std::filesystem::path(directory) / filename).string();
}

// Names the migrations after `failed` that were not replayed.
void note_not_replayed(const std::vector<loaded_migration>& migrations, std::size_t failed,
                       const std::string& directory, std::vector<diagnostic>& diagnostics) {
  const std::size_t rest = migrations.size() - failed - 1;
  if (rest == 0) return;
  constexpr std::size_t named = 5;
  std::string names;
  for (std::size_t i = failed + 1; i < migrations.size() && i <= failed + named; ++i) {
    names += (names.empty() ? "" : ", ") + migrations[i].filename;
  }
  if (rest > named) names += fmt::format(" and {} more", rest - named);
  diagnostics.push_back({path_of(directory, migrations[failed].filename), 1, 1, severity::note,
                         fmt::format("{} later migration{} not checked, as {} on this one: {}", rest,
                                     rest == 1 ? " was" : "s were", rest == 1 ? "it builds" : "they build", names)});
}

bool is_memory_failure(int sqlite_code) { return (sqlite_code & 0xff) == SQLITE_NOMEM; }

// Why a statement failed, in the words the author needs.
std::string failure_message(const detail::script_failure& failure, const replay_policy& policy,
                            const limit_guard& limits, std::string_view sql) {
  if (!policy.refusal.empty()) return policy.refusal;  // a refusal always fails the statement it was made for
  if (limits.timed_out()) return limits.time_message();
  if (is_memory_failure(failure.sqlite_code)) return limits.memory_message();
  std::string message = failure.message;
  if (message.rfind("unsafe use of ", 0) == 0) {
    message += "; the replay runs with an untrusted schema (trusted_schema off): SQL stored in the schema (a view, "
               "trigger, default or generated column) may only call functions without side effects, so keep this "
               "call out of the schema";
  }
  if (message.rfind("no such function: ", 0) == 0) {
    const auto name = message.substr(std::string_view("no such function: ").size());
    message += fmt::format(
        "; if the application registers it, declare it: --function {0}/NARGS (FUNCTIONS {0}/NARGS in "
        "add_embedded_migrations)",
        name);
    if (auto newer = newer_than_build_machine(name, sqlite3_libversion_number())) message = *newer;
  }
  if (message.find("syntax error") != std::string::npos) {
    const auto statement = sql.substr(std::min(failure.statement_offset, sql.size()));
    if (auto newer = syntax_newer_than_build_machine(statement, sqlite3_libversion_number())) {
      message = *newer + " (SQLite says: " + message + ")";
    }
  }
  return message;
}

// A temporary table, view or index named like the tracking table would hide
// it from every later statement that names it. The authorizer refuses creating
// one, but not renaming a temporary table to it (the new name is not passed).
std::optional<std::string> shadowed_tracking_table(sqlite3* db, const std::string& table) {
  detail::statement_ptr query;
  if (detail::prepare(db, "SELECT type FROM temp.sqlite_master WHERE name = ?1 COLLATE NOCASE", query) != SQLITE_OK) {
    return fmt::format("cannot read the temporary schema: {}", sqlite3_errmsg(db));
  }
  sqlite3_bind_text(query.get(), 1, table.c_str(), -1, SQLITE_TRANSIENT);
  if (sqlite3_step(query.get()) != SQLITE_ROW) return std::nullopt;
  return fmt::format(
      "this migration leaves a temporary {} named \"{}\", which hides the tracking table from embedded-migrations; "
      "give it another name (or, if the application needs that name, record migrations in another table: --table "
      "NAME, TABLE NAME in add_embedded_migrations)",
      reinterpret_cast<const char*>(sqlite3_column_text(query.get(), 0)), table);
}

// Whether migration `index` fails at `error` also with no check's rows in the
// tables: the migrations up to it replayed once more, without the checks.
// An index on a dropped column fails with or without seeded rows, and a note
// blaming the seeds would send the user to the wrong file.
bool fails_the_same_without_checks(const std::vector<loaded_migration>& migrations, std::size_t index,
                                   const std::string& directory, replay_options options, const diagnostic& error) {
  options.checks.clear();
  options.history = nullptr;
  const std::vector<loaded_migration> up_to(migrations.begin(), migrations.begin() + static_cast<std::ptrdiff_t>(index) + 1);
  std::vector<diagnostic> without;
  if (replay_migrations(up_to, directory, options, without)) return false;
  return std::any_of(without.begin(), without.end(), [&](const diagnostic& d) {
    return d.level == severity::error && d.path == error.path && d.line == error.line && d.column == error.column &&
           d.message == error.message;
  });
}

// Lets every check explain migration `index`'s failure, but a check that
// loaded rows when the failure does not depend on them.
void explain_failure(const std::vector<loaded_migration>& migrations, std::size_t index, const std::string& directory,
                     const replay_options& options, replay_failure where, const diagnostic& error,
                     std::vector<diagnostic>& diagnostics) {
  std::optional<bool> same_without_rows;
  for (auto* check : options.checks) {
    if (check->loads_rows()) {
      if (!same_without_rows) {
        same_without_rows = fails_the_same_without_checks(migrations, index, directory, options, error);
      }
      if (*same_without_rows) continue;
    }
    check->explain_failure(index, migrations[index], where, error, diagnostics);
  }
}

}  // namespace

bool replay_migrations(const std::vector<loaded_migration>& migrations, const std::string& directory,
                       const replay_options& options, std::vector<diagnostic>& diagnostics) {
  sqlite3* raw = nullptr;
  const int open_rc = sqlite3_open_v2(":memory:", &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  detail::connection_ptr db(raw);
  if (open_rc != SQLITE_OK) throw std::runtime_error("cannot open an in-memory SQLite database");
  seal_connection(db.get());

  std::int64_t calls = 0;
  register_stand_ins(db.get(), options.functions, &calls);
  // The schema as each migration leaves it, read only where it changed: what
  // the checks after a migration look at, and the history.
  schema_tracker tracker(options.tracking_table);
  replay_policy policy;
  policy.tracking_table = options.tracking_table;
  policy.checks = {&tracker};
  policy.checks.insert(policy.checks.end(), options.checks.begin(), options.checks.end());
  install_authorizer(db.get(), policy);
  limit_guard limits(db.get(), options.limits);
  if (options.configure_connection) options.configure_connection(db.get());
  // Set outside any transaction, where SQLite honours it, as apply() does.
  const auto foreign_keys = options.foreign_keys ? foreign_keys_mode::on : foreign_keys_mode::off;
  detail::use_foreign_keys_mode(db.get(), foreign_keys);
  const replay_context context{db.get(), &policy, &limits, options.tracking_table};
  for (auto* check : options.checks) check->start(context);

  // The hooks tell the authorizer whose SQL it is judging (replay_policy).
  std::optional<std::string> shadow;  // a temporary object that hides the tracking table
  std::set<std::string> checked_triggers;  // the triggers trigger_problem() has judged
  detail::run_settings settings;
  settings.foreign_keys = foreign_keys;
  settings.hooks.before_prepare = [&] {
    if (options.before_statement) options.before_statement(db.get(), policy.transactional);
    policy.current = replay_policy::phase::preparing;
    policy.refusal.clear();
    policy.vacuuming = false;
  };
  settings.hooks.vet = [&](sqlite3_stmt* statement, std::string_view text) -> std::optional<std::string> {
    for (auto* check : options.checks) check->on_statement(statement, text);
    policy.current = replay_policy::phase::bookkeeping;  // what a check runs to vet it is not the migration's SQL
    for (auto* check : options.checks) {
      if (auto refusal = check->vet(statement, text)) return refusal;
    }
    policy.current = replay_policy::phase::running;
    tracker.before_statement_runs();  // reads the tables it drops or alters, as they are
    return std::nullopt;
  };
  // The authorizer judged every table the statement and the triggers it
  // fires touch, and refused the tracking table, except for the new name of
  // a temporary table it renames (shadowed_tracking_table() below): the
  // runtime's fingerprint of the tracking table is needed only then.
  settings.hooks.authorized_whole = [&] { return !policy.altered_temporary_table; };
  // The column SQLite points at: sqlite3_error_offset() (3.38.0) is called
  // here, on the build machine, never by the runtime (see statement_hooks).
  settings.hooks.error_offset = [](sqlite3* connection) { return sqlite3_error_offset(connection); };
  settings.hooks.after_statement = [&] {
    policy.current = replay_policy::phase::bookkeeping;
    if (policy.vacuuming) tracker.note_rebuilt();
    if (!policy.altered_temporary_table) return;
    policy.altered_temporary_table = false;
    // Our bookkeeping would write to the shadow: say why it fails, if it does.
    if (!shadow) shadow = shadowed_tracking_table(db.get(), options.tracking_table);
  };

  detail::tracking_table table(db.get(), options.tracking_table);
  table.read();
  tracker.start(db.get());
  for (std::size_t i = 0; i < migrations.size(); ++i) {
    const auto& m = migrations[i];
    const std::string path = path_of(directory, m.filename);
    policy.transactional = m.transactional;
    policy.renamed_or_dropped_table = false;
    policy.current = replay_policy::phase::bookkeeping;
    policy.refusal.clear();
    limits.restart();
    const migration view{m.version, m.filename, m.sql, m.checksum, m.transactional};
    tracker.before(i, m);
    for (auto* check : options.checks) check->before(i, m);

    std::optional<detail::script_failure> failure;
    try {
      failure = detail::run_migration(db.get(), table, view, settings).failure;
      if (!failure) tracker.after(i, m);  // reads what the migration changed
    } catch (const migration_error& e) {
      std::string message = shadow ? *shadow : fmt::format("replaying the migration failed: {}", e.what());
      if (limits.timed_out()) message = limits.time_message();
      if (is_memory_failure(e.sqlite_code())) message = limits.memory_message();
      diagnostics.push_back({path, 1, 1, severity::error, std::move(message)});
      note_not_replayed(migrations, i, directory, diagnostics);
      return false;
    }
    policy.current = replay_policy::phase::bookkeeping;
    if (failure) {
      const auto first_diagnostic = diagnostics.size();
      const auto where = detail::position_of(m.sql, failure->error_offset);
      const auto statement = detail::position_of(m.sql, failure->statement_offset);
      diagnostics.push_back({path, where.line, where.column, severity::error, failure_message(*failure, policy, limits, m.sql)});
      // A failure after the last statement (a transaction left open) has no statement to show.
      const auto excerpt = statement_excerpt(m.sql, failure->statement_offset);
      if (!excerpt.empty()) {
        diagnostics.push_back({path, statement.line, statement.column, severity::note,
                               fmt::format("in the statement: {}", excerpt)});
      }
      const diagnostic error = diagnostics[first_diagnostic];
      explain_failure(migrations, i, directory, options, replay_failure::statement, error, diagnostics);
      note_not_replayed(migrations, i, directory, diagnostics);
      return false;
    }
    const auto& changes = tracker.changes();
    auto problem = shadow ? shadow : shadowed_tracking_table(db.get(), options.tracking_table);
    if (!problem) problem = foreign_key_problem(db.get(), changes.foreign_key_tables);
    if (!problem && options.foreign_keys && policy.renamed_or_dropped_table && changes.dangling_parent) {
      problem = dangling_parent_problem(db.get());
    }
    if (!problem) problem = trigger_problem(db.get(), policy, changes, checked_triggers);
    if (problem) {
      diagnostics.push_back({path, 1, 1, severity::error, std::move(*problem)});
      const diagnostic error = diagnostics.back();
      explain_failure(migrations, i, directory, options, replay_failure::after_migration, error, diagnostics);
      note_not_replayed(migrations, i, directory, diagnostics);
      return false;
    }
    for (auto* check : options.checks) {
      if (!check->finish(i, m, diagnostics)) {
        note_not_replayed(migrations, i, directory, diagnostics);
        return false;
      }
    }
    if (options.history) options.history->record(changes);
    for (auto* check : options.checks) check->after(i, m);
  }
  if (options.history) options.history->read_final_schema(db.get(), options.tracking_table);
  return true;
}

}  // namespace embedded_migrations::generator
