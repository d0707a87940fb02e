// apply() under faults and policies: each fault has its own error code and
// leaves the database exactly as it was.
#define BOOST_TEST_MODULE reliability
#include <boost/test/unit_test.hpp>

#include "faulty_vfs.hpp"
#include "temp_directory.hpp"
#include "test_database.hpp"

#include <embedded_migrations/embedded_migrations.hpp>

#include <algorithm>
#include <chrono>
#include <thread>

using namespace embedded_migrations;
using namespace test_support;
using namespace std::chrono_literals;

namespace {

migration_list users_and_posts() {
  migration_list m;
  m.add(1, "001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT);\n");
  m.add(2, "002_posts.sql", "CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER);\n");
  m.add(3, "003_tags.sql", "CREATE TABLE tags (name TEXT);\n");
  return m;
}

int busy_timeout_of(sqlite3* db) { return std::stoi(rows(db, "PRAGMA busy_timeout").front()); }

}  // namespace

// --- read-only -------------------------------------------------------------

BOOST_AUTO_TEST_CASE(pending_migration_on_a_read_only_connection_is_read_only_and_names_the_file) {
  temp_directory dir;
  const auto path = (dir.path() / "app.db").string();
  migration_list first;
  first.add(1, "001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT);\n");
  apply(open_database(path).get(), first.set());

  auto read_only = open_database(path, SQLITE_OPEN_READONLY);
  const auto before = schema_dump(read_only.get());
  const auto error = apply_error(read_only.get(), users_and_posts().set());
  BOOST_TEST(error.code() == error_code::read_only);
  BOOST_TEST(error.filename() == "002_posts.sql");
  BOOST_TEST(std::string(error.what()).find("002_posts.sql is pending but the database is read-only") == 0u);
  BOOST_TEST(schema_dump(read_only.get()) == before, boost::test_tools::per_element());
}

// --- busy --------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(lock_held_past_the_busy_timeout_is_busy_and_changes_nothing) {
  temp_directory dir;
  const auto path = (dir.path() / "app.db").string();
  auto db = open_database(path);
  auto holder = open_database(path);
  exec(holder.get(), "CREATE TABLE unrelated (x); BEGIN IMMEDIATE; INSERT INTO unrelated VALUES (1);");

  sqlite3_busy_timeout(db.get(), 1234);
  options opts;
  opts.busy_timeout = 50ms;
  const auto error = apply_error(db.get(), users_and_posts().set(), opts);
  BOOST_TEST(error.code() == error_code::busy);
  BOOST_TEST((error.sqlite_code() & 0xFF) == SQLITE_BUSY);
  BOOST_TEST(error.filename() == "001_users.sql");
  BOOST_TEST(std::string(error.what()).find("options::busy_timeout") != std::string::npos, error.what());
  BOOST_TEST(busy_timeout_of(db.get()) == 1234);  // the connection's own timeout is given back

  exec(holder.get(), "ROLLBACK");
  BOOST_TEST(!table_exists(db.get(), "users"));
  BOOST_TEST(!table_exists(db.get(), "migrations"));
}

BOOST_AUTO_TEST_CASE(apply_waits_for_a_lock_released_within_the_connections_busy_timeout) {
  temp_directory dir;
  const auto path = (dir.path() / "app.db").string();
  auto db = open_database(path);
  auto holder = open_database(path);
  exec(holder.get(), "BEGIN IMMEDIATE; CREATE TABLE unrelated (x);");
  std::thread release([&] {
    std::this_thread::sleep_for(300ms);
    exec(holder.get(), "COMMIT");
  });
  sqlite3_busy_timeout(db.get(), 10000);
  const auto result = apply(db.get(), users_and_posts().set());
  release.join();
  BOOST_TEST(result.applied.size() == 3u);
  BOOST_TEST(busy_timeout_of(db.get()) == 10000);
}

BOOST_AUTO_TEST_CASE(connection_without_a_timeout_gets_a_default_for_the_call_only) {
  auto db = open_database();
  BOOST_TEST(busy_timeout_of(db.get()) == 0);
  apply(db.get(), users_and_posts().set());
  BOOST_TEST(busy_timeout_of(db.get()) == 0);
}

// --- disk full, I/O errors, damaged files ------------------------------------

