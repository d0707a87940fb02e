#include "fresh_snapshot.hpp"

#include "../connection_settings.hpp"
#include "../failure.hpp"
#include "../planner.hpp"
#include "../sqlite_handles.hpp"
#include "../transaction_scope.hpp"

#include <embedded_migrations/migration_error.hpp>

#include <string>

namespace embedded_migrations::detail {
namespace {

// Whether the main database has no object; waits out another connection's
// commit (rollback journal) as apply()'s own reads do.
bool is_empty(sqlite3* db, const options& opts) {
  return read_waiting(db, opts, [db] {
    statement_ptr query;
    int rc = prepare(db, "SELECT 1 FROM main.sqlite_master LIMIT 1", query);
    if (rc == SQLITE_OK) rc = sqlite3_step(query.get());
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
      throw_sqlite_error(db, error_code::sqlite_error, "reading the schema failed");
    }
    return rc == SQLITE_DONE;
  });
}

}  // namespace

bool fresh_snapshot_applies(sqlite3* db, const migration_set& set, const options& opts) {
  if (!opts.fresh_from_snapshot) return false;
  if (set.fresh_snapshot().empty()) {
    const auto why = set.fresh_snapshot_refusal().empty()
                         ? std::string("the set was generated without FRESH_SNAPSHOT (--fresh-snapshot)")
                         : "the build could not prove it equivalent to running the migrations: " +
                               std::string(set.fresh_snapshot_refusal());
    throw migration_error(error_code::invalid_argument,
                          "options::fresh_from_snapshot cannot be used with this migration set: " + why +
                              "; turn the option off to run the migrations one by one");
  }
  if (set.empty() || !is_empty(db, opts)) return false;
  // Else apply() migrates as usual, and reports it before writing.
  return sqlite3_db_readonly(db, "main") != 1 && !query_only(db) && sqlite3_get_autocommit(db);
}

std::optional<apply_result> apply_fresh_snapshot(sqlite3* db, tracking_table& table, const migration_set& set,
                                                 const options& opts) {
  if (!fresh_snapshot_applies(db, set, opts)) return std::nullopt;
  // Concurrent starts on a new file wait for each other here, as apply() does.
  write_transaction write(db, {}, wait_for(db, opts));
  if (!is_empty(db, opts)) return std::nullopt;  // another connection got there first: migrate as usual
  // The snapshot creates tables and then inserts their rows table by table,
  // not in the order the migrations did: with foreign keys on, check them at
  // COMMIT (SQLite turns this off again when the transaction ends).
  execute(db, "PRAGMA defer_foreign_keys = ON");
  const std::string script(set.fresh_snapshot());
  char* error = nullptr;
  if (sqlite3_exec(db, script.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    const std::string message = error ? error : "unknown error";
    sqlite3_free(error);
    throw migration_error(classify(sqlite3_extended_errcode(db), error_code::migration_failed),
                          "options::fresh_from_snapshot: the schema snapshot failed: " + message +
                              "; nothing was written. Turn the option off to run the migrations one by one.",
                          {}, sqlite3_extended_errcode(db));
  }
  table.create_if_missing();
  apply_result result;
  for (const auto& m : set) table.record(m);
  if (opts.sync_user_version) table.sync_user_version();
  write.commit({});
  for (std::size_t i = 0; i < set.size(); ++i) {
    if (opts.on_event) opts.on_event(event{event_kind::baselined, set[i].version, set[i].filename, 0, 0, {}, {}});
    ++result.baselined;
  }
  return result;
}

}  // namespace embedded_migrations::detail
