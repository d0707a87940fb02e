#include <embedded_migrations/status.hpp>

#include <embedded_migrations/migration_error.hpp>

#include "detail/planner.hpp"
#include "detail/reconcile.hpp"
#include "detail/tracking_table.hpp"

namespace embedded_migrations {

const char* to_string(migration_state state) noexcept {
  switch (state) {
    case migration_state::applied: return "applied";
    case migration_state::pending: return "pending";
    case migration_state::modified: return "modified";
    case migration_state::unknown: return "unknown";
    case migration_state::incomplete: return "incomplete";
  }
  return "unknown";
}

std::vector<migration_status> status(sqlite3* db, const migration_set& set, const options& opts) {
  if (db == nullptr) throw migration_error(error_code::invalid_argument, "status() needs an open SQLite connection");
  detail::check_version_order(set);
  detail::tracking_table table(db, detail::tracking_table_name(opts.table_name, set.table_name()));
  // Waits out another connection's commit as apply() and plan() do.
  const auto recorded = detail::read_waiting(db, opts, [&] { return table.read(); });

  std::vector<migration_status> result;
  for (const auto& entry : detail::reconcile(set, recorded)) {
    migration_status row{};
    if (entry.embedded) {
      row.version = entry.embedded->version;
      row.filename = std::string(entry.embedded->filename);
      row.embedded_checksum = std::string(entry.embedded->checksum);
    }
    if (entry.recorded) {
      row.version = entry.recorded->version;
      if (!entry.embedded) row.filename = entry.recorded->filename;
      row.applied_at = entry.recorded->applied_at;
      row.recorded_checksum = entry.recorded->checksum;
      row.recorded_filename = entry.recorded->filename;
    }
    row.state = entry.is_pending()      ? migration_state::pending
                : entry.is_unknown()    ? migration_state::unknown
                : entry.is_incomplete() ? migration_state::incomplete
                : entry.is_modified()   ? migration_state::modified
                                        : migration_state::applied;
    result.push_back(std::move(row));
  }
  return result;
}

}  // namespace embedded_migrations