BOOST_AUTO_TEST_CASE(disk_full_is_reported_with_the_file_and_rolled_back) {
  temp_directory dir;
  auto db = open_database((dir.path() / "app.db").string());
  migration_list m = users_and_posts();
  m.add(4, "004_bulk.sql",
        "CREATE TABLE bulk (payload TEXT);\n"
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)\n"
        "INSERT INTO bulk SELECT printf('%.200c', 'x') FROM n;\n");
  apply(db.get(), users_and_posts().set());
  const auto before = schema_dump(db.get());
  const auto pages = rows(db.get(), "PRAGMA page_count").front();
  exec(db.get(), "PRAGMA max_page_count = " + std::to_string(std::stoi(pages) + 20));

  const auto error = apply_error(db.get(), m.set());
  BOOST_TEST(error.code() == error_code::disk_full);
  BOOST_TEST((error.sqlite_code() & 0xFF) == SQLITE_FULL);
  BOOST_TEST(error.filename() == "004_bulk.sql");
  BOOST_TEST(error.line() == 2);
  BOOST_TEST(std::string(error.what()).find("free space") != std::string::npos, error.what());
  BOOST_TEST(schema_dump(db.get()) == before, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(io_error_is_reported_and_the_file_stays_as_it_was) {
  faulty_vfs::install();
  temp_directory dir;
  const auto path = (dir.path() / "app.db").string();
  migration_list first;
  first.add(1, "001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT);\n");
  apply(open_database(path).get(), first.set());
  const auto bytes_before = read_bytes(path);

  sqlite3* raw = nullptr;
  BOOST_REQUIRE(sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE, faulty_vfs::name) == SQLITE_OK);
  database db(raw);
  faulty_vfs::fail_writes = true;
  const auto error = apply_error(db.get(), users_and_posts().set());
  faulty_vfs::fail_writes = false;
  BOOST_TEST(error.code() == error_code::io_error);
  BOOST_TEST((error.sqlite_code() & 0xFF) == SQLITE_IOERR);
  BOOST_TEST(std::string(error.what()).find("storage device") != std::string::npos, error.what());
  db.reset();
  BOOST_TEST((read_bytes(path) == bytes_before));
  BOOST_TEST(apply(open_database(path).get(), users_and_posts().set()).applied.size() == 2u);
}

BOOST_AUTO_TEST_CASE(file_that_is_not_a_database_is_named_as_such_and_left_alone) {
  temp_directory dir;
  std::string text;
  for (int i = 0; i < 200; ++i) text += "these are the user's notes, not a database\n";
  const auto path = dir.write("notes.txt", text).string();
  const auto error = apply_error(open_database(path).get(), users_and_posts().set());
  BOOST_TEST(error.code() == error_code::not_a_database);
  BOOST_TEST((error.sqlite_code() & 0xFF) == SQLITE_NOTADB);
  BOOST_TEST(read_bytes(path) == text);
}

BOOST_AUTO_TEST_CASE(corrupt_database_is_named_as_such_and_left_alone) {
  temp_directory dir;
  const auto path = (dir.path() / "app.db").string();
  apply(open_database(path).get(), users_and_posts().set());
  auto bytes = read_bytes(path);
  for (std::size_t i = 100; i < 4096 && i < bytes.size(); ++i) bytes[i] = static_cast<char>(0xA5);  // page 1: the schema
  dir.write("app.db", bytes);

  const auto error = apply_error(open_database(path).get(), users_and_posts().set());
  BOOST_TEST(error.code() == error_code::database_corrupt);
  BOOST_TEST((error.sqlite_code() & 0xFF) == SQLITE_CORRUPT);
  BOOST_TEST(std::string(error.what()).find("backup") != std::string::npos, error.what());
  BOOST_TEST((read_bytes(path) == bytes));
}

BOOST_AUTO_TEST_CASE(tracking_table_missing_a_column_or_with_wrong_types_is_invalid) {
  for (const std::string setup :
       {"CREATE TABLE migrations (id INTEGER PRIMARY KEY, version INTEGER, filename TEXT)",
        "CREATE TABLE migrations (version TEXT, filename TEXT, checksum TEXT, applied_at TEXT);"
        "INSERT INTO migrations VALUES ('one', '001_users.sql', 'x', 'today')",
        "CREATE TABLE migrations (version INTEGER, filename BLOB, checksum TEXT, applied_at TEXT);"
        "INSERT INTO migrations VALUES (1, x'00ff', 'x', 'today')"}) {
    auto db = open_database();
    exec(db.get(), setup);
    const auto before = schema_dump(db.get(), "none");
    const auto error = apply_error(db.get(), users_and_posts().set());
    BOOST_TEST(error.code() == error_code::tracking_table_invalid, setup);
    BOOST_TEST(schema_dump(db.get(), "none") == before, boost::test_tools::per_element());
  }
}

// --- policies ------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(unknown_applied_migrations_can_be_tolerated) {
  auto db = open_database();
  auto newer = users_and_posts();
  newer.add(9, "009_future.sql", "CREATE TABLE future (x);\n");
  apply(db.get(), newer.set());

  migration_list older = users_and_posts();
  older.add(4, "004_missed.sql", "CREATE TABLE missed (x);\n");
  BOOST_TEST(apply_error(db.get(), older.set()).code() == error_code::database_ahead);
  options opts;
  opts.allow_unknown_applied = true;
  const auto result = apply(db.get(), older.set(), opts);
  BOOST_TEST(result.applied.size() == 1u);
  BOOST_TEST(table_exists(db.get(), "missed"));
}

