#include "guarded_run.hpp"

#include "busy_wait.hpp"
#include "failure.hpp"
#include "foreign_key_check.hpp"

#include <algorithm>
#include <string>
#include <utility>

namespace embedded_migrations::detail {

namespace {

std::string changed_tracking_table(const tracking_table& table) {
  return "this statement changed the tracking table \"" + table.name() +
         "\", which belongs to embedded-migrations (it records every migration itself); remove the statement from "
         "the migration, or, if the application needs a table of that name, record migrations in another one "
         "(TABLE in add_embedded_migrations, or options::table_name)";
}

// The savepoint a transactional migration's SQL runs under, so that a change
// to the tracking table can be undone and the statement located.
constexpr const char* script_savepoint_name = "embedded_migrations_script";
constexpr const char* script_savepoint = "SAVEPOINT embedded_migrations_script";
constexpr const char* undo_script = "ROLLBACK TO embedded_migrations_script";
constexpr const char* keep_script = "RELEASE embedded_migrations_script";

}  // namespace

script_rules rules_for(const migration& m, tracking_table& table, const run_settings& settings,
                       const std::uint64_t* fingerprint) {
  script_rules rules;
  rules.in_transaction = m.transactional;
  if (m.transactional) rules.own_savepoint = script_savepoint_name;
  rules.inspect_every_statement = !m.transactional;  // short by nature, and nothing can be undone
  rules.tracking_table = &table.root_pages();
  // Outside our transaction another connection may have vacuumed since.
  if (!m.transactional) table.root_pages().forget();
  rules.busy_deadline = deadline_after(settings.busy_timeout);
  if (!m.transactional) {
    rules.before_commit = [db = table.db(), mode = settings.foreign_keys](bool seen) -> std::optional<std::string> {
      return dangling_rows_before_commit(db, mode, seen);
    };
  }
  if (fingerprint) {
    rules.after_statement = [&table, expected = *fingerprint,
                             timeout = settings.busy_timeout]() -> std::optional<std::string> {
      if (table.fingerprint(deadline_after(timeout)) == expected) return std::nullopt;
      return changed_tracking_table(table);
    };
  }
  return rules;
}

namespace {

// What one fingerprint of the tracking table costs, in the bytes of statement
// text that explaining costs (script.hpp): about 4.7k instructions a row and
// 30k for the query (callgrind, SQLite 3.40.1, x86-64, against 18 a byte).
constexpr std::size_t fingerprint_bytes_per_row = 260;
constexpr std::size_t fingerprint_fixed_bytes = 1700;
// Whatever the table holds, a migration of a few statements is explained: it
// is then refused by line before it runs, for a few compiles more.
constexpr std::size_t always_explained_bytes = 4 * explain_overhead_bytes;

}  // namespace

std::optional<guarded_failure> run_guarded(sqlite3* db, tracking_table& table,
                                           const std::vector<const migration*>& list, const run_settings& settings,
                                           const std::function<void(const migration&)>& on_start,
                                           bool& violations_seen, std::optional<std::uint64_t> known_before,
                                           std::uint64_t* after) {
  if (list.empty()) return std::nullopt;
  const std::string filename(list.front()->filename);
  execute(db, script_savepoint, filename);
  const auto before = known_before ? *known_before : table.fingerprint(deadline_after(settings.busy_timeout));
  bool fully_inspected = true;
  for (const migration* m : list) {
    if (on_start) on_start(*m);
    // When every statement is inspected and none runs code its program does
    // not show, the fingerprint need not be taken again. Explaining a
    // statement costs about what compiling it does; hashing the table costs
    // a row at a time. So a migration explains its writing statements while
    // their text costs less to explain than the table would to hash again:
    // a small migration on a long table explains everything, a large data
    // migration explains (nearly) nothing. A batch hashes once for all its
    // migrations, which is cheaper still.
    auto rules = rules_for(*m, table, settings, nullptr);
    if (list.size() == 1) {
      rules.inspection_budget =
          std::max(always_explained_bytes, fingerprint_fixed_bytes + table.rows_hint() * fingerprint_bytes_per_row);
    }
    auto result = run_script(db, m->sql, rules, settings.hooks);
    if (result.failure) return guarded_failure{m, std::move(*result.failure)};
    fully_inspected = fully_inspected && result.fully_inspected;
    violations_seen = violations_seen || result.deferred_violations_seen;
  }
  if (fully_inspected) {
    execute(db, keep_script, filename);
    if (after) *after = before;
    return std::nullopt;
  }
  const auto now = table.fingerprint(deadline_after(settings.busy_timeout));
  if (now == before) {
    execute(db, keep_script, filename);
    if (after) *after = now;
    return std::nullopt;
  }
  execute(db, undo_script, filename);
  for (const migration* m : list) {
    auto rules = rules_for(*m, table, settings, &before);
    rules.inspect_every_statement = true;
    auto located = run_script(db, m->sql, rules, settings.hooks);
    if (located.failure) return guarded_failure{m, std::move(*located.failure)};
  }
  return guarded_failure{list.back(), script_failure{0, 0, 0, changed_tracking_table(table)}};
}

}  // namespace embedded_migrations::detail
