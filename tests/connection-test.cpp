// apply() leaves the application's connection as it found it: its busy
// handler, its per-connection settings, its unfinished statements.
//
// Groups: busy handler and waiting · settings · unfinished statements · bad input.
#define BOOST_TEST_MODULE connection
#include <boost/test/unit_test.hpp>

#include "temp_directory.hpp"
#include "test_database.hpp"

#include <embedded_migrations/embedded_migrations.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <thread>

using namespace embedded_migrations;
using namespace test_support;
using namespace std::chrono_literals;

namespace {

migration_list users() {
  migration_list m;
  m.add(1, "001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT);\n");
  return m;
}

int count_calls(void* calls, int) {
  ++*static_cast<int*>(calls);
  return 0;  // give up at once
}

std::string code_name(const migration_error& error) { return to_string(error.code()); }

}  // namespace

// --- busy handler and waiting --------------------------------------------------

BOOST_AUTO_TEST_CASE(the_applications_busy_handler_still_fires_after_apply) {
  for (const bool pending : {true, false}) {
    temp_directory dir;
    const auto path = (dir.path() / "app.db").string();
    if (!pending) apply(open_database(path).get(), users().set());
    auto db = open_database(path);
    int calls = 0;
    sqlite3_busy_handler(db.get(), count_calls, &calls);
    apply(db.get(), users().set());

    auto holder = open_database(path);
    exec(holder.get(), "BEGIN IMMEDIATE; CREATE TABLE held (x);");
    BOOST_CHECK_THROW(exec(db.get(), "CREATE TABLE other (x)"), std::runtime_error);
    BOOST_TEST(calls > 0, (pending ? "with" : "without") << " pending migrations");
    exec(holder.get(), "ROLLBACK");
  }
}

BOOST_AUTO_TEST_CASE(apply_waits_with_its_own_loop_after_the_handler_gives_up) {
  temp_directory dir;
  const auto path = (dir.path() / "app.db").string();
  auto db = open_database(path);
  int calls = 0;
  sqlite3_busy_handler(db.get(), count_calls, &calls);
  auto holder = open_database(path);
  exec(holder.get(), "BEGIN IMMEDIATE; CREATE TABLE unrelated (x);");
  std::thread release([&] {
    std::this_thread::sleep_for(300ms);
    exec(holder.get(), "COMMIT");
  });
  options opts;
  opts.busy_timeout = 10s;
  const auto result = apply(db.get(), users().set(), opts);
  release.join();
  BOOST_TEST(result.applied.size() == 1u);
  BOOST_TEST(calls > 0);  // SQLite asked the app's handler first
}

BOOST_AUTO_TEST_CASE(the_largest_busy_timeout_waits_instead_of_overflowing) {
  temp_directory dir;
  const auto path = (dir.path() / "app.db").string();
  migration_list m;
  m.add(1, "001_rebuild.sql", "-- no-transaction\nCREATE TABLE rebuilt (x);\n", false);
  auto db = open_database(path);
  auto other = open_database(path);  // another process, in the middle of running 001
  // It must wait for apply()'s short transactions too, as a real process would.
  sqlite3_busy_timeout(other.get(), 5000);
  exec(other.get(), "CREATE TABLE migrations (id INTEGER PRIMARY KEY AUTOINCREMENT, version INTEGER NOT NULL UNIQUE, "
                    "filename TEXT NOT NULL UNIQUE, checksum TEXT, applied_at DATETIME DEFAULT CURRENT_TIMESTAMP);"
                    "INSERT INTO migrations (version, filename) VALUES (1, '001_rebuild.sql');");
  std::thread finish([&] {
    std::this_thread::sleep_for(300ms);
    exec(other.get(), "CREATE TABLE rebuilt (x); UPDATE migrations SET checksum = '" +
                          std::string(m.set()[0].checksum) + "'");
  });
  options opts;
  opts.busy_timeout = std::chrono::milliseconds::max();
  std::string failure;
  try {
    BOOST_TEST(apply(db.get(), m.set(), opts).applied.empty());  // the other one applied it meanwhile
  } catch (const migration_error& e) {
    failure = e.what();
  }
  finish.join();
  BOOST_TEST(failure.empty(), failure);
}

