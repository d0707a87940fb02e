#include <embedded_migrations/verify_schema.hpp>

#include <embedded_migrations/migration_error.hpp>

#include "detail/failure.hpp"
#include "detail/planner.hpp"
#include "detail/reconcile.hpp"
#include "detail/schema/canonical_schema.hpp"
#include "detail/schema/drift_check.hpp"
#include "detail/schema/schema_diff.hpp"
#include "detail/schema/schema_text.hpp"
#include "detail/tracking_table.hpp"
#include "detail/transaction_scope.hpp"

#include <variant>

namespace embedded_migrations {
namespace {

schema_state state_of(const migration_set& set, const std::vector<detail::recorded_migration>& recorded) {
  bool pending = false;
  bool unknown = false;
  bool modified = false;
  for (const auto& entry : detail::reconcile(set, recorded)) {
    pending = pending || entry.is_pending() || entry.is_incomplete();
    unknown = unknown || entry.is_unknown();
    modified = modified || entry.is_modified();
  }
  // Ahead first: a newer binary's schema is unknown here whatever else holds.
  return unknown ? schema_state::database_ahead
         : modified ? schema_state::checksum_mismatch
         : pending  ? schema_state::not_up_to_date
                    : schema_state::comparable;
}

void indent_into(std::string& out, std::string_view label, const std::string& sql) {
  out += "  ";
  out += label;
  for (const char c : sql) {
    out += c;
    if (c == '\n') out += "            ";
  }
  out += '\n';
}

}  // namespace

const char* to_string(schema_state state) noexcept {
  switch (state) {
    case schema_state::comparable: return "comparable";
    case schema_state::not_up_to_date: return "not_up_to_date";
    case schema_state::database_ahead: return "database_ahead";
    case schema_state::checksum_mismatch: return "checksum_mismatch";
    case schema_state::no_embedded_schema: return "no_embedded_schema";
  }
  return "unknown";
}

const char* to_string(schema_difference_kind kind) noexcept {
  switch (kind) {
    case schema_difference_kind::missing: return "missing";
    case schema_difference_kind::unexpected: return "unexpected";
    case schema_difference_kind::changed: return "changed";
  }
  return "unknown";
}

schema_report verify_schema(sqlite3* db, const migration_set& set, const options& opts,
                            const std::vector<std::string>& ignored_tables) {
  if (db == nullptr) throw migration_error(error_code::invalid_argument, "verify_schema() needs an open SQLite connection");
  detail::check_version_order(set);
  schema_report report;
  if (set.schema().empty()) return report;

  auto parsed = detail::schema::parse_text(set.schema());
  if (const auto* problem = std::get_if<std::string>(&parsed)) {
    throw migration_error(error_code::invalid_argument,
                          "the migration set's embedded schema cannot be read (" + *problem +
                              "); regenerate it with the embed-migrations that matches this runtime");
  }
  auto& expected = std::get<detail::schema::parsed_text>(parsed);
  const auto last_version = set.empty() ? std::optional<std::int64_t>() : set[set.size() - 1].version;
  if (expected.header.version != last_version) {
    throw migration_error(error_code::invalid_argument,
                          "the migration set's embedded schema is for another version than its last migration; "
                          "regenerate the set instead of assembling it by hand");
  }

  detail::tracking_table table(db, detail::tracking_table_name(opts.table_name, set.table_name()));
  // The tracking table and the schema from one snapshot: a newer binary
  // migrating meanwhile is either unseen or seen as the database being ahead,
  // never taken for drift.
  return detail::read_waiting(db, opts, [&] {
    const detail::read_transaction snapshot(db);
    schema_report result;
    result.state = state_of(set, table.read());
    if (result.state != schema_state::comparable) return result;
    detail::schema::read_options read;
    read.tracking_table = table.name();
    read.excluded = ignored_tables;
    for (auto& d : detail::schema::diff(expected.schema, detail::schema::read_schema(db, read))) {
      const auto kind = d.kind == detail::schema::difference_kind::missing      ? schema_difference_kind::missing
                        : d.kind == detail::schema::difference_kind::unexpected ? schema_difference_kind::unexpected
                                                                                : schema_difference_kind::changed;
      result.differences.push_back({kind, std::move(d.type), std::move(d.name), std::move(d.expected_sql),
                                    std::move(d.actual_sql)});
    }
    return result;
  });
}

std::string describe(const schema_report& report) {
  std::string text;
  for (const auto& d : report.differences) {
    text += d.type + " " + d.name + ": " + to_string(d.kind) + "\n";
    if (!d.expected_sql.empty()) indent_into(text, "expected: ", d.expected_sql);
    if (!d.actual_sql.empty()) indent_into(text, "actual:   ", d.actual_sql);
  }
  return text;
}

namespace detail {

apply_result check_schema_after_apply(sqlite3* db, const migration_set& set, const options& opts,
                                      apply_result result) {
  if (!opts.verify_schema) return result;
  if (set.schema().empty()) {
    throw migration_error(error_code::invalid_argument,
                          "options::verify_schema needs a migration set generated with its schema (add_embedded_migrations "
                          "with VALIDATE ON, the default); this one carries none");
  }
  const auto report = verify_schema(db, set, opts);
  if (!report.has_drift()) return result;
  throw migration_error(error_code::schema_drift,
                        "the database schema differs from the one its migrations produce in " +
                            std::to_string(report.differences.size()) + " object(s):\n" + describe(report) +
                            remedy(error_code::schema_drift));
}

}  // namespace detail
}  // namespace embedded_migrations