BOOST_AUTO_TEST_CASE(out_of_order_migration_is_applied_and_reported_by_default) {
  auto db = open_database();
  migration_list main_branch;
  main_branch.add(1, "001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);\n");
  main_branch.add(3, "003_posts.sql", "CREATE TABLE posts (id INTEGER PRIMARY KEY);\n");
  apply(db.get(), main_branch.set());

  migration_list sorted;  // after the merge: a branch's 002 lands below the applied 003
  sorted.add(1, "001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);\n");
  sorted.add(2, "002_from_a_branch.sql", "CREATE TABLE branch (x);\n");
  sorted.add(3, "003_posts.sql", "CREATE TABLE posts (id INTEGER PRIMARY KEY);\n");

  options strict;
  strict.out_of_order = out_of_order_policy::fail;
  const auto error = apply_error(db.get(), sorted.set(), strict);
  BOOST_TEST(error.code() == error_code::out_of_order);
  BOOST_TEST(error.filename() == "002_from_a_branch.sql");
  BOOST_TEST(!table_exists(db.get(), "branch"));

  std::vector<std::string> seen;
  options relaxed;
  relaxed.on_event = [&](const event& e) {
    if (e.kind == event_kind::out_of_order) seen.push_back(std::string(e.filename));
  };
  BOOST_TEST(apply(db.get(), sorted.set(), relaxed).applied.size() == 1u);
  BOOST_TEST(seen == std::vector<std::string>{"002_from_a_branch.sql"}, boost::test_tools::per_element());
  BOOST_TEST(table_exists(db.get(), "branch"));
}

BOOST_AUTO_TEST_CASE(atomic_mode_applies_all_or_nothing) {
  auto db = open_database();
  migration_list m = users_and_posts();
  m.add(4, "004_broken.sql", "INSERT INTO nowhere VALUES (1);\n");
  options opts;
  opts.atomic = true;
  const auto error = apply_error(db.get(), m.set(), opts);
  BOOST_TEST(error.code() == error_code::migration_failed);
  BOOST_TEST(error.filename() == "004_broken.sql");
  BOOST_TEST(std::string(error.what()).find("every migration of this run was rolled back") != std::string::npos);
  BOOST_TEST(!table_exists(db.get(), "users"));
  BOOST_TEST(!table_exists(db.get(), "migrations"));

  const auto result = apply(db.get(), users_and_posts().set(), opts);
  BOOST_TEST(result.applied.size() == 3u);
  BOOST_TEST(rows(db.get(), "SELECT count(*) FROM migrations").front() == "3");
}

BOOST_AUTO_TEST_CASE(atomic_mode_refuses_no_transaction_migrations_up_front) {
  auto db = open_database();
  migration_list m = users_and_posts();
  m.add(4, "004_vacuum.sql", "-- no-transaction\nVACUUM;\n", false);
  options opts;
  opts.atomic = true;
  const auto error = apply_error(db.get(), m.set(), opts);
  BOOST_TEST(error.code() == error_code::invalid_argument);
  BOOST_TEST(error.what() == std::string("options::atomic cannot include 004_vacuum.sql, which runs outside a "
                                         "transaction (-- no-transaction); apply it without atomic mode first"));
  BOOST_TEST(!table_exists(db.get(), "users"));
}

BOOST_AUTO_TEST_CASE(baseline_adopts_an_existing_schema_without_running_it) {
  auto db = open_database();
  exec(db.get(), "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT);"
                 "CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER);"
                 "INSERT INTO users (email) VALUES ('kept@example.com');");
  std::vector<std::string> adopted;
  options opts;
  opts.baseline_version = 2;
  opts.on_event = [&](const event& e) {
    if (e.kind == event_kind::baselined) adopted.push_back(std::string(e.filename));
  };
  const auto result = apply(db.get(), users_and_posts().set(), opts);
  BOOST_TEST(result.baselined == 2u);
  BOOST_TEST(adopted == (std::vector<std::string>{"001_users.sql", "002_posts.sql"}), boost::test_tools::per_element());
  BOOST_TEST(result.applied.size() == 1u);
  BOOST_TEST(table_exists(db.get(), "tags"));
  BOOST_TEST(rows(db.get(), "SELECT email FROM users").front() == "kept@example.com");
  BOOST_TEST(rows(db.get(), "SELECT count(*) FROM migrations").front() == "3");

  // Once the table has rows, a baseline no longer applies.
  migration_list more = users_and_posts();
  more.add(4, "004_more.sql", "CREATE TABLE more (x);\n");
  opts.baseline_version = 4;
  BOOST_TEST(apply(db.get(), more.set(), opts).applied.size() == 1u);
  BOOST_TEST(table_exists(db.get(), "more"));
}

