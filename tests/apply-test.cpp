// apply(): what a fresh, an up-to-date and a broken database see.
#define BOOST_TEST_MODULE apply
#include <boost/test/unit_test.hpp>

#include "temp_directory.hpp"
#include "test_database.hpp"

#include <embedded_migrations/embedded_migrations.hpp>

using namespace embedded_migrations;
using namespace test_support;

namespace {

migration_list three_tables() {
  migration_list m;
  m.add(1, "001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n");
  m.add(2, "002_posts.sql",
        "CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users(id));\n"
        "CREATE INDEX posts_by_user ON posts (user_id);\n");
  m.add(10, "010_seed.sql", "INSERT INTO users (name) VALUES ('ada'), ('grace');\n");
  return m;
}

}  // namespace

BOOST_AUTO_TEST_CASE(fresh_database_gets_every_migration_in_order_with_tracking_rows) {
  auto db = open_database();
  const auto m = three_tables();
  const auto result = apply(db.get(), m.set());

  BOOST_TEST(result.already_applied == 0u);
  BOOST_REQUIRE_EQUAL(result.applied.size(), 3u);
  BOOST_TEST(result.applied[0].filename == "001_users.sql");
  BOOST_TEST(result.applied[2].version == 10);
  BOOST_TEST(rows(db.get(), "SELECT name FROM users ORDER BY id") == (std::vector<std::string>{"ada", "grace"}),
             boost::test_tools::per_element());
  const auto recorded = rows(db.get(), "SELECT version, filename, checksum FROM migrations ORDER BY id");
  BOOST_TEST(recorded == (std::vector<std::string>{
                             "1|001_users.sql|" + std::string(m.set()[0].checksum),
                             "2|002_posts.sql|" + std::string(m.set()[1].checksum),
                             "10|010_seed.sql|" + std::string(m.set()[2].checksum)}),
             boost::test_tools::per_element());
  BOOST_TEST(rows(db.get(), "SELECT count(*) FROM migrations WHERE applied_at IS NULL").front() == "0");
}

BOOST_AUTO_TEST_CASE(tracking_table_has_the_documented_columns) {
  auto db = open_database();
  apply(db.get(), three_tables().set());
  BOOST_TEST(rows(db.get(), "SELECT name, type, \"notnull\", pk FROM pragma_table_info('migrations') ORDER BY cid") ==
                 (std::vector<std::string>{"id|INTEGER|0|1", "version|INTEGER|1|0", "filename|TEXT|1|0",
                                           "checksum|TEXT|0|0", "applied_at|DATETIME|0|0"}),
             boost::test_tools::per_element());
  BOOST_CHECK_THROW(exec(db.get(), "INSERT INTO migrations (version, filename) VALUES (1, 'x.sql')"),
                    std::runtime_error);  // version is UNIQUE
}

BOOST_AUTO_TEST_CASE(second_run_applies_nothing_and_only_reads) {
  temp_directory dir;
  const auto path = (dir.path() / "app.db").string();
  const auto m = three_tables();
  apply(open_database(path).get(), m.set());

  // A read-only connection can only succeed if apply() does not try to write.
  auto read_only = open_database(path, SQLITE_OPEN_READONLY);
  const auto result = apply(read_only.get(), m.set());
  BOOST_TEST(result.was_up_to_date());
  BOOST_TEST(result.already_applied == 3u);
  BOOST_TEST(sqlite3_total_changes(read_only.get()) == 0);
}

BOOST_AUTO_TEST_CASE(empty_set_on_fresh_database_creates_nothing) {
  auto db = open_database();
  const auto result = apply(db.get(), migration_set{});
  BOOST_TEST(result.was_up_to_date());
  BOOST_TEST(!table_exists(db.get(), "migrations"));
}

BOOST_AUTO_TEST_CASE(new_migrations_are_applied_on_top_of_recorded_ones) {
  auto db = open_database();
  migration_list first;
  first.add(1, "001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);\n");
  apply(db.get(), first.set());

  auto second = first;
  second.add(2, "002_tags.sql", "CREATE TABLE tags (name TEXT);\n");
  const auto result = apply(db.get(), second.set());
  BOOST_TEST(result.already_applied == 1u);
  BOOST_REQUIRE_EQUAL(result.applied.size(), 1u);
  BOOST_TEST(result.applied[0].filename == "002_tags.sql");
  BOOST_TEST(table_exists(db.get(), "tags"));
}