// --- settings --------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(settings_a_migration_changes_are_given_back_on_success_and_failure) {
  const std::string changes =
      "PRAGMA foreign_keys = OFF;\nPRAGMA recursive_triggers = ON;\nPRAGMA cache_size = 1234;\n"
      "PRAGMA synchronous = OFF;\nPRAGMA legacy_alter_table = ON;\nPRAGMA reverse_unordered_selects = ON;\n"
      "PRAGMA automatic_index = OFF;\nPRAGMA ignore_check_constraints = ON;\nPRAGMA defer_foreign_keys = ON;\n"
      "PRAGMA cell_size_check = ON;\n";
  for (const bool fails : {false, true}) {
    auto db = open_database();
    exec(db.get(), "PRAGMA foreign_keys = ON; PRAGMA cache_size = -4000; PRAGMA synchronous = NORMAL");
    const auto snapshot = [&] {
      std::vector<std::string> values;
      for (const char* name : {"foreign_keys", "recursive_triggers", "cache_size", "synchronous", "legacy_alter_table",
                               "reverse_unordered_selects", "automatic_index", "ignore_check_constraints",
                               "defer_foreign_keys", "cell_size_check"}) {
        values.push_back(name + std::string("=") + rows(db.get(), std::string("PRAGMA ") + name).front());
      }
      return values;
    };
    const auto before = snapshot();
    migration_list m;
    m.add(1, "001_settings.sql",
          "-- no-transaction\n" + changes + "CREATE TABLE t (x);\n" + (fails ? "INSERT INTO nowhere VALUES (1);\n" : ""),
          false);
    if (fails) {
      apply_error(db.get(), m.set());
    } else {
      apply(db.get(), m.set());
    }
    BOOST_TEST(snapshot() == before, boost::test_tools::per_element());
  }
}

