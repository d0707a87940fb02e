#include "planner.hpp"

#include "adopt/foreign_history.hpp"
#include "failure.hpp"

#include <embedded_migrations/migration_error.hpp>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>

namespace embedded_migrations::detail {
namespace {

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

}  // namespace

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
  }
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

}  // namespace embedded_migrations::detail