BOOST_AUTO_TEST_CASE(user_version_follows_the_highest_applied_version_only_when_asked) {
  auto db = open_database();
  exec(db.get(), "PRAGMA user_version = 77");
  apply(db.get(), users_and_posts().set());
  BOOST_TEST(rows(db.get(), "PRAGMA user_version").front() == "77");  // the app's own value is untouched

  auto synced = open_database();
  options opts;
  opts.sync_user_version = true;
  apply(synced.get(), users_and_posts().set(), opts);
  BOOST_TEST(rows(synced.get(), "PRAGMA user_version").front() == "3");

  migration_list big;
  big.add(20240101120000, "20240101120000_users.sql", "CREATE TABLE users (id INTEGER);\n");
  const auto error = apply_error(open_database().get(), big.set(), opts);
  BOOST_TEST(error.code() == error_code::invalid_argument);
}

// --- -- no-transaction claims -------------------------------------------------

BOOST_AUTO_TEST_CASE(interrupted_no_transaction_migration_is_reported_as_incomplete) {
  auto db = open_database();
  migration_list m = users_and_posts();
  m.add(4, "004_rebuild.sql", "-- no-transaction\nCREATE TABLE rebuilt (x);\n", false);
  apply(db.get(), users_and_posts().set());
  // What a process killed while running 004 leaves behind: its claim row.
  exec(db.get(), "INSERT INTO migrations (version, filename, checksum) VALUES (4, '004_rebuild.sql', NULL)");

  BOOST_TEST(status(db.get(), m.set()).back().state == migration_state::incomplete);
  options opts;
  opts.busy_timeout = 50ms;
  const auto error = apply_error(db.get(), m.set(), opts);
  BOOST_TEST(error.code() == error_code::incomplete_migration);
  BOOST_TEST(error.filename() == "004_rebuild.sql");
  BOOST_TEST(std::string(error.what()).find("delete its row (version 4)") != std::string::npos, error.what());
  BOOST_TEST(!table_exists(db.get(), "rebuilt"));

  exec(db.get(), "DELETE FROM migrations WHERE version = 4");
  BOOST_TEST(apply(db.get(), m.set()).applied.size() == 1u);
  BOOST_TEST(status(db.get(), m.set()).back().state == migration_state::applied);
}

BOOST_AUTO_TEST_CASE(no_transaction_failure_says_whether_anything_was_applied) {
  auto db = open_database();
  migration_list first_fails;
  first_fails.add(1, "001_bad.sql", "-- no-transaction\nINSERT INTO nowhere VALUES (1);\nCREATE TABLE t (x);\n", false);
  const auto clean = apply_error(db.get(), first_fails.set());
  BOOST_TEST(std::string(clean.what()).find("nothing of it was applied") != std::string::npos, clean.what());
  BOOST_TEST(rows(db.get(), "SELECT count(*) FROM migrations").front() == "0");  // the claim was released

  auto db2 = open_database();
  migration_list later_fails;
  later_fails.add(1, "001_half.sql", "-- no-transaction\nCREATE TABLE t (x);\nINSERT INTO nowhere VALUES (1);\n", false);
  const auto half = apply_error(db2.get(), later_fails.set());
  BOOST_TEST(half.code() == error_code::migration_failed);
  BOOST_TEST(std::string(half.what()).find("marks it incomplete") != std::string::npos, half.what());
  BOOST_TEST(table_exists(db2.get(), "t"));
  options opts;
  opts.busy_timeout = 20ms;
  BOOST_TEST(apply_error(db2.get(), later_fails.set(), opts).code() == error_code::incomplete_migration);
}

BOOST_AUTO_TEST_CASE(every_error_code_has_a_distinct_name) {
  std::vector<std::string> names;
  for (auto code : {error_code::invalid_argument, error_code::migration_failed, error_code::checksum_mismatch,
                    error_code::database_ahead, error_code::out_of_order, error_code::incomplete_migration,
                    error_code::tracking_table_invalid, error_code::statement_in_progress, error_code::read_only,
                    error_code::busy,
                    error_code::disk_full, error_code::io_error, error_code::database_corrupt,
                    error_code::not_a_database, error_code::sqlite_error, error_code::schema_drift,
                    error_code::sqlite_unsupported, error_code::backup_no_space, error_code::backup_failed,
                    error_code::unexpected_exception}) {
    names.push_back(to_string(code));
  }
  std::sort(names.begin(), names.end());
  BOOST_TEST((std::adjacent_find(names.begin(), names.end()) == names.end()));
  BOOST_TEST((std::find(names.begin(), names.end(), "unknown") == names.end()));
}
