#include "migration_runner.hpp"

#include "failure.hpp"
#include "sql_text.hpp"

#include <embedded_migrations/migration_error.hpp>

#include <sqlite3.h>

#include <algorithm>
#include <string>
#include <utility>

namespace embedded_migrations::detail {
namespace {

// BEGIN IMMEDIATE takes the write lock up front, so a second writer waits in
// the busy handler instead of failing halfway through a migration.
class write_transaction {
 public:
  write_transaction(sqlite3* db, const std::string& filename) : db_(db) { execute(db, "BEGIN IMMEDIATE", filename); }
  write_transaction(const write_transaction&) = delete;
  write_transaction& operator=(const write_transaction&) = delete;
  ~write_transaction() { rollback(); }

  void commit(const std::string& filename) {
    execute(db_, "COMMIT", filename);
    done_ = true;
  }
  void rollback() noexcept {
    if (!done_ && !sqlite3_get_autocommit(db_)) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    done_ = true;
  }

 private:
  sqlite3* db_;
  bool done_ = false;
};

enum class row_state { absent, complete, claimed };

// Looks the migration up under the caller's lock; a complete row must carry
// the embedded checksum.
row_state recorded_state(tracking_table& table, const migration& m) {
  const auto row = table.find(m.version);
  if (!row) return row_state::absent;
  if (!row->complete) return row_state::claimed;
  if (row->checksum != m.checksum) throw_checksum_mismatch(m.filename, row->checksum, m.checksum);
  return row_state::complete;
}

void record_and_commit(write_transaction& transaction, tracking_table& table, const migration& m,
                       const run_settings& settings, bool complete_claim) {
  const std::string filename(m.filename);
  if (complete_claim) {
    table.complete(m);
  } else {
    table.record(m);
  }
  if (settings.sync_user_version) table.sync_user_version();
  transaction.commit(filename);
}

run_outcome run_outside_transaction(sqlite3* db, tracking_table& table, const migration& m,
                                    const run_settings& settings) {
  const std::string filename(m.filename);
  run_outcome outcome;
  outcome.failure = run_script(db, m.sql, false, settings.hooks);
  if (!outcome.failure && !sqlite3_get_autocommit(db)) {
    outcome.failure = script_failure{m.sql.size(), m.sql.size(), 0,
                                     "the migration left a transaction open, which was rolled back; end every BEGIN "
                                     "with COMMIT"};
  }
  if (!sqlite3_get_autocommit(db)) sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
  if (outcome.failure) {
    // A failed statement changes nothing; when it was the first one the whole
    // migration changed nothing, and the claim can go.
    outcome.partially_applied = outcome.failure->statement_offset != skip_space_and_comments(m.sql);
    if (!outcome.partially_applied) {
      write_transaction transaction(db, filename);
      table.release_claim(m.version);
      transaction.commit(filename);
    }
    return outcome;
  }
  write_transaction transaction(db, filename);
  record_and_commit(transaction, table, m, settings, true);
  outcome.ran = true;
  return outcome;
}

}  // namespace

run_outcome run_migration(sqlite3* db, tracking_table& table, const migration& pending, const run_settings& settings,
                          const std::function<void(const migration&)>& on_start) {
  const std::string filename(pending.filename);
  const auto deadline = std::chrono::steady_clock::now() + settings.claim_wait;
  while (true) {
    write_transaction transaction(db, filename);
    table.create_if_missing();
    const auto state = recorded_state(table, pending);
    if (state == row_state::complete) {
      transaction.commit(filename);
      return {};
    }
    if (state == row_state::claimed) {
      // Another connection is running this -- no-transaction migration, or one
      // was interrupted: wait for it outside the lock, up to the busy timeout.
      transaction.commit(filename);
      if (std::chrono::steady_clock::now() >= deadline) throw_incomplete(pending.filename, pending.version, table.name());
      sqlite3_sleep(20);
      continue;
    }

    if (on_start) on_start(pending);
    if (!pending.transactional) {
      table.claim(pending);
      transaction.commit(filename);
      return run_outside_transaction(db, table, pending, settings);
    }
    run_outcome outcome;
    outcome.failure = run_script(db, pending.sql, true, settings.hooks);
    if (outcome.failure) return outcome;  // the transaction rolls back as it goes out of scope
    record_and_commit(transaction, table, pending, settings, false);
    outcome.ran = true;
    return outcome;
  }
}

batch_outcome run_batch(sqlite3* db, tracking_table& table, const std::vector<const migration*>& pending,
                        const run_settings& settings, const std::function<void(const migration&)>& on_start) {
  batch_outcome outcome;
  const std::string first = pending.empty() ? std::string() : std::string(pending.front()->filename);
  write_transaction transaction(db, first);
  table.create_if_missing();
  // The lock is held for the whole batch, so one read of what others recorded
  // meanwhile serves every migration (a lookup per migration would be
  // re-prepared after each one's schema change).
  std::vector<std::pair<std::int64_t, std::string>> recorded;  // version, checksum ("" while claimed)
  table.scan([&](const tracking_table::scanned_row& row) { recorded.emplace_back(row.version, std::string(row.checksum)); });
  std::sort(recorded.begin(), recorded.end());
  for (const migration* m : pending) {
    const auto found = std::lower_bound(recorded.begin(), recorded.end(), std::make_pair(m->version, std::string()));
    if (found != recorded.end() && found->first == m->version) {
      if (found->second.empty()) throw_incomplete(m->filename, m->version, table.name());
      if (found->second != m->checksum) throw_checksum_mismatch(m->filename, found->second, m->checksum);
      continue;
    }
    if (on_start) on_start(*m);
    if (auto failure = run_script(db, m->sql, true, settings.hooks)) {
      outcome.failed = m;
      outcome.failure = std::move(failure);
      outcome.ran.clear();  // rolled back with the transaction
      return outcome;
    }
    table.record(*m);
    outcome.ran.push_back(m);
  }
  if (settings.sync_user_version) table.sync_user_version();
  transaction.commit(first);
  return outcome;
}

std::vector<const migration*> record_without_running(sqlite3* db, tracking_table& table,
                                                     const std::vector<const migration*>& adopted,
                                                     const run_settings& settings) {
  std::vector<const migration*> recorded;
  if (adopted.empty()) return recorded;
  const std::string first(adopted.front()->filename);
  write_transaction transaction(db, first);
  table.create_if_missing();
  for (const migration* m : adopted) {
    if (recorded_state(table, *m) != row_state::absent) continue;
    table.record(*m);
    recorded.push_back(m);
  }
  if (settings.sync_user_version) table.sync_user_version();
  transaction.commit(first);
  return recorded;
}

}  // namespace embedded_migrations::detail
