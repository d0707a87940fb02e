// The feature check riding on the real replay (checks/sqlite_feature_check.hpp):
// what it records per migration, and the replay's word for a function newer
// than the build machine's SQLite.
#define BOOST_TEST_MODULE sqlite_feature_check
#include <sqlite3.h>

#include <boost/test/unit_test.hpp>

#include "checks/sqlite_feature_check.hpp"
#include "checksum.hpp"
#include "replay/replay.hpp"

using namespace embedded_migrations::generator;

namespace {

loaded_migration make(std::int64_t version, std::string filename, std::string sql) {
  auto checksum = sha256_hex(sql);
  return {version, std::move(filename), std::move(sql), std::move(checksum), true};
}

struct replayed {
  bool passed;
  std::vector<migration_features> features;
  std::vector<diagnostic> diagnostics;
};

replayed replay(const std::vector<loaded_migration>& migrations) {
  sqlite_feature_check check;
  replay_options options;
  options.checks.push_back(&check);
  replayed out;
  out.passed = replay_migrations(migrations, "m", options, out.diagnostics);
  out.features = check.features();
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(each_migration_gets_its_own_features_at_offsets_into_its_own_text) {
  const std::vector<loaded_migration> migrations = {
      make(1, "001_a.sql", "CREATE TABLE t (id INTEGER PRIMARY KEY, a INT, b INT);\n"),
      make(2, "002_b.sql", "-- drop b\nALTER TABLE t DROP COLUMN b;\nCREATE VIRTUAL TABLE f USING fts5(x);\n"),
      make(3, "003_c.sql", "INSERT INTO t (a) VALUES (iif(1, 2, 3)) RETURNING id;\n"),
  };
  const auto result = replay(migrations);
  BOOST_TEST_REQUIRE(result.passed);
  BOOST_TEST_REQUIRE(result.features.size() == 3u);
  BOOST_TEST(result.features[0].uses.empty());
  BOOST_TEST_REQUIRE(result.features[1].uses.size() == 1u);
  BOOST_TEST(result.features[1].uses[0].feature->name == "DROP COLUMN");
  BOOST_TEST(result.features[1].uses[0].offset == migrations[1].sql.find("DROP"));
  BOOST_TEST(result.features[1].modules == (std::vector<std::string>{"fts5"}), boost::test_tools::per_element());
  BOOST_TEST_REQUIRE(result.features[2].uses.size() == 2u);
  BOOST_TEST(result.features[2].uses[0].feature->name == "iif()");
  BOOST_TEST(result.features[2].uses[1].feature->name == "RETURNING");
  const auto needs = set_requirements(result.features);
  BOOST_TEST(needs.version == 3035000);
  BOOST_TEST(needs.modules == (std::vector<std::string>{"fts5"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(an_add_column_that_sqlite_checks_against_existing_rows_is_no_returning) {
  // SQLite compiles a SELECT into these to check existing rows, so they
  // report result columns; none returns rows, and all run on SQLite 3.26.0.
  const std::vector<loaded_migration> migrations = {
      make(1, "001_a.sql", "CREATE TABLE t (a);\nCREATE TABLE s (a INT) STRICT;\n"),
      make(2, "002_b.sql",
           "ALTER TABLE t ADD COLUMN b INTEGER DEFAULT 0 CHECK (b >= 0);\n"
           "ALTER TABLE t ADD COLUMN c TEXT NOT NULL DEFAULT 'x';\n"
           "ALTER TABLE s ADD COLUMN d INT;\n"),
  };
  const auto result = replay(migrations);
  BOOST_TEST_REQUIRE(result.passed);
  BOOST_TEST_REQUIRE(result.features.size() == 2u);
  BOOST_TEST(result.features[1].uses.empty());
}

BOOST_AUTO_TEST_CASE(our_own_bookkeeping_and_a_failed_migration_record_nothing) {
  const std::vector<loaded_migration> migrations = {
      make(1, "001_a.sql", "CREATE TABLE t (a);\n"),
      make(2, "002_b.sql", "SELECT iif(1, 2, 3);\nSELECT * FROM no_such_table;\n"),
  };
  const auto result = replay(migrations);
  BOOST_TEST(!result.passed);
  BOOST_TEST_REQUIRE(result.features.size() == 2u);
  BOOST_TEST(result.features[0].uses.empty());
  BOOST_TEST(result.features[1].uses.empty());
}

BOOST_AUTO_TEST_CASE(a_function_newer_than_the_build_machine_is_named_with_both_versions) {
  const auto result = replay({make(1, "001_a.sql", "SELECT unhex('41');\n")});
  if (sqlite3_libversion_number() >= 3041000) {
    BOOST_TEST(result.passed);
    return;
  }
  BOOST_TEST_REQUIRE(!result.diagnostics.empty());
  const auto& message = result.diagnostics[0].message;
  BOOST_TEST(message.rfind("unhex() needs SQLite 3.41.0, and the build machine's SQLite is " +
                               version_text(sqlite3_libversion_number()),
                           0) == 0u,
             message);
}