BOOST_AUTO_TEST_CASE(failing_migration_is_rolled_back_earlier_ones_stay_later_ones_wait) {
  auto db = open_database();
  migration_list m;
  m.add(1, "001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);\n");
  m.add(2, "002_broken.sql",
        "CREATE TABLE audit (id INTEGER);\n"
        "-- the next statement names a table that does not exist\n"
        "INSERT INTO\n"
        "  nowhere VALUES (1);\n");
  m.add(3, "003_later.sql", "CREATE TABLE later (id INTEGER);\n");

  const auto error = apply_error(db.get(), m.set());
  BOOST_TEST(error.code() == error_code::migration_failed);
  BOOST_TEST(error.filename() == "002_broken.sql");
  BOOST_TEST(error.line() == 3);
  BOOST_TEST(error.sqlite_code() == SQLITE_ERROR);
  const std::string message = error.what();
  // SQLite gives no token offset for a missing table, so the statement's start is named.
  BOOST_TEST(message.find("002_broken.sql:3:1:") != std::string::npos, message);
  BOOST_TEST(message.find("no such table: nowhere") != std::string::npos, message);
  BOOST_TEST(message.find("rolled back") != std::string::npos, message);

  BOOST_TEST(table_exists(db.get(), "users"));
  BOOST_TEST(!table_exists(db.get(), "audit"));  // first statement of the failed migration undone
  BOOST_TEST(!table_exists(db.get(), "later"));
  BOOST_TEST(rows(db.get(), "SELECT version FROM migrations") == std::vector<std::string>{"1"},
             boost::test_tools::per_element());
  BOOST_TEST(sqlite3_get_autocommit(db.get()) != 0);  // no transaction left open
}

BOOST_AUTO_TEST_CASE(failure_of_the_first_migration_leaves_a_fresh_database_untouched) {
  auto db = open_database();
  migration_list m;
  m.add(1, "001_broken.sql", "CREATE TABLE t (id INTEGER);\nCREATE TABLE t (id INTEGER);\n");
  const auto before = schema_dump(db.get());
  BOOST_TEST(apply_error(db.get(), m.set()).code() == error_code::migration_failed);
  BOOST_TEST(schema_dump(db.get()) == before, boost::test_tools::per_element());
  BOOST_TEST(!table_exists(db.get(), "migrations"));
}

BOOST_AUTO_TEST_CASE(constraint_violation_names_the_statement_line_and_extended_code) {
  auto db = open_database();
  migration_list m;
  m.add(7, "007_seed.sql",
        "CREATE TABLE t (id INTEGER PRIMARY KEY);\n"
        "INSERT INTO t VALUES (1);\n"
        "\n"
        "INSERT INTO t VALUES (1);\n");
  const auto error = apply_error(db.get(), m.set());
  BOOST_TEST(error.line() == 4);
  BOOST_TEST(error.sqlite_code() == SQLITE_CONSTRAINT_PRIMARYKEY);
  BOOST_TEST(std::string(error.what()).find("UNIQUE constraint failed: t.id") != std::string::npos, error.what());
}

// The runtime names the failing statement by its line; the column SQLite
// points at needs sqlite3_error_offset (3.38.0), newer than the runtime's
// floor, so only build errors carry it (tests/data/validation/bad/syntax-error).
BOOST_AUTO_TEST_CASE(syntax_error_names_the_statement_and_its_line) {
  auto db = open_database();
  migration_list m;
  m.add(4, "004_add_tags.sql", "CREATE TABLE a (x);\n\nCREATE TABL tags (name TEXT);\n");
  const auto error = apply_error(db.get(), m.set());
  BOOST_TEST(error.line() == 3);
  BOOST_TEST(std::string(error.what()).find("004_add_tags.sql:3:1:") != std::string::npos, error.what());
  BOOST_TEST(std::string(error.what()).find("statement starting on line 3") != std::string::npos, error.what());
  BOOST_TEST(std::string(error.what()).find("syntax error") != std::string::npos, error.what());
}

