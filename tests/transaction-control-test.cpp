// Transaction control, ATTACH and reads of the tracking table in a migration:
// refused from what SQLite compiled (EXPLAIN), never from the statement's text.
//
// Groups: transaction control hidden from a token scan · ATTACH and DETACH.
#define BOOST_TEST_MODULE transaction_control
#include <boost/test/unit_test.hpp>

#include "test_database.hpp"

#include <filesystem>

#include <embedded_migrations/embedded_migrations.hpp>

using namespace embedded_migrations;
using namespace test_support;

namespace {

std::string what(const migration_error& error) { return error.what(); }

}  // namespace

// --- transaction control hidden from a token scan ------------------------------

BOOST_AUTO_TEST_CASE(commit_after_an_empty_statement_is_refused_and_later_starts_still_work) {
  auto db = open_database();
  migration_list m;
  m.add(1, "001_hidden.sql", "CREATE TABLE a(x);\n;COMMIT;\nCREATE TABLE b(y);\n;BEGIN;\nCREATE TABLE c(z);\n");
  const auto error = apply_error(db.get(), m.set());
  BOOST_TEST(error.code() == error_code::migration_failed);
  BOOST_TEST(error.line() == 2);
  BOOST_TEST(what(error).find("001_hidden.sql:2:2: migration failed: COMMIT cannot run inside") == 0u, what(error));
  BOOST_TEST(!table_exists(db.get(), "a"));
  BOOST_TEST(!table_exists(db.get(), "migrations"));
  BOOST_TEST(sqlite3_get_autocommit(db.get()) != 0);

  migration_list fixed;
  fixed.add(1, "001_hidden.sql", "CREATE TABLE a(x);\nCREATE TABLE b(y);\nCREATE TABLE c(z);\n");
  BOOST_TEST(apply(db.get(), fixed.set()).applied.size() == 1u);
  BOOST_TEST(apply(db.get(), fixed.set()).was_up_to_date());
}

BOOST_AUTO_TEST_CASE(commit_behind_a_byte_order_mark_is_refused) {
  auto db = open_database();
  migration_list m;
  m.add(1, "001_bom.sql", "CREATE TABLE a(x);\n\xEF\xBB\xBF" "COMMIT;\nCREATE TABLE b(y);\n");
  const auto error = apply_error(db.get(), m.set());
  BOOST_TEST(error.code() == error_code::migration_failed);
  BOOST_TEST(error.line() == 2);
  BOOST_TEST(!table_exists(db.get(), "a"));
  BOOST_TEST(!table_exists(db.get(), "migrations"));
}

BOOST_AUTO_TEST_CASE(end_and_rollback_are_refused_and_savepoints_are_not) {
  for (const std::string sql : {"CREATE TABLE a(x);\nEND;\n", "CREATE TABLE a(x);\n/* c */ ROLLBACK;\n"}) {
    auto db = open_database();
    migration_list m;
    m.add(1, "001_end.sql", sql);
    const auto error = apply_error(db.get(), m.set());
    BOOST_TEST(error.line() == 2, sql);
    BOOST_TEST(what(error).find("-- no-transaction") != std::string::npos, what(error));
    BOOST_TEST(!table_exists(db.get(), "a"));
  }
  auto db = open_database();
  migration_list m;
  m.add(1, "001_savepoint.sql", "SAVEPOINT s;\nCREATE TABLE a(x);\nRELEASE s;\nSAVEPOINT t;\nROLLBACK TO t;\n");
  BOOST_TEST(apply(db.get(), m.set()).applied.size() == 1u);
  BOOST_TEST(table_exists(db.get(), "a"));
}

// The runtime runs a migration's SQL under a savepoint of its own, to undo it
// when the tracking table changed. A migration that releases or rolls back to
// it would undo earlier migrations of an atomic batch, which would then be
// recorded as applied, or end the runtime's own bookkeeping.
BOOST_AUTO_TEST_CASE(the_runtimes_own_savepoint_is_not_the_migrations_to_release_or_roll_back) {
  for (const std::string statement :
       {"ROLLBACK TO embedded_migrations_script;", "RELEASE Embedded_Migrations_Script;"}) {
    for (const bool atomic : {false, true}) {
      auto db = open_database();
      migration_list m;
      m.add(1, "001_a.sql", "CREATE TABLE a(x);\n");
      m.add(2, "002_b.sql", "CREATE TABLE b(x);\n" + statement + "\nCREATE TABLE c(x);\n");
      options opts;
      opts.atomic = atomic;
      const auto error = apply_error(db.get(), m.set(), opts);
      BOOST_TEST(error.code() == error_code::migration_failed, what(error));
      BOOST_TEST(error.filename() == "002_b.sql");
      BOOST_TEST(error.line() == 2, what(error));
      BOOST_TEST(what(error).find("savepoint") != std::string::npos, what(error));
      BOOST_TEST(table_exists(db.get(), "a") == !atomic);
      BOOST_TEST(!table_exists(db.get(), "b"));
    }
  }
}

// --- ATTACH and DETACH -------------------------------------------------------------

BOOST_AUTO_TEST_CASE(attach_is_refused_in_either_kind_of_migration) {
  for (const bool transactional : {true, false}) {
    auto db = open_database();
    migration_list m;
    m.add(1, "001_attach.sql",
          std::string(transactional ? "" : "-- no-transaction\n") + "ATTACH ':memory:' AS other;\n", transactional);
    const auto error = apply_error(db.get(), m.set());
    BOOST_TEST(error.code() == error_code::migration_failed);
    BOOST_TEST(what(error).find("ATTACH and DETACH are not allowed in a migration") != std::string::npos, what(error));
    BOOST_TEST(rows(db.get(), "SELECT name FROM pragma_database_list WHERE name = 'other'").empty());
  }
}

BOOST_AUTO_TEST_CASE(detach_of_the_applications_database_is_refused) {
  auto db = open_database();
  exec(db.get(), "ATTACH ':memory:' AS app_cache");
  migration_list m;
  m.add(1, "001_detach.sql", "CREATE TABLE a(x);\nDETACH app_cache;\n");
  const auto error = apply_error(db.get(), m.set());
  BOOST_TEST(error.line() == 2);
  BOOST_TEST(rows(db.get(), "SELECT name FROM pragma_database_list WHERE name = 'app_cache'").size() == 1u);
}

// --- VACUUM INTO --------------------------------------------------------------

BOOST_AUTO_TEST_CASE(vacuum_into_is_refused_and_writes_no_file) {
  const auto copy = std::filesystem::temp_directory_path() / "embedded-migrations-vacuum-into-test.db";
  std::filesystem::remove(copy);
  auto db = open_database();
  migration_list m;
  m.add(1, "001_copy.sql", "-- no-transaction\nCREATE TABLE t (a);\nVACUUM INTO '" + copy.string() + "';\n", false);
  const auto error = apply_error(db.get(), m.set());
  BOOST_TEST(error.code() == error_code::migration_failed);
  BOOST_TEST(error.line() == 3);
  BOOST_TEST(what(error).find("VACUUM INTO is not allowed in a migration") != std::string::npos, what(error));
  BOOST_TEST(!std::filesystem::exists(copy));
}
