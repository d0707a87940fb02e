#include "migration_runner.hpp"

#include "failure.hpp"

#include <embedded_migrations/migration_error.hpp>

#include <sqlite3.h>

#include <string>

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
    committed_ = true;
  }
  void rollback() noexcept {
    if (!committed_ && !sqlite3_get_autocommit(db_)) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    committed_ = true;
  }

 private:
  sqlite3* db_;
  bool committed_ = false;
};

}  // namespace

std::optional<script_failure> run_migration(sqlite3* db, tracking_table& table, const migration& pending,
                                            const statement_check& extra_check) {
  const std::string filename(pending.filename);
  if (pending.transactional) {
    write_transaction transaction(db, filename);
    table.create_if_missing();
    if (auto failure = run_script(db, pending.sql, true, extra_check)) {
      transaction.rollback();
      return failure;
    }
    table.record(pending);
    transaction.commit(filename);
    return std::nullopt;
  }

  if (auto failure = run_script(db, pending.sql, false, extra_check)) {
    if (!sqlite3_get_autocommit(db)) sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    return failure;
  }
  if (!sqlite3_get_autocommit(db)) {
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    return script_failure{pending.sql.size(), pending.sql.size(), 0,
                          "the migration left a transaction open, which was rolled back; end every BEGIN with COMMIT"};
  }
  write_transaction transaction(db, filename);
  table.create_if_missing();
  table.record(pending);
  transaction.commit(filename);
  return std::nullopt;
}

}  // namespace embedded_migrations::detail