BOOST_AUTO_TEST_CASE(edited_applied_migration_is_a_checksum_mismatch_and_nothing_runs) {
  auto db = open_database();
  migration_list original;
  original.add(1, "001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);\n");
  apply(db.get(), original.set());

  migration_list edited;
  edited.add(1, "001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT);\n");
  edited.add(2, "002_tags.sql", "CREATE TABLE tags (name TEXT);\n");
  const auto before = schema_dump(db.get());
  const auto error = apply_error(db.get(), edited.set());
  BOOST_TEST(error.code() == error_code::checksum_mismatch);
  BOOST_TEST(error.filename() == "001_users.sql");
  const std::string message = error.what();
  BOOST_TEST(message.find(std::string(original.set()[0].checksum)) != std::string::npos, message);
  BOOST_TEST(message.find(std::string(edited.set()[0].checksum)) != std::string::npos, message);
  BOOST_TEST(message.find("new migration") != std::string::npos, message);
  BOOST_TEST(schema_dump(db.get()) == before, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(database_migrated_by_a_newer_binary_is_reported_as_ahead) {
  auto db = open_database();
  auto newer = three_tables();
  apply(db.get(), newer.set());

  migration_list older;
  older.add(1, "001_users.sql", std::string(newer.set()[0].sql));
  const auto error = apply_error(db.get(), older.set());
  BOOST_TEST(error.code() == error_code::database_ahead);
  BOOST_TEST(error.filename() == "002_posts.sql");
  BOOST_TEST(std::string(error.what()).find("010_seed.sql (version 10)") != std::string::npos, error.what());
}

BOOST_AUTO_TEST_CASE(custom_tracking_table_name_is_used_and_quoted) {
  auto db = open_database();
  options opts;
  opts.table_name = "Order";  // an SQL keyword: only works quoted
  apply(db.get(), three_tables().set(), opts);
  BOOST_TEST(table_exists(db.get(), "Order"));
  BOOST_TEST(!table_exists(db.get(), "migrations"));
  BOOST_TEST(apply(db.get(), three_tables().set(), opts).was_up_to_date());
}

BOOST_AUTO_TEST_CASE(invalid_tracking_table_names_are_refused_before_touching_the_database) {
  for (const std::string& name : std::vector<std::string>{"1st", "my table", "x\"; DROP TABLE users; --", "sqlite_master",
                                 std::string(65, 'a')}) {
    auto db = open_database();
    options opts;
    opts.table_name = name;
    const auto error = apply_error(db.get(), three_tables().set(), opts);
    BOOST_TEST(error.code() == error_code::invalid_argument, name);
    BOOST_TEST(rows(db.get(), "SELECT count(*) FROM sqlite_master").front() == "0");
  }
}

BOOST_AUTO_TEST_CASE(tracking_table_of_another_shape_is_reported_not_altered) {
  auto db = open_database();
  exec(db.get(), "CREATE TABLE migrations (name TEXT, ran_on TEXT); INSERT INTO migrations VALUES ('x', 'y');");
  const auto before = schema_dump(db.get(), "none");
  const auto error = apply_error(db.get(), three_tables().set());
  BOOST_TEST(error.code() == error_code::tracking_table_invalid);
  BOOST_TEST(std::string(error.what()).find("options::table_name") != std::string::npos, error.what());
  BOOST_TEST(schema_dump(db.get(), "none") == before, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(events_report_start_and_end_of_each_migration) {
  auto db = open_database();
  std::vector<std::string> seen;
  options opts;
  opts.on_event = [&](const event& e) {
    const char* kind = e.kind == event_kind::started ? "started" : e.kind == event_kind::applied ? "applied" : "failed";
    seen.push_back(std::string(kind) + " " + std::string(e.filename) + " " + std::to_string(e.position) + "/" +
                   std::to_string(e.pending_count));
  };
  apply(db.get(), three_tables().set(), opts);
  BOOST_TEST(seen == (std::vector<std::string>{"started 001_users.sql 1/3", "applied 001_users.sql 1/3",
                                               "started 002_posts.sql 2/3", "applied 002_posts.sql 2/3",
                                               "started 010_seed.sql 3/3", "applied 010_seed.sql 3/3"}),
             boost::test_tools::per_element());

  seen.clear();
  apply(db.get(), three_tables().set(), opts);
  BOOST_TEST(seen.empty());
}

BOOST_AUTO_TEST_CASE(failed_event_carries_the_error_message) {
  auto db = open_database();
  migration_list m;
  m.add(1, "001_bad.sql", "SELECT * FROM missing;\n");
  std::string failure;
  options opts;
  opts.on_event = [&](const event& e) {
    if (e.kind == event_kind::failed) failure = std::string(e.filename) + ": " + std::string(e.message);
  };
  apply_error(db.get(), m.set(), opts);
  BOOST_TEST(failure.find("001_bad.sql: 001_bad.sql:1:1: migration failed: no such table: missing") == 0, failure);
}

BOOST_AUTO_TEST_CASE(misuse_is_an_invalid_argument) {
  BOOST_TEST(apply_error(nullptr, three_tables().set()).code() == error_code::invalid_argument);

  migration_list unordered;
  unordered.add(2, "002_b.sql", "SELECT 1;\n").add(1, "001_a.sql", "SELECT 1;\n");
  auto db = open_database();
  BOOST_TEST(apply_error(db.get(), unordered.set()).code() == error_code::invalid_argument);

  exec(db.get(), "BEGIN");
  BOOST_TEST(apply_error(db.get(), three_tables().set()).code() == error_code::invalid_argument);
  exec(db.get(), "ROLLBACK");
  BOOST_TEST(!table_exists(db.get(), "users"));
}

BOOST_AUTO_TEST_CASE(transaction_control_inside_a_transactional_migration_fails_cleanly) {
  auto db = open_database();
  migration_list m;
  m.add(1, "001_own_transaction.sql", "BEGIN;\nCREATE TABLE t (x);\nCOMMIT;\n");
  const auto error = apply_error(db.get(), m.set());
  BOOST_TEST(error.code() == error_code::migration_failed);
  BOOST_TEST(error.line() == 1);
  BOOST_TEST(!table_exists(db.get(), "t"));
  BOOST_TEST(sqlite3_get_autocommit(db.get()) != 0);
}

BOOST_AUTO_TEST_CASE(commit_halfway_through_a_transactional_migration_is_refused_before_it_runs) {
  auto db = open_database();
  migration_list m;
  // Run as written, the COMMIT would make the first table permanent and leave
  // the second one outside any transaction: a half-applied migration.
  m.add(1, "001_sneaky.sql", "CREATE TABLE first (x);\n  commit;\nCREATE TABLE second (x);\n");
  const auto error = apply_error(db.get(), m.set());
  BOOST_TEST(error.code() == error_code::migration_failed);
  BOOST_TEST(error.line() == 2);
  BOOST_TEST(std::string(error.what()).find("001_sneaky.sql:2:3: migration failed: COMMIT cannot run inside") == 0u,
             error.what());
  BOOST_TEST(std::string(error.what()).find("-- no-transaction") != std::string::npos);
  BOOST_TEST(!table_exists(db.get(), "first"));
  BOOST_TEST(!table_exists(db.get(), "migrations"));
}

BOOST_AUTO_TEST_CASE(vacuum_in_a_transactional_migration_names_the_directive) {
  auto db = open_database();
  migration_list m;
  m.add(1, "001_vacuum.sql", "CREATE TABLE t (x);\nVACUUM;\n");
  const auto error = apply_error(db.get(), m.set());
  BOOST_TEST(std::string(error.what()).find("VACUUM cannot run inside a transaction; make '-- no-transaction'") !=
                 std::string::npos,
             error.what());
  BOOST_TEST(!table_exists(db.get(), "t"));
}

BOOST_AUTO_TEST_CASE(savepoints_inside_a_transactional_migration_are_fine) {
  auto db = open_database();
  migration_list m;
  m.add(1, "001_savepoint.sql",
        "CREATE TABLE t (x);\nSAVEPOINT s;\nINSERT INTO t VALUES (1);\nROLLBACK TO s;\nRELEASE s;\n");
  apply(db.get(), m.set());
  BOOST_TEST(rows(db.get(), "SELECT count(*) FROM t").front() == "0");
}

BOOST_AUTO_TEST_CASE(no_transaction_migration_runs_outside_a_transaction) {
  temp_directory dir;
  auto db = open_database((dir.path() / "wal.db").string());
  migration_list m;
  // Switching to WAL is refused inside a transaction, so this only passes outside one.
  m.add(1, "001_wal.sql", "-- no-transaction\nPRAGMA journal_mode = WAL;\n", false);
  m.add(2, "002_own_transaction.sql", "-- no-transaction\nBEGIN;\nCREATE TABLE t (x);\nCOMMIT;\n", false);
  apply(db.get(), m.set());
  BOOST_TEST(rows(db.get(), "PRAGMA journal_mode").front() == "wal");
  BOOST_TEST(table_exists(db.get(), "t"));
  BOOST_TEST(rows(db.get(), "SELECT version FROM migrations ORDER BY version") == (std::vector<std::string>{"1", "2"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(no_transaction_migration_leaving_a_transaction_open_is_rolled_back) {
  auto db = open_database();
  migration_list m;
  m.add(1, "001_unfinished.sql", "-- no-transaction\nBEGIN;\nCREATE TABLE t (x);\n", false);
  const auto error = apply_error(db.get(), m.set());
  BOOST_TEST(error.code() == error_code::migration_failed);
  BOOST_TEST(std::string(error.what()).find("COMMIT") != std::string::npos, error.what());
  BOOST_TEST(!table_exists(db.get(), "t"));
  BOOST_TEST(sqlite3_get_autocommit(db.get()) != 0);
}

BOOST_AUTO_TEST_CASE(error_codes_have_stable_names) {
  BOOST_TEST(std::string(to_string(error_code::checksum_mismatch)) == "checksum_mismatch");
  BOOST_TEST(std::string(to_string(error_code::database_ahead)) == "database_ahead");
  BOOST_TEST(std::string(to_string(error_code::migration_failed)) == "migration_failed");
}
