// restore(): a backup copied over the database under the write lock, and
// every refusal leaving the database as it was. (A kill mid-copy is in
// crash-test.cpp; restoring after a failed upgrade in backup-test.cpp.)
#define BOOST_TEST_MODULE restore
#include <boost/test/unit_test.hpp>

#include "temp_directory.hpp"
#include "test_database.hpp"

#include <embedded_migrations/embedded_migrations.hpp>

#include <chrono>
#include <filesystem>
#include <thread>

using namespace embedded_migrations;
using namespace test_support;
using namespace std::chrono_literals;

namespace {

struct fixture {
  temp_directory dir;
  std::string path = (dir.path() / "app.db").string();
  std::string backup = (dir.path() / "backup.db").string();
  database db;

  fixture() {
    auto copy = open_database(backup);
    exec(copy.get(), "CREATE TABLE t (x); INSERT INTO t VALUES ('from the backup');");
    db = open_database(path);
    exec(db.get(), "CREATE TABLE t (x); INSERT INTO t VALUES ('current');");
  }
  std::string value() { return rows(db.get(), "SELECT x FROM t").front(); }
};

migration_error restore_error(sqlite3* db, const std::string& path) {
  try {
    restore(db, path);
  } catch (const migration_error& e) {
    return e;
  }
  throw std::runtime_error("restore() did not throw");
}

}  // namespace

BOOST_FIXTURE_TEST_CASE(the_backup_replaces_the_database_for_every_connection, fixture) {
  auto other = open_database(path);
  BOOST_TEST(rows(other.get(), "SELECT x FROM t").front() == "current");
  restore(db.get(), backup);
  BOOST_TEST(value() == "from the backup");
  BOOST_TEST(rows(other.get(), "SELECT x FROM t").front() == "from the backup");
}

BOOST_FIXTURE_TEST_CASE(it_waits_for_another_connections_write_lock, fixture) {
  auto holder = open_database(path);
  exec(holder.get(), "BEGIN IMMEDIATE; INSERT INTO t VALUES ('written meanwhile');");
  std::thread release([&] {
    std::this_thread::sleep_for(300ms);
    exec(holder.get(), "COMMIT");
  });
  restore(db.get(), backup);
  release.join();
  BOOST_TEST(rows(db.get(), "SELECT x FROM t") == std::vector<std::string>{"from the backup"});
}

BOOST_FIXTURE_TEST_CASE(a_lock_held_past_the_busy_timeout_is_busy_and_changes_nothing, fixture) {
  auto holder = open_database(path);
  exec(holder.get(), "BEGIN IMMEDIATE; INSERT INTO t VALUES ('uncommitted');");
  sqlite3_busy_timeout(db.get(), 100);
  const auto error = restore_error(db.get(), backup);
  BOOST_TEST(error.code() == error_code::busy);
  BOOST_TEST(std::string(error.what()).find("the database is as it was") != std::string::npos, error.what());
  exec(holder.get(), "ROLLBACK");
  BOOST_TEST(value() == "current");
}

BOOST_FIXTURE_TEST_CASE(what_cannot_be_restored_is_refused_and_nothing_changes, fixture) {
  const auto not_a_database = dir.write("notes.db", std::string(4096, 'x')).string();
  BOOST_TEST(restore_error(db.get(), not_a_database).code() == error_code::backup_failed);
  BOOST_TEST(restore_error(db.get(), (dir.path() / "missing.db").string()).code() == error_code::backup_failed);
  BOOST_TEST(restore_error(db.get(), "").code() == error_code::invalid_argument);
  BOOST_TEST(restore_error(nullptr, backup).code() == error_code::invalid_argument);
  const auto itself = restore_error(db.get(), (dir.path() / "." / "app.db").string());
  BOOST_TEST(itself.code() == error_code::invalid_argument);
  BOOST_TEST(std::string(itself.what()).find("is the database itself") != std::string::npos, itself.what());

  exec(db.get(), "BEGIN");
  BOOST_TEST(restore_error(db.get(), backup).code() == error_code::invalid_argument);
  exec(db.get(), "ROLLBACK");

  sqlite3_stmt* raw = nullptr;
  sqlite3_prepare_v2(db.get(), "SELECT x FROM t", -1, &raw, nullptr);
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> stepping(raw, sqlite3_finalize);
  BOOST_TEST_REQUIRE(sqlite3_step(stepping.get()) == SQLITE_ROW);
  BOOST_TEST(restore_error(db.get(), backup).code() == error_code::statement_in_progress);
  stepping.reset();

  BOOST_TEST(value() == "current");
  BOOST_TEST(read_bytes(not_a_database) == std::string(4096, 'x'));
}

BOOST_FIXTURE_TEST_CASE(a_read_only_connection_cannot_be_restored_into, fixture) {
  auto read_only = open_database(path, SQLITE_OPEN_READONLY);
  BOOST_TEST(restore_error(read_only.get(), backup).code() == error_code::read_only);
  BOOST_TEST(value() == "current");
}

BOOST_FIXTURE_TEST_CASE(a_wal_database_refuses_a_backup_of_another_page_size_and_changes_nothing, fixture) {
  exec(db.get(), "PRAGMA journal_mode = WAL");
  const auto other_size = (dir.path() / "other-size.db").string();
  exec(open_database(other_size).get(), "PRAGMA page_size = 8192; CREATE TABLE t (x); INSERT INTO t VALUES (1);");
  const auto error = restore_error(db.get(), other_size);
  BOOST_TEST(error.code() == error_code::backup_failed, error.what());
  BOOST_TEST(std::string(error.what()).find("takes only a copy of its own page size); the database is as it was") !=
                 std::string::npos,
             error.what());
  BOOST_TEST(value() == "current");
}
