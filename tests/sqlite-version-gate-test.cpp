// The set's requirement and the gate (checks/sqlite_version_gate.hpp).
#define BOOST_TEST_MODULE sqlite_version_gate
#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

#include "checks/sqlite_version_gate.hpp"

using namespace embedded_migrations::generator;

namespace {

const sqlite_feature& row(std::string_view name) {
  for (const auto& feature : sqlite_features) {
    if (feature.name == name) return feature;
  }
  throw std::logic_error("no such row");
}

loaded_migration migration(std::string filename, std::string sql) {
  return {1, std::move(filename), std::move(sql), "", true};
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_set_needs_its_newest_feature_and_every_module_once) {
  std::vector<migration_features> features(3);
  features[0].uses = {{&row("iif()"), 0}};
  features[0].modules = {"fts5"};
  features[2].uses = {{&row("RETURNING"), 4}, {&row("upsert (ON CONFLICT ... DO)"), 9}};
  features[2].modules = {"fts5", "rtree"};
  BOOST_TEST(features[1].required_version() == 0);
  BOOST_TEST(features[2].required_version() == 3035000);
  const auto needs = set_requirements(features);
  BOOST_TEST(needs.version == 3035000);
  BOOST_TEST(needs.modules == (std::vector<std::string>{"fts5", "rtree"}), boost::test_tools::per_element());
  BOOST_TEST(set_requirements({}).version == 0);
}

BOOST_AUTO_TEST_CASE(a_feature_newer_than_min_sqlite_fails_at_its_line_and_column_with_the_remedy) {
  const std::vector<loaded_migration> migrations = {
      migration("001_a.sql", "CREATE TABLE t (a, b);\nALTER TABLE t DROP b;\n")};
  std::vector<migration_features> features(1);
  features[0].uses = {{&row("DROP COLUMN"), migrations[0].sql.find("DROP")}};
  std::vector<diagnostic> diagnostics;
  BOOST_TEST(!check_version_gate(migrations, "m", features, {3031000, 3040001}, diagnostics));
  BOOST_TEST_REQUIRE(diagnostics.size() == 2u);
  BOOST_TEST(diagnostics[0].line == 2);
  BOOST_TEST(diagnostics[0].column == 15);
  BOOST_TEST((diagnostics[0].level == severity::error));
  BOOST_TEST(diagnostics[0].message.rfind("DROP COLUMN needs SQLite 3.35.0; this set's MIN_SQLITE_VERSION is 3.31.0; "
                                          "raise MIN_SQLITE_VERSION",
                                          0) == 0u);
  BOOST_TEST(diagnostics[0].message.find("12-step table rebuild") != std::string::npos);
  BOOST_TEST(diagnostics[1].message.find("https://sqlite.org/releaselog/3_35_0.html") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_feature_at_or_below_min_sqlite_passes_and_without_min_sqlite_nothing_fails) {
  const std::vector<loaded_migration> migrations = {migration("001_a.sql", "ALTER TABLE t DROP b;")};
  std::vector<migration_features> features(1);
  features[0].uses = {{&row("DROP COLUMN"), 14}};
  std::vector<diagnostic> diagnostics;
  BOOST_TEST(check_version_gate(migrations, "m", features, {3035000, 3040001}, diagnostics));
  BOOST_TEST(check_version_gate(migrations, "m", features, {std::nullopt, 3040001}, diagnostics));
  BOOST_TEST(diagnostics.empty());
}

BOOST_AUTO_TEST_CASE(a_build_machine_older_than_the_set_needs_fails_the_build_even_without_min_sqlite) {
  const std::vector<loaded_migration> migrations = {migration("001_a.sql", "SELECT unhex('41');")};
  std::vector<migration_features> features(1);
  features[0].uses = {{&row("unhex()"), 7}};
  std::vector<diagnostic> diagnostics;
  BOOST_TEST(!check_version_gate(migrations, "m", features, {std::nullopt, 3040001}, diagnostics));
  BOOST_TEST_REQUIRE(diagnostics.size() == 1u);
  BOOST_TEST(diagnostics[0].message ==
             "unhex() needs SQLite 3.41.0, and the build machine's SQLite is 3.40.1, so the build cannot check this "
             "migration; build with SQLite 3.41.0 or newer");
  BOOST_TEST(diagnostics[0].column == 8);
}

BOOST_AUTO_TEST_CASE(an_unknown_function_newer_than_the_build_machine_is_named_as_such) {
  BOOST_TEST(newer_than_build_machine("UNHEX", 3040001).value_or("").rfind("unhex() needs SQLite 3.41.0", 0) == 0u);
  BOOST_TEST(!newer_than_build_machine("unhex", 3041000));
  BOOST_TEST(!newer_than_build_machine("no_such_thing", 3040001));
}

BOOST_AUTO_TEST_CASE(a_use_through_a_trigger_says_so) {
  const std::vector<loaded_migration> migrations = {migration("002_b.sql", "INSERT INTO t (a) VALUES (1);")};
  std::vector<migration_features> features(1);
  features[0].uses = {{&row("iif()"), 0, true}};
  std::vector<diagnostic> diagnostics;
  BOOST_TEST(!check_version_gate(migrations, "m", features, {3031000, 3040001}, diagnostics));
  BOOST_TEST_REQUIRE(!diagnostics.empty());
  BOOST_TEST(
      diagnostics[0].message.rfind(
          "iif(), which this statement runs through a trigger, view or column default, needs SQLite 3.32.0", 0) == 0u);
}

BOOST_AUTO_TEST_CASE(a_syntax_error_on_syntax_newer_than_the_build_machine_is_named_as_such) {
  const auto message =
      syntax_newer_than_build_machine("ALTER TABLE t DROP COLUMN b;\nSELECT 1 IS DISTINCT FROM 2;", 3034001);
  BOOST_TEST(
      message.value_or("") ==
      "DROP COLUMN needs SQLite 3.35.0, and the build machine's SQLite is 3.34.1; build with SQLite 3.35.0 or newer");
  BOOST_TEST(!syntax_newer_than_build_machine("ALTER TABLE t DROP COLUMN b;", 3035000));
  // Only the failed statement: the next one's syntax is not its fault.
  BOOST_TEST(!syntax_newer_than_build_machine("SELECT 1;\nALTER TABLE t DROP COLUMN b;", 3034001));
}
