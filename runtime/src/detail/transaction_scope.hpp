// The transactions the runtime reads and writes in: BEGIN IMMEDIATE for every
// write, waiting for other connections' locks with our own retry loop, and a
// read transaction where several reads must see one snapshot.
#pragma once

#include <chrono>
#include <string>

struct sqlite3;

namespace embedded_migrations::detail {

// BEGIN IMMEDIATE takes the write lock up front, so a second writer waits
// instead of failing halfway through a migration. BEGIN IMMEDIATE and COMMIT
// are retried while another connection holds the lock (after the
// connection's own busy handler, if any, gave up) for up to `wait` each.
// Rolls back unless committed; the destructor never throws.
class write_transaction {
 public:
  // Throws migration_error (busy past `wait`, read_only, ...); `filename`
  // names the migration in the error, when there is one.
  write_transaction(sqlite3* db, const std::string& filename, std::chrono::milliseconds wait);
  write_transaction(const write_transaction&) = delete;
  write_transaction& operator=(const write_transaction&) = delete;
  ~write_transaction() { rollback(); }

  // Throws migration_error; the transaction is then rolled back.
  void commit(const std::string& filename);
  void rollback() noexcept;

 private:
  sqlite3* db_;
  std::chrono::milliseconds wait_;
  bool done_ = false;
};

// A read transaction (a deferred BEGIN) on the application's connection:
// what is read until end() is one snapshot no other connection's commit can
// change. Inside the application's own transaction it begins nothing, as
// that transaction already is one snapshot. Rolls back what it began; the
// destructor never throws.
class read_transaction {
 public:
  // Throws migration_error when SQLite refuses BEGIN.
  explicit read_transaction(sqlite3* db);
  read_transaction(const read_transaction&) = delete;
  read_transaction& operator=(const read_transaction&) = delete;
  ~read_transaction() { end(); }
  void end() noexcept;

 private:
  sqlite3* db_;
  bool open_ = false;
};

}  // namespace embedded_migrations::detail