BOOST_AUTO_TEST_CASE(limits_and_result_shapes_a_migration_changes_are_given_back) {
  // Each would change what the application's own statements do afterwards:
  // writes failing as "disk full", INSERTs returning a row, columns renamed,
  // a WAL that is never checkpointed.
  const char* const names[] = {"main.max_page_count", "count_changes",     "full_column_names",
                               "short_column_names",  "wal_autocheckpoint", "main.journal_size_limit",
                               "main.mmap_size",      "threads",           "read_uncommitted"};
  temp_directory dir;
  auto db = open_database((dir.path() / "settings.db").string());
  const auto snapshot = [&] {
    std::vector<std::string> values;
    for (const char* name : names) {
      values.push_back(name + std::string("=") + rows(db.get(), std::string("PRAGMA ") + name).front());
    }
    return values;
  };
  const auto before = snapshot();
  migration_list m;
  m.add(1, "001_settings.sql",
        "CREATE TABLE t (x);\nPRAGMA max_page_count = 2;\nPRAGMA count_changes = ON;\nPRAGMA full_column_names = ON;\n"
        "PRAGMA short_column_names = OFF;\nPRAGMA wal_autocheckpoint = 0;\nPRAGMA journal_size_limit = 5;\n"
        "PRAGMA mmap_size = 4096;\nPRAGMA threads = 3;\nPRAGMA read_uncommitted = ON;\n");
  apply(db.get(), m.set());
  BOOST_TEST(snapshot() == before, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_query_only_connection_is_read_only_and_the_message_says_why) {
  auto db = open_database();
  exec(db.get(), "PRAGMA query_only = ON");
  const auto error = apply_error(db.get(), users().set());
  BOOST_TEST(code_name(error) == "read_only");
  BOOST_TEST(std::string(error.what()).find("PRAGMA query_only") != std::string::npos, error.what());
  BOOST_TEST(rows(db.get(), "SELECT count(*) FROM sqlite_master").front() == "0");
  BOOST_TEST(rows(db.get(), "PRAGMA query_only").front() == "1");
}

BOOST_AUTO_TEST_CASE(a_migration_turning_query_only_on_is_still_recorded) {
  for (const bool transactional : {true, false}) {
    auto db = open_database();
    migration_list m;
    m.add(1, "001_read_only.sql",
          std::string(transactional ? "" : "-- no-transaction\n") + "CREATE TABLE t (x);\nPRAGMA query_only = ON;\n",
          transactional);
    m.add(2, "002_more.sql", "CREATE TABLE u (x);\n");
    BOOST_TEST(apply(db.get(), m.set()).applied.size() == 2u, transactional);
    BOOST_TEST(rows(db.get(), "SELECT count(*) FROM migrations WHERE checksum IS NOT NULL").front() == "2");
    BOOST_TEST(rows(db.get(), "PRAGMA query_only").front() == "0");
  }
}

// --- unfinished statements -----------------------------------------------------------

BOOST_AUTO_TEST_CASE(an_unfinished_statement_is_refused_before_anything_is_written) {
  for (const bool transactional : {true, false}) {
    auto db = open_database();
    exec(db.get(), "CREATE TABLE items (x); INSERT INTO items VALUES (1), (2);");
    migration_list m;
    m.add(1, "001_drop.sql", std::string(transactional ? "" : "-- no-transaction\n") + "DROP TABLE items;\n",
          transactional);
    sqlite3_stmt* raw = nullptr;
    sqlite3_prepare_v2(db.get(), "SELECT x FROM items", -1, &raw, nullptr);
    std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> reading(raw, sqlite3_finalize);
    BOOST_REQUIRE(sqlite3_step(reading.get()) == SQLITE_ROW);

    const auto error = apply_error(db.get(), m.set());
    BOOST_TEST(code_name(error) == "statement_in_progress");
    BOOST_TEST(std::string(error.what()).find("SELECT x FROM items") != std::string::npos, error.what());
    BOOST_TEST(!table_exists(db.get(), "migrations"));  // no claim, no table

    sqlite3_reset(reading.get());
    BOOST_TEST(apply(db.get(), m.set()).applied.size() == 1u);
  }
}

BOOST_AUTO_TEST_CASE(a_table_lock_held_by_another_shared_cache_connection_is_not_reported_as_busy) {
  const std::string uri = "file:locked_test?mode=memory&cache=shared";
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI;
  auto db = open_database(uri, flags);
  auto reader = open_database(uri, flags);
  exec(db.get(), "CREATE TABLE items (x); INSERT INTO items VALUES (1), (2);");
  sqlite3_stmt* raw = nullptr;
  sqlite3_prepare_v2(reader.get(), "SELECT x FROM items", -1, &raw, nullptr);
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> reading(raw, sqlite3_finalize);
  BOOST_REQUIRE(sqlite3_step(reading.get()) == SQLITE_ROW);

  migration_list m;
  m.add(1, "001_write.sql", "INSERT INTO items VALUES (3);\n");
  options opts;
  opts.busy_timeout = 50ms;
  const auto error = apply_error(db.get(), m.set(), opts);
  BOOST_TEST(code_name(error) != "busy", error.what());
  BOOST_TEST((error.sqlite_code() & 0xFF) == SQLITE_LOCKED, error.what());
}

// --- bad input ------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(a_nul_byte_in_a_hand_built_migration_is_an_invalid_argument_before_the_lock) {
  const std::string sql("CREATE TABLE a (x);\n\0CREATE TABLE b (x);\n", 41);
  migration_list m;
  m.add(1, "001_nul.sql", sql);
  auto db = open_database();
  auto done = std::make_shared<std::promise<std::string>>();
  auto result = done->get_future();
  std::thread([done, set = m.set(), raw = db.get()] {
    try {
      apply(raw, set);
      done->set_value("applied");
    } catch (const migration_error& e) {
      done->set_value(std::string(to_string(e.code())) + ": " + e.what());
    }
  }).detach();
  if (result.wait_for(5s) != std::future_status::ready) {
    std::fputs("apply() still runs after 5 s on a migration holding a NUL byte\n", stderr);
    std::_Exit(EXIT_FAILURE);  // the thread spins holding the lock: nothing else can run
  }
  const auto outcome = result.get();
  BOOST_TEST(outcome.find("invalid_argument: 001_nul.sql:2:1: ") == 0u, outcome);
  BOOST_TEST(!table_exists(db.get(), "migrations"));
  BOOST_TEST(!table_exists(db.get(), "a"));
}
