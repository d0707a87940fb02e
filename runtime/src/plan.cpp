#include <embedded_migrations/plan.hpp>

#include "detail/backup_before_write.hpp"
#include "detail/failure.hpp"
#include "detail/planner.hpp"
#include "detail/schema/fresh_snapshot.hpp"
#include "detail/tracking_table.hpp"

#include <algorithm>

namespace embedded_migrations {
namespace {

std::vector<migration> copies(const std::vector<const migration*>& list) {
  std::vector<migration> result;
  result.reserve(list.size());
  for (const migration* m : list) result.push_back(*m);
  return result;
}

error_details details_of(const migration_error& error) {
  return {make_error_code(error.code()), error.what(), error.filename(), error.sqlite_code(), error.line(),
          error.column()};
}

// The steps of apply() up to its first write, in its order, with nothing
// written; what apply() would throw is thrown.
void plan_into(apply_plan& result, sqlite3* db, const migration_set& set, const options& opts) {
  detail::check_arguments(db, set, opts);
  detail::tracking_table table(db, detail::tracking_table_name(opts.table_name, set.table_name()));
  if (detail::fresh_snapshot_applies(db, set, opts)) {
    // An empty database: apply() creates the schema and records every
    // migration in one transaction. It has nothing to back up.
    result.baselined.assign(set.begin(), set.end());
    result.target_version = set[set.size() - 1].version;
    result.from_snapshot = true;
    return;
  }
  const auto planned = detail::read_plan(db, set, table, opts);
  result.pending = copies(planned.pending);
  result.out_of_order = copies(planned.out_of_order);
  result.baselined = copies(planned.baseline);
  result.adopted = copies(planned.adopted);
  result.already_applied = planned.already_applied;
  result.current_version = planned.newest_applied.value_or(0);
  result.target_version = result.current_version;
  for (const auto* list : {&result.pending, &result.baselined, &result.adopted}) {
    for (const auto& m : *list) result.target_version = std::max(result.target_version, m.version);
  }
  if (planned.writes_nothing()) return;
  detail::check_before_writing(db, planned, opts);
  if (const auto backup = detail::plan_backup(db, planned, opts)) result.backup = backup->path;
  // apply() waits for whoever claimed it, then reports it as incomplete.
  if (!planned.claimed.empty()) {
    detail::throw_incomplete(planned.claimed.front()->filename, planned.claimed.front()->version, table.name());
  }
}

}  // namespace

apply_plan plan(sqlite3* db, const migration_set& set, const options& opts) {
  if (db == nullptr) throw migration_error(error_code::invalid_argument, "plan() needs an open SQLite connection");
  apply_plan result;
  try {
    plan_into(result, db, set, opts);
  } catch (const migration_error& error) {
    result.error = details_of(error);
  }
  return result;
}

}  // namespace embedded_migrations
