// What apply() reads from each compiled statement (detail/statement_program):
// the tracking table is recognised by its b-tree root pages, which the runtime
// keeps for a whole run and must forget whenever they may have moved.
//
// Groups: root pages that move within a run · moved by another connection ·
// what a small migration has inspected.
#define BOOST_TEST_MODULE statement_program
#include <boost/test/unit_test.hpp>

#include "temp_directory.hpp"
#include "test_database.hpp"

#include <embedded_migrations/embedded_migrations.hpp>

using namespace embedded_migrations;
using namespace test_support;

namespace {

std::string root_of(sqlite3* db, const std::string& name) {
  return rows(db, "SELECT rootpage FROM sqlite_master WHERE name = '" + name + "'").front();
}

// An auto-vacuum database whose first pages hold an application table, so
// that dropping it moves the b-trees after it, the tracking table's among them.
database auto_vacuum_database(const std::string& path) {
  auto db = open_database(path);
  // Four b-trees, as many as the tracking table has (with its two UNIQUE
  // indexes and sqlite_sequence): dropping them moves every one of its pages.
  exec(db.get(), "PRAGMA auto_vacuum = FULL; CREATE TABLE early (x, y); CREATE INDEX early_x ON early (x); "
                 "CREATE INDEX early_y ON early (y); CREATE INDEX early_xy ON early (x, y)");
  return db;
}

const char* const read_tracking_table = "SELECT * FROM migrations;\n";

}  // namespace

// --- root pages that move within a run ---

BOOST_AUTO_TEST_CASE(a_drop_that_moves_the_tracking_tables_pages_does_not_hide_a_later_read_of_it) {
  temp_directory dir;
  auto db = auto_vacuum_database((dir.path() / "moved.db").string());
  migration_list m;
  m.add(1, "001_nothing_after_the_tracking_table.sql", "SELECT 1;\n");
  apply(db.get(), m.set());
  const auto root_before = root_of(db.get(), "migrations");
  const auto before = schema_dump(db.get());

  // The same run reads the pages before the DROP (for the DROP itself) and
  // must read them again after it, in the same migration and in the next.
  m.add(2, "002_drop.sql", "DROP TABLE early;\n");
  m.add(3, "003_read.sql", read_tracking_table);
  const auto error = apply_error(db.get(), m.set());
  BOOST_TEST(error.filename() == "003_read.sql");
  BOOST_TEST(std::string(error.what()).find("tracking table \"migrations\"") != std::string::npos, error.what());
  BOOST_TEST(root_of(db.get(), "migrations") != root_before);  // the pages did move: the case is real

  auto again = auto_vacuum_database((dir.path() / "moved-in-one.db").string());
  migration_list one;
  one.add(1, "001_nothing_after_the_tracking_table.sql", "SELECT 1;\n");
  apply(again.get(), one.set());
  one.add(2, "002_drop_and_read.sql", std::string("DROP TABLE early;\n") + read_tracking_table);
  const auto within = apply_error(again.get(), one.set());
  BOOST_TEST(within.line() == 2);
  BOOST_TEST(std::string(within.what()).find("tracking table \"migrations\"") != std::string::npos, within.what());
}

BOOST_AUTO_TEST_CASE(a_vacuum_in_a_no_transaction_migration_does_not_hide_a_later_read_of_it) {
  temp_directory dir;
  auto db = open_database((dir.path() / "vacuumed.db").string());
  exec(db.get(), "CREATE TABLE early (x); CREATE INDEX early_x ON early (x)");
  migration_list m;
  m.add(1, "001_a.sql", "CREATE TABLE a (x);\n");
  apply(db.get(), m.set());
  const auto root_before = root_of(db.get(), "migrations");
  exec(db.get(), "DROP TABLE early");  // free pages for VACUUM to take back
  // The read of `a` makes the runtime look the pages up before the VACUUM.
  m.add(2, "002_vacuum.sql", std::string("-- no-transaction\nSELECT * FROM a;\nVACUUM;\n") + read_tracking_table, false);
  const auto error = apply_error(db.get(), m.set());
  BOOST_TEST(error.line() == 4);
  BOOST_TEST(std::string(error.what()).find("tracking table \"migrations\"") != std::string::npos, error.what());
  BOOST_TEST(root_of(db.get(), "migrations") != root_before);
}

// --- moved by another connection ---

