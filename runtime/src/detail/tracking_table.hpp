// The table that records which migrations a database has applied.
#pragma once

#include "sqlite_handles.hpp"
#include "statement_program.hpp"

#include <embedded_migrations/migration.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace embedded_migrations::detail {

struct recorded_migration {
  std::int64_t version = 0;
  std::string filename;
  std::string checksum;
  std::string applied_at;
  // False for the claim row of a -- no-transaction migration that started and
  // has not finished (its checksum is NULL until it does).
  bool complete = false;
};

// The table apply() and status() use: options::table_name when set, else the
// one the set was built against, else "migrations".
inline std::string tracking_table_name(const std::string& option, std::string_view set_table) {
  if (!option.empty()) return option;
  return set_table.empty() ? std::string("migrations") : std::string(set_table);
}

class tracking_table {
 public:
  // Validates the name (letters, digits, '_'; no leading digit; 1..64 chars);
  // throws migration_error(invalid_argument) otherwise.
  tracking_table(sqlite3* db, const std::string& name);

  // The recorded migrations by version, in one query. A missing table reads as
  // none (exists() is then false) and is not created: reading never writes.
  std::vector<recorded_migration> read();

  // The lean read apply() starts with: `SELECT version, checksum` (one query,
  // rows in table order, nothing copied) with each row handed to `visit`.
  // Same missing-table and foreign-table rules as read().
  struct scanned_row {
    std::int64_t version;
    std::string_view checksum;  // valid during the call only; empty when not complete
    bool complete;
  };
  void scan(const std::function<void(const scanned_row&)>& visit);

  // The file name recorded for `version` (for messages), or an empty string.
  std::string filename_of(std::int64_t version);
  bool exists() const noexcept { return exists_; }

  // These run inside the caller's write transaction.
  void create_if_missing();
  void record(const migration& applied);
  // The row for `version`, read under the caller's lock; the table must exist.
  std::optional<recorded_migration> find(std::int64_t version);
  // A -- no-transaction migration: claimed before it runs, completed after.
  void claim(const migration& starting);
  void complete(const migration& finished);
  void release_claim(std::int64_t version);
  // PRAGMA user_version = the highest complete version.
  void sync_user_version();

  // Throws migration_error(tracking_table_invalid) unless the table is missing
  // (returns false) or is a table with version INTEGER, filename TEXT,
  // checksum TEXT and applied_at columns (returns true). read() and scan()
  // call it, so apply() and status() judge a table the same way.
  bool check_shape();
  // A hash of the table's columns and indexes, any temp object of its name
  // and its rows; 0 when the table is gone. (Triggers have no PRAGMA: one on
  // the table shows when it acts on record(), which counts the changes.) A
  // migration must leave it as it found it. Retries a read locked out by
  // another connection until `deadline`, then throws migration_error(busy).
  std::uint64_t fingerprint(std::chrono::steady_clock::time_point deadline);
  // Under the write lock, after record(): remembers what the table hashes to
  // once committed (the hash before the row, plus the row record() wrote) and
  // PRAGMA data_version, so the next migration need not read the table again.
  void remember_after_record(std::uint64_t fingerprint_before_row);
  // The remembered hash, once, if no other connection committed since.
  std::optional<std::uint64_t> take_remembered();

  // Our write transaction was rolled back (to run it again): the table it
  // created, the rows it wrote and the pages it read may be gone.
  void after_rollback() noexcept {
    exists_ = false;
    remembered_.reset();
    root_pages_.forget();
  }

  const std::string& name() const noexcept { return name_; }
  sqlite3* db() const noexcept { return db_; }
  // The table's root pages, for the statements run_script() inspects.
  tracking_root_pages& root_pages() noexcept { return root_pages_; }
  // About how many rows the table holds: what the last scan or fingerprint
  // counted, plus the rows recorded since (0 before either).
  std::size_t rows_hint() const noexcept { return rows_hint_; }

 private:
  std::optional<std::uint64_t> try_fingerprint();  // nullopt: locked out
  std::int64_t data_version();
  struct remembered_fingerprint {
    std::uint64_t fingerprint;
    std::int64_t data_version;
  };
  std::optional<remembered_fingerprint> remembered_;
  statement_ptr prepare_bookkeeping(const std::string& sql, std::string_view filename);
  // Checks the shape, then prepares a read of the table; false (and exists()
  // false) when it is missing.
  bool prepare_read(const std::string& sql, statement_ptr& query);

  sqlite3* db_;
  std::string name_;
  std::string quoted_name_;
  bool exists_ = false;
  tracking_root_pages root_pages_{name_};
  std::size_t rows_hint_ = 0;
  recorded_migration last_recorded_{};  // what record() wrote last
  statement_ptr insert_;
  statement_ptr find_;
  statement_ptr fingerprint_;
  statement_ptr data_version_;
};

}  // namespace embedded_migrations::detail
