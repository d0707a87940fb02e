#include "migration_runner.hpp"

#include "busy_wait.hpp"
#include "connection_settings.hpp"
#include "failure.hpp"
#include "foreign_key_check.hpp"
#include "guarded_run.hpp"
#include "transaction_scope.hpp"

#include <embedded_migrations/migration_error.hpp>

#include <sqlite3.h>

#include <algorithm>
#include <string>
#include <utility>

namespace embedded_migrations::detail {
namespace {

// Another connection sharing the cache holds a lock our write met (SQLite
// reports it as SQLITE_LOCKED_SHAREDCACHE, which no busy handler sees): the
// write transaction, rolled back, may run again once it lets go.
bool is_shared_cache_lock(const migration_error& error) { return error.sqlite_code() == SQLITE_LOCKED_SHAREDCACHE; }

// Runs `write`, one write transaction of ours, again while it fails on
// another shared-cache connection's lock, until `deadline`; `table` forgets
// what the rolled-back attempt did.
template <typename Write>
auto retry_shared_cache_locks(tracking_table& table, steady_time deadline, Write&& write) -> decltype(write()) {
  for (int attempt = 0;; ++attempt) {
    try {
      return write();
    } catch (const migration_error& error) {
      if (!is_shared_cache_lock(error) || !wait_before_retry(attempt, deadline)) throw;
      table.after_rollback();
    }
  }
}

enum class row_state { absent, complete, claimed };

// Looks the migration up under the caller's lock; a complete row must carry
// the embedded checksum.
row_state recorded_state(tracking_table& table, const migration& m) {
  const auto row = table.find(m.version);
  if (!row) return row_state::absent;
  if (!row->complete) return row_state::claimed;
  if (row->checksum != m.checksum) {
    throw_checksum_mismatch(m.filename, m.version, row->checksum, m.checksum, row->filename);
  }
  return row_state::complete;
}

// `fingerprint`, when given, is what the table hashed to before the row: the
// table then remembers what it hashes to once the row is committed.
void record_and_commit(write_transaction& transaction, tracking_table& table, const migration& m,
                       const run_settings& settings, bool complete_claim,
                       std::optional<std::uint64_t> fingerprint = std::nullopt) {
  const std::string filename(m.filename);
  allow_bookkeeping_writes(table.db());
  if (complete_claim) {
    table.complete(m);
  } else {
    table.record(m);
  }
  if (settings.sync_user_version) table.sync_user_version();
  if (fingerprint) table.remember_after_record(*fingerprint);
  transaction.commit(filename);
}

run_outcome run_outside_transaction(sqlite3* db, tracking_table& table, const migration& m,
                                    const run_settings& settings) {
  const std::string filename(m.filename);
  run_outcome outcome;
  const auto before = table.fingerprint(deadline_after(settings.busy_timeout));
  auto result = run_script(db, m.sql, rules_for(m, table, settings, &before), settings.hooks);
  outcome.failure = std::move(result.failure);
  if (!outcome.failure && !sqlite3_get_autocommit(db)) {
    outcome.failure = script_failure{m.sql.size(), m.sql.size(), 0,
                                     "the migration left a transaction open, which was rolled back; end every BEGIN "
                                     "with COMMIT"};
  }
  if (!sqlite3_get_autocommit(db)) sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
  // Statements it ran outside any transaction of its own, with foreign keys
  // turned off, were committed unchecked: in a set that runs with foreign
  // keys on, the migration must not end with rows pointing nowhere.
  if (!outcome.failure && settings.foreign_keys == foreign_keys_mode::on) {
    if (auto found = dangling_rows(db)) {
      outcome.failure = script_failure{m.sql.size(), m.sql.size(), 0, dangling_message(*found, false)};
    }
  }
  // The migration may have changed the mode (PRAGMA foreign_keys=OFF, as the
  // 12-step rebuild does): the next one runs in the set's mode again.
  use_foreign_keys_mode(db, settings.foreign_keys);
  allow_bookkeeping_writes(db);
  if (outcome.failure) {
    // SQLite says whether anything was committed: a statement that changed
    // the database outside any transaction, or a COMMIT that succeeded.
    // Otherwise the migration changed nothing, and the claim can go.
    outcome.partially_applied = result.committed_something;
    if (!outcome.partially_applied) {
      retry_shared_cache_locks(table, deadline_after(settings.busy_timeout), [&] {
        write_transaction transaction(db, filename, settings.busy_timeout);
        table.release_claim(m.version);
        transaction.commit(filename);
      });
    }
    return outcome;
  }
  try {
    retry_shared_cache_locks(table, deadline_after(settings.busy_timeout), [&] {
      write_transaction transaction(db, filename, settings.busy_timeout);
      record_and_commit(transaction, table, m, settings, true);
    });
  } catch (const migration_error& error) {
    // Like a process that dies here: what the migration did stays, and so
    // does its claim, which every later start reports as incomplete.
    throw migration_error(error.code(),
                          std::string(error.what()) + ". " + filename +
                              " ran outside a transaction (-- no-transaction) and stays applied; its row in \"" +
                              table.name() + "\" (version " + std::to_string(m.version) +
                              ", no checksum) marks it incomplete: fix the cause, check the database, complete or "
                              "undo what the migration did, delete that row, and start again",
                          error.filename(), error.sqlite_code(), error.line(), error.column());
  }
  outcome.ran = true;
  return outcome;
}

}  // namespace

run_outcome run_migration(sqlite3* db, tracking_table& table, const migration& pending, const run_settings& settings,
                          const std::function<void(const migration&)>& on_start) {
  const std::string filename(pending.filename);
  const auto deadline = deadline_after(settings.busy_timeout);
  bool started = false;
  const auto announce = [&](const migration& m) {
    if (on_start && !started) on_start(m);
    started = true;
  };
  for (int attempt = 0;; ++attempt) {
    bool claimed = false;
    try {
      write_transaction transaction(db, filename, settings.busy_timeout);
      table.create_if_missing();
      const auto state = recorded_state(table, pending);
      if (state == row_state::complete) {
        transaction.commit(filename);
        return {};
      }
      if (state == row_state::claimed) {
        // Another connection is running this -- no-transaction migration, or
        // one was interrupted: wait for it outside the lock, up to the busy timeout.
        transaction.commit(filename);
        if (std::chrono::steady_clock::now() >= deadline) {
          throw_incomplete(pending.filename, pending.version, table.name());
        }
        sqlite3_sleep(20);
        continue;
      }
      if (!pending.transactional) {
        announce(pending);
        table.claim(pending);
        transaction.commit(filename);
        claimed = true;
      } else {
        run_outcome outcome;
        std::uint64_t after = 0;
        bool violations_seen = false;
        if (auto guarded = run_guarded(db, table, {&pending}, settings, announce, violations_seen,
                                       table.take_remembered(), &after)) {
          outcome.failure = std::move(guarded->failure);
        } else {
          outcome.failure = dangling_rows_at_end(db, pending, violations_seen);
        }
        if (outcome.failure) {
          // A statement that met another connection's lock (a cache spill
          // needs the exclusive lock; a shared-cache connection's table lock)
          // leaves nothing behind once rolled back: run the whole migration
          // again until the deadline.
          if (is_other_connections_lock(outcome.failure->sqlite_code) && wait_before_retry(attempt, deadline)) {
            transaction.rollback();
            table.after_rollback();
            continue;
          }
          return outcome;  // the transaction rolls back as it goes out of scope
        }
        record_and_commit(transaction, table, pending, settings, false, after);
        outcome.ran = true;
        return outcome;
      }
    } catch (const migration_error& error) {
      // Nothing of this attempt was committed (the claim commits last).
      if (!is_shared_cache_lock(error) || !wait_before_retry(attempt, deadline)) throw;
      table.after_rollback();
      continue;
    }
    if (claimed) return run_outside_transaction(db, table, pending, settings);
  }
}

namespace {

batch_outcome run_batch_once(sqlite3* db, tracking_table& table, const std::vector<const migration*>& pending,
                             const run_settings& settings, const std::function<void(const migration&)>& on_start) {
  batch_outcome outcome;
  const std::string first = pending.empty() ? std::string() : std::string(pending.front()->filename);
  write_transaction transaction(db, first, settings.busy_timeout);
  table.create_if_missing();
  // The lock is held for the whole batch, so one read of what others recorded
  // meanwhile serves every migration (a lookup per migration would be
  // re-prepared after each one's schema change).
  struct recorded_row {
    std::int64_t version;
    std::string checksum;  // "" while claimed
  };
  std::vector<recorded_row> recorded;
  table.scan([&](const tracking_table::scanned_row& row) {
    recorded.push_back({row.version, std::string(row.checksum)});
  });
  std::sort(recorded.begin(), recorded.end(),
            [](const recorded_row& a, const recorded_row& b) { return a.version < b.version; });
  std::vector<const migration*> to_run;
  for (const migration* m : pending) {
    const auto found = std::lower_bound(recorded.begin(), recorded.end(), m->version,
                                        [](const recorded_row& row, std::int64_t v) { return row.version < v; });
    if (found != recorded.end() && found->version == m->version) {
      if (found->checksum.empty()) throw_incomplete(m->filename, m->version, table.name());
      if (found->checksum != m->checksum) {
        throw_checksum_mismatch(m->filename, m->version, found->checksum, m->checksum, table.filename_of(m->version));
      }
      continue;
    }
    to_run.push_back(m);
  }
  // The rows are written once every migration ran: the tracking table then
  // hashes the same from the first migration to the last.
  bool violations_seen = false;
  if (auto failure = run_guarded(db, table, to_run, settings, on_start, violations_seen)) {
    outcome.failed = failure->failed;
    outcome.failure = std::move(failure->failure);
    return outcome;  // rolled back with the transaction
  }
  if (!to_run.empty()) {
    if (auto dangling = dangling_rows_at_end(db, *to_run.back(), violations_seen)) {
      outcome.failed = to_run.back();
      outcome.failure = std::move(dangling);
      return outcome;
    }
  }
  allow_bookkeeping_writes(db);
  for (const migration* m : to_run) table.record(*m);
  outcome.ran = std::move(to_run);
  if (settings.sync_user_version) table.sync_user_version();
  transaction.commit(first);
  return outcome;
}

// One attempt of record_without_running().
std::vector<const migration*> record_once(sqlite3* db, tracking_table& table,
                                         const std::vector<const migration*>& adopted, const run_settings& settings) {
  std::vector<const migration*> recorded;
  const std::string first(adopted.front()->filename);
  write_transaction transaction(db, first, settings.busy_timeout);
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

}  // namespace

batch_outcome run_batch(sqlite3* db, tracking_table& table, const std::vector<const migration*>& pending,
                        const run_settings& settings, const std::function<void(const migration&)>& on_start) {
  const auto deadline = deadline_after(settings.busy_timeout);
  std::vector<const migration*> started;  // each announced once, however many attempts
  const auto announce = [&](const migration& m) {
    if (std::find(started.begin(), started.end(), &m) != started.end()) return;
    started.push_back(&m);
    if (on_start) on_start(m);
  };
  for (int attempt = 0;; ++attempt) {
    // As in run_migration: a statement that met another connection's lock
    // left nothing behind once the batch is rolled back.
    auto outcome = retry_shared_cache_locks(table, deadline,
                                            [&] { return run_batch_once(db, table, pending, settings, announce); });
    if (!outcome.failure || !is_other_connections_lock(outcome.failure->sqlite_code) ||
        !wait_before_retry(attempt, deadline)) {
      return outcome;
    }
    table.after_rollback();
  }
}

std::vector<const migration*> record_without_running(sqlite3* db, tracking_table& table,
                                                     const std::vector<const migration*>& adopted,
                                                     const run_settings& settings) {
  if (adopted.empty()) return {};
  return retry_shared_cache_locks(table, deadline_after(settings.busy_timeout), [&] {
    return record_once(db, table, adopted, settings);
  });
}

}  // namespace embedded_migrations::detail
