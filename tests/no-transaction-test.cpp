// What a failed -- no-transaction migration says and leaves behind, decided
// from what SQLite committed, not from where the failing statement sits.
#define BOOST_TEST_MODULE no_transaction
#include <boost/test/unit_test.hpp>

#include "test_database.hpp"

#include <embedded_migrations/embedded_migrations.hpp>

#include <chrono>

using namespace embedded_migrations;
using namespace test_support;
using namespace std::chrono_literals;

namespace {

std::string claims(sqlite3* db) { return rows(db, "SELECT count(*) FROM migrations WHERE checksum IS NULL").front(); }

}  // namespace

BOOST_AUTO_TEST_CASE(first_statement_failing_applies_nothing_and_releases_the_claim) {
  auto db = open_database();
  migration_list m;
  m.add(1, "001_bad.sql", "-- no-transaction\nINSERT INTO nowhere VALUES (1);\nCREATE TABLE t (x);\n", false);
  const auto error = apply_error(db.get(), m.set());
  BOOST_TEST(std::string(error.what()).find("nothing of it was applied") != std::string::npos, error.what());
  BOOST_TEST(claims(db.get()) == "0");
  BOOST_TEST(!table_exists(db.get(), "t"));
}

BOOST_AUTO_TEST_CASE(failure_inside_its_own_transaction_applies_nothing_and_releases_the_claim) {
  auto db = open_database();
  migration_list m;
  m.add(1, "001_rebuild.sql",
        "-- no-transaction\nPRAGMA foreign_keys = OFF;\nBEGIN;\nCREATE TABLE t (x);\nINSERT INTO nowhere VALUES (1);\n"
        "COMMIT;\nPRAGMA foreign_keys = ON;\n",
        false);
  const auto error = apply_error(db.get(), m.set());
  const std::string message = error.what();
  BOOST_TEST(error.code() == error_code::migration_failed);
  BOOST_TEST(error.line() == 5);
  BOOST_TEST(message.find("nothing of it was applied") != std::string::npos, message);
  BOOST_TEST(message.find("stay applied") == std::string::npos, message);
  BOOST_TEST(claims(db.get()) == "0");
  BOOST_TEST(!table_exists(db.get(), "t"));

  migration_list fixed;
  fixed.add(1, "001_rebuild.sql", "-- no-transaction\nBEGIN;\nCREATE TABLE t (x);\nCOMMIT;\n", false);
  BOOST_TEST(apply(db.get(), fixed.set()).applied.size() == 1u);
}

BOOST_AUTO_TEST_CASE(failure_after_a_commit_is_partially_applied_and_keeps_the_claim) {
  auto db = open_database();
  migration_list m;
  m.add(1, "001_half.sql",
        "-- no-transaction\nBEGIN;\nCREATE TABLE t (x);\nCOMMIT;\nBEGIN;\nINSERT INTO nowhere VALUES (1);\nCOMMIT;\n",
        false);
  const auto error = apply_error(db.get(), m.set());
  const std::string message = error.what();
  BOOST_TEST(error.line() == 6);
  BOOST_TEST(message.find("stay applied") != std::string::npos, message);
  BOOST_TEST(claims(db.get()) == "1");
  BOOST_TEST(table_exists(db.get(), "t"));
  options opts;
  opts.busy_timeout = 20ms;
  BOOST_TEST(apply_error(db.get(), m.set(), opts).code() == error_code::incomplete_migration);
}

BOOST_AUTO_TEST_CASE(release_of_the_savepoint_that_began_a_transaction_commits_it) {
  auto db = open_database();
  migration_list m;
  m.add(1, "001_savepoint.sql",
        "-- no-transaction\nSAVEPOINT work;\nCREATE TABLE t (x);\nRELEASE work;\nINSERT INTO nowhere VALUES (1);\n",
        false);
  const auto error = apply_error(db.get(), m.set());
  BOOST_TEST(std::string(error.what()).find("stay applied") != std::string::npos, error.what());
  BOOST_TEST(claims(db.get()) == "1");
  BOOST_TEST(table_exists(db.get(), "t"));

  auto rolled_back = open_database();
  migration_list undone;
  undone.add(1, "001_undone.sql",
             "-- no-transaction\nBEGIN;\nCREATE TABLE t (x);\nROLLBACK;\nINSERT INTO nowhere VALUES (1);\n", false);
  const auto clean = apply_error(rolled_back.get(), undone.set());
  BOOST_TEST(std::string(clean.what()).find("nothing of it was applied") != std::string::npos, clean.what());
  BOOST_TEST(claims(rolled_back.get()) == "0");
}

// A trigger on the tracking table that acts on the UPDATE completing the
// row shows only once the migration ran and committed: the error must not
// say that nothing was committed, as the next start reports it incomplete.
BOOST_AUTO_TEST_CASE(a_trigger_blocking_the_rows_completion_reports_the_migration_as_applied_and_incomplete) {
  auto db = open_database();
  migration_list m;
  m.add(1, "001_a.sql", "CREATE TABLE a (x);\n");
  apply(db.get(), m.set());
  exec(db.get(), "CREATE TRIGGER keep BEFORE UPDATE ON migrations BEGIN SELECT RAISE(IGNORE); END");
  m.add(2, "002_b.sql", "-- no-transaction\nCREATE TABLE b (x);\n", false);
  const auto error = apply_error(db.get(), m.set());
  const std::string message = error.what();
  BOOST_TEST(error.code() == error_code::tracking_table_invalid);
  BOOST_TEST(message.find("nothing was committed") == std::string::npos, message);
  BOOST_TEST(message.find("stays applied") != std::string::npos, message);
  BOOST_TEST(table_exists(db.get(), "b"));
  BOOST_TEST(status(db.get(), m.set()).at(1).state == migration_state::incomplete);
}

