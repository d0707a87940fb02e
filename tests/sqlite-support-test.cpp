// What a set needs of the linked SQLite, and apply()'s refusal
// (embedded_migrations/sqlite_support.hpp). Groups:
//   --- check_sqlite_support ---   versions from the loaded library, modules from the connection
//   --- apply ---                  refuses before anything is written, naming both versions or the module
#define BOOST_TEST_MODULE sqlite_support
#include <boost/test/unit_test.hpp>
#include <embedded_migrations/sqlite_support.hpp>

#include "test_database.hpp"

#include <needs_fts5.hpp>

using namespace embedded_migrations;
using namespace test_support;

namespace {

constexpr int version_9 = 9000000;  // newer than any SQLite 3

migration_set needing(const migration_list& list, int version, std::string_view modules) {
  const auto plain = list.set();
  return migration_set(plain.begin(), plain.size(), "", version, modules);
}

}  // namespace

// --- check_sqlite_support ---

BOOST_AUTO_TEST_CASE(a_set_without_requirements_runs_on_any_sqlite) {
  auto db = open_database();
  migration_list list;
  list.add(1, "001_a.sql", "CREATE TABLE a (x);");
  const auto support = check_sqlite_support(db.get(), list.set());
  BOOST_TEST(support.satisfied());
  BOOST_TEST(support.required_version == 0);
  BOOST_TEST(support.linked_version == sqlite3_libversion_number());
}

BOOST_AUTO_TEST_CASE(the_linked_version_and_the_connections_modules_decide) {
  auto db = open_database();
  migration_list list;
  list.add(1, "001_a.sql", "SELECT 1;");
  const auto ok = check_sqlite_support(db.get(), needing(list, sqlite3_libversion_number(), "fts5,rtree"));
  BOOST_TEST(ok.satisfied());
  BOOST_TEST(ok.required_modules == (std::vector<std::string>{"fts5", "rtree"}), boost::test_tools::per_element());
  const auto old = check_sqlite_support(db.get(), needing(list, version_9, "fts5,no_such_module"));
  BOOST_TEST(!old.satisfied());
  BOOST_TEST(old.missing_modules == (std::vector<std::string>{"no_such_module"}), boost::test_tools::per_element());
  BOOST_TEST(sqlite_version_text(3037002) == "3.37.2");
}

BOOST_AUTO_TEST_CASE(a_module_the_application_registers_counts_as_present) {
  auto db = open_database();
  static sqlite3_module module{};
  BOOST_TEST_REQUIRE(sqlite3_create_module(db.get(), "app_module", &module, nullptr) == SQLITE_OK);
  migration_list list;
  list.add(1, "001_a.sql", "SELECT 1;");
  BOOST_TEST(check_sqlite_support(db.get(), needing(list, 0, "app_module")).satisfied());
}

// --- apply ---

BOOST_AUTO_TEST_CASE(apply_refuses_an_older_sqlite_before_writing_and_names_both_versions) {
  auto db = open_database();
  migration_list list;
  list.add(1, "001_a.sql", "CREATE TABLE a (x);");
  const auto e = apply_error(db.get(), needing(list, version_9, ""));
  BOOST_TEST(e.code() == error_code::sqlite_unsupported);
  const std::string message = e.what();
  BOOST_TEST(message.find("need SQLite 9.0.0 or newer") != std::string::npos, message);
  BOOST_TEST(message.find("runs SQLite " + sqlite_version_text(sqlite3_libversion_number())) != std::string::npos,
             message);
  BOOST_TEST(message.find("MIN_SQLITE_VERSION") != std::string::npos, message);
  BOOST_TEST(!table_exists(db.get(), "migrations"));
  BOOST_TEST(!table_exists(db.get(), "a"));
}

BOOST_AUTO_TEST_CASE(apply_refuses_a_missing_module_before_writing_and_names_it) {
  auto db = open_database();
  migration_list list;
  list.add(1, "001_a.sql", "CREATE TABLE a (x);");
  const auto e = apply_error(db.get(), needing(list, 0, "fts5,no_such_module"));
  BOOST_TEST(e.code() == error_code::sqlite_unsupported);
  BOOST_TEST(std::string(e.what()).find("no_such_module module, which this SQLite lacks") != std::string::npos,
             e.what());
  BOOST_TEST(!table_exists(db.get(), "migrations"));
}

BOOST_AUTO_TEST_CASE(apply_runs_a_set_the_linked_sqlite_satisfies) {
  auto db = open_database();
  migration_list list;
  list.add(1, "001_a.sql", "CREATE VIRTUAL TABLE f USING fts5(x);");
  const auto result = apply(db.get(), needing(list, sqlite3_libversion_number(), "fts5"));
  BOOST_TEST(result.applied.size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_generated_set_carries_what_the_build_found_and_applies_where_it_is_met) {
  const auto& set = needs::migrations();
  BOOST_TEST(set.required_sqlite_version() == 3035000);  // DROP COLUMN
  BOOST_TEST(set.required_modules() == "fts5");
  auto db = open_database();
  BOOST_TEST(check_sqlite_support(db.get(), set).satisfied());
  BOOST_TEST(apply(db.get(), set).applied.size() == 1u);
}