BOOST_AUTO_TEST_CASE(pages_another_connection_moved_between_two_migrations_are_read_again) {
  temp_directory dir;
  const auto path = (dir.path() / "other.db").string();
  auto db = open_database(path);
  exec(db.get(), "CREATE TABLE early (x); CREATE INDEX early_x ON early (x)");
  auto other = open_database(path);
  migration_list m;
  m.add(1, "001_a.sql", "CREATE TABLE a (x);\n");
  apply(db.get(), m.set());
  const auto root_before = root_of(db.get(), "migrations");

  m.add(2, "002_b.sql", "CREATE TABLE b (x);\n");
  m.add(3, "003_read.sql", read_tracking_table);
  options opts;
  opts.on_event = [&](const event& e) {
    // Between two migrations, outside any transaction of ours.
    if (e.kind == event_kind::applied && e.version == 2) exec(other.get(), "DROP TABLE early; VACUUM");
  };
  const auto error = apply_error(db.get(), m.set(), opts);
  BOOST_TEST(error.filename() == "003_read.sql");
  BOOST_TEST(std::string(error.what()).find("tracking table \"migrations\"") != std::string::npos, error.what());
  BOOST_TEST(root_of(db.get(), "migrations") != root_before);
}

// Each statement of a -- no-transaction migration runs in a transaction of
// its own, so another process can commit between two of them. Here the
// application's function stands in for it, deterministically.
BOOST_AUTO_TEST_CASE(pages_another_connection_moved_during_a_no_transaction_migration_are_read_again) {
  temp_directory dir;
  const auto path = (dir.path() / "wal.db").string();
  auto db = open_database(path);
  // WAL: the other connection commits while our statement reads. Four
  // b-trees before the tracking table's: every one of its pages moves.
  exec(db.get(), "PRAGMA journal_mode = WAL; CREATE TABLE early (x, y); CREATE INDEX early_x ON early (x); "
                 "CREATE INDEX early_y ON early (y); CREATE INDEX early_xy ON early (x, y)");
  auto other = open_database(path);
  const auto vacuum_elsewhere = [](sqlite3_context* context, int, sqlite3_value**) {
    exec(static_cast<sqlite3*>(sqlite3_user_data(context)), "DROP TABLE early; VACUUM");
    sqlite3_result_int(context, 1);
  };
  sqlite3_create_function(db.get(), "vacuum_elsewhere", 0, SQLITE_UTF8, other.get(), vacuum_elsewhere, nullptr,
                          nullptr);
  migration_list m;
  m.add(1, "001_a.sql", "CREATE TABLE a (x);\n");
  apply(db.get(), m.set());
  const auto root_before = root_of(db.get(), "migrations");
  // The read of `a` makes the runtime look the pages up before the VACUUM.
  m.add(2, "002_race.sql",
        "-- no-transaction\nSELECT * FROM a;\nSELECT vacuum_elsewhere();\nDELETE FROM migrations WHERE version = 1;\n",
        false);
  const auto error = apply_error(db.get(), m.set());
  BOOST_TEST(error.line() == 4, error.what());
  BOOST_TEST(std::string(error.what()).find("tracking table \"migrations\"") != std::string::npos, error.what());
  BOOST_TEST(root_of(db.get(), "migrations") != root_before);  // the pages did move: the case is real
  BOOST_TEST(rows(db.get(), "SELECT version FROM migrations") == std::vector<std::string>{"1"},
             boost::test_tools::per_element());
}

// --- what a small migration has inspected ---

BOOST_AUTO_TEST_CASE(a_small_migration_reading_the_tracking_table_inside_a_write_is_refused_by_line) {
  auto db = open_database();
  migration_list m;
  m.add(1, "001_a.sql", "CREATE TABLE a (x);\n");
  apply(db.get(), m.set());
  const auto before = schema_dump(db.get());
  m.add(2, "002_copy.sql", "CREATE TABLE b (x);\nINSERT INTO b SELECT version FROM migrations;\n");
  const auto error = apply_error(db.get(), m.set());
  BOOST_TEST(error.code() == error_code::migration_failed);
  BOOST_TEST(error.line() == 2);
  BOOST_TEST(schema_dump(db.get()) == before, boost::test_tools::per_element());
}

// EXPLAIN of an EXPLAIN does not compile, and needs not: an EXPLAIN runs
// nothing of what it explains.
BOOST_AUTO_TEST_CASE(an_explain_in_a_migration_runs_as_the_read_it_is) {
  auto db = open_database();
  migration_list m;
  m.add(1, "001_a.sql",
        "CREATE TABLE a (x);\nEXPLAIN QUERY PLAN SELECT * FROM a;\nEXPLAIN DELETE FROM a;\n"
        "INSERT INTO a VALUES (1);\n");
  BOOST_TEST(apply(db.get(), m.set()).applied.size() == 1u);
  BOOST_TEST(rows(db.get(), "SELECT count(*) FROM a").front() == "1");
}

