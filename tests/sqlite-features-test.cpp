// The feature table (checks/sqlite_features.hpp) and its detection
// (checks/feature_detector.hpp, checks/syntax_rules.hpp). Groups:
//   --- the table ---      sorted, cited, parseable versions
//   --- every row ---      one case per row: SQLite or the tokens find it, at its place
//   --- not a use ---      the words in strings, comments, quoted names, and look-alike syntax
#define BOOST_TEST_MODULE sqlite_features
#include <algorithm>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <set>

#include "checks/sqlite_features.hpp"
#include "feature_harness.hpp"

using namespace embedded_migrations::generator;
using test_support::feature_harness;

namespace {

constexpr const char* schema =
    "CREATE TABLE t (id INTEGER PRIMARY KEY, a INT, b INT, j TEXT);"
    "CREATE TABLE u (id INTEGER PRIMARY KEY, a INT);";

struct row_case {
  std::string_view feature;  // the row's name
  std::string sql;
  std::string marker;  // where the use must be reported: the first occurrence of this text
};

std::ostream& operator<<(std::ostream& out, const row_case& c) { return out << c.feature; }

const std::vector<row_case> row_cases = {
    {"upsert (ON CONFLICT ... DO)", "INSERT INTO t (id, a) VALUES (1, 2) ON CONFLICT (id) DO UPDATE SET a = excluded.a",
     "ON CONFLICT"},
    {"a window (OVER)", "SELECT sum(a) OVER (ORDER BY id) FROM t", "OVER"},
    {"a window function", "SELECT\n  row_number() OVER () FROM t", "row_number"},
    {"RENAME COLUMN", "ALTER TABLE t RENAME COLUMN a TO c", "RENAME"},
    {"NULLS FIRST/LAST", "SELECT a FROM t ORDER BY a NULLS LAST", "NULLS"},
    {"FILTER on an aggregate", "SELECT count(*) FILTER (WHERE a > 1) FROM t", "FILTER"},
    {"a generated column", "CREATE TABLE g (a INT, b INT AS (a * 2))", "AS (a"},
    {"iif()", "SELECT iif(a, 1, 2) FROM t", "iif"},
    {"UPDATE ... FROM", "UPDATE t SET a = u.a FROM u WHERE u.id = t.id", "FROM u"},
    {"a math function", "SELECT 1 + sqrt(a) FROM t", "sqrt"},
    {"DROP COLUMN", "ALTER TABLE main.t DROP COLUMN b", "DROP"},
    {"RETURNING", "INSERT INTO t (a) VALUES (1) RETURNING id", "RETURNING"},
    {"a MATERIALIZED hint", "WITH c AS NOT MATERIALIZED (SELECT 1) SELECT * FROM c", "NOT MATERIALIZED"},
    {"a STRICT table", "CREATE TABLE s (a INT) STRICT", "STRICT"},
    {"PRAGMA table_list", "PRAGMA table_list", "table_list"},
    {"the -> or ->> operator", "SELECT j ->> '$.a' FROM t", "->>"},
    {"a built-in JSON function", "SELECT json_extract(j, '$.a') FROM t", "json_extract"},
    {"a built-in json_each() or json_tree()", "SELECT value FROM json_each('[1]')", "json_each"},
    {"unixepoch()", "SELECT unixepoch()", "unixepoch"},
    {"format()", "SELECT format('%d', 1)", "format"},
    {"IS [NOT] DISTINCT FROM", "SELECT a IS NOT DISTINCT FROM b FROM t", "IS NOT"},
    {"RIGHT or FULL OUTER JOIN", "SELECT * FROM t FULL OUTER JOIN u ON u.id = t.id", "FULL"},
    {"unhex()", "SELECT unhex('41')", "unhex"},
    {"octet_length() or timediff()", "SELECT timediff('2024-01-02', '2024-01-01')", "timediff"},
    {"concat() or concat_ws()", "SELECT concat_ws(',', 'a', 'b')", "concat_ws"},
    {"string_agg()", "SELECT string_agg(a, ',') FROM t", "string_agg"},
};

std::vector<std::string> names_of(const std::vector<feature_use>& uses) {
  std::vector<std::string> names;
  for (const auto& use : uses) names.emplace_back(use.feature->name);
  return names;
}

std::vector<feature_use> detect(const std::string& sql, const std::string& setup = schema) {
  feature_harness harness;
  harness.setup(setup);
  return harness.run(sql);
}

}  // namespace

// --- the table ---

BOOST_AUTO_TEST_CASE(rows_are_sorted_by_version_and_each_cites_its_release_log) {
  for (std::size_t i = 0; i < sqlite_features.size(); ++i) {
    const auto& row = sqlite_features[i];
    BOOST_TEST_CONTEXT(row.name) {
      if (i > 0) BOOST_TEST(sqlite_features[i - 1].version <= row.version);
      const std::string expected = "https://sqlite.org/releaselog/" + std::to_string(row.version / 1000000) + "_" +
                                   std::to_string(row.version / 1000 % 1000) + "_" +
                                   std::to_string(row.version % 1000) + ".html";
      BOOST_TEST(row.release_notes == expected);
      BOOST_TEST(!row.instead.empty());
      BOOST_TEST((row.detected_by == detection::syntax) == (row.rule != syntax_rule::none));
      BOOST_TEST((row.detected_by == detection::syntax) == row.names.empty());
    }
  }
}

BOOST_AUTO_TEST_CASE(every_row_has_a_detection_case) {
  std::set<std::string_view> covered;
  for (const auto& c : row_cases) covered.insert(c.feature);
  for (const auto& row : sqlite_features) BOOST_TEST(covered.count(row.name) == 1u, row.name);
  BOOST_TEST(covered.size() == sqlite_features.size());
}

BOOST_AUTO_TEST_CASE(versions_parse_as_sqlite_counts_them_and_nothing_else_parses) {
  BOOST_TEST(std::get<int>(parse_sqlite_version("3.31.0")) == 3031000);
  BOOST_TEST(std::get<int>(parse_sqlite_version("3.8")) == 3008000);
  BOOST_TEST(std::get<int>(parse_sqlite_version("3.37.2")) == 3037002);
  for (const char* bad :
       {"", "3", "3.", "3.31.", "2.8.17", "4.0.0", "3.31.0.1", "3.1000.0", "v3.31.0", "3.31.0 ", "3.-1.0", "3.x"}) {
    BOOST_TEST(std::holds_alternative<std::string>(parse_sqlite_version(bad)), bad);
  }
  BOOST_TEST(version_text(3035000) == "3.35.0");
  BOOST_TEST(version_text(3037002) == "3.37.2");
}

// --- every row ---

BOOST_DATA_TEST_CASE(each_row_is_detected_where_it_is_used, boost::unit_test::data::make(row_cases), c) {
  const auto uses = detect(c.sql);
  const auto it =
      std::find_if(uses.begin(), uses.end(), [&](const feature_use& u) { return u.feature->name == c.feature; });
  BOOST_TEST_REQUIRE((it != uses.end()), "not detected; found: " << names_of(uses).size() << " others");
  BOOST_TEST(it->offset == c.sql.find(c.marker));
}

BOOST_AUTO_TEST_CASE(functions_in_a_view_or_trigger_body_are_found_by_name) {
  const std::string view = "CREATE VIEW v AS SELECT unixepoch() AS now, a -> '$' AS x FROM t";
  const auto uses = detect(view);
  BOOST_TEST(names_of(uses) == (std::vector<std::string>{"unixepoch()", "the -> or ->> operator"}),
             boost::test_tools::per_element());
  BOOST_TEST(uses[0].offset == view.find("unixepoch"));
  const std::string trigger =
      "CREATE TRIGGER tr AFTER INSERT ON t BEGIN INSERT INTO u (a) VALUES (iif(new.a, 1, 0)); END";
  BOOST_TEST(names_of(detect(trigger)) == (std::vector<std::string>{"iif()"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(functions_in_a_column_default_are_found_by_name) {
  // SQLite before 3.54 reports no function of a DEFAULT clause, at declaration or at use.
  const std::string sql = "CREATE TABLE d (a INT DEFAULT (unixepoch()), b TEXT DEFAULT 'iif(1,2,3)', c INT DEFAULT 1)";
  const auto uses = detect(sql);
  BOOST_TEST(names_of(uses) == (std::vector<std::string>{"unixepoch()"}), boost::test_tools::per_element());
  BOOST_TEST(uses[0].offset == sql.find("unixepoch"));
}

BOOST_AUTO_TEST_CASE(a_function_reached_through_a_trigger_is_reported_at_the_statement_as_indirect) {
  feature_harness harness;
  harness.setup(schema);
  harness.setup("CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE u SET a = iif(new.a, 1, 0); END;");
  const std::string sql = "SELECT 1;\nINSERT INTO t (a) VALUES (1)";
  const auto uses = harness.run(sql);
  BOOST_TEST_REQUIRE(uses.size() == 1u);
  BOOST_TEST(uses[0].feature->name == "iif()");
  BOOST_TEST(uses[0].indirect);
  BOOST_TEST(uses[0].offset == sql.find("INSERT"));
}

BOOST_AUTO_TEST_CASE(virtual_table_modules_are_reported_by_sqlite_in_lower_case) {
  feature_harness harness;
  harness.run(
      "CREATE VIRTUAL TABLE f USING FTS5(x); CREATE VIRTUAL TABLE r USING rtree(id, x0, x1);"
      "CREATE VIRTUAL TABLE f2 USING fts5(y);");
  BOOST_TEST(harness.modules() == (std::vector<std::string>{"fts5", "rtree"}), boost::test_tools::per_element());
}

// --- not a use ---

BOOST_AUTO_TEST_CASE(words_in_strings_comments_and_quoted_names_are_not_uses) {
  const std::string sql =
      "SELECT 'ALTER TABLE t DROP COLUMN b RETURNING NULLS FIRST', \"nulls\" /* IS DISTINCT FROM */\n"
      "FROM (SELECT 1 AS \"nulls\") -- ON CONFLICT DO NOTHING, RIGHT JOIN, iif(1,2,3)\n";
  BOOST_TEST(detect(sql).empty());
}

BOOST_AUTO_TEST_CASE(a_column_named_returning_is_not_returning_but_the_clause_after_it_is) {
  // SQLite 3.35+ refuses an unquoted column named returning, so it is quoted.
  const std::string setup = "CREATE TABLE r (id INTEGER PRIMARY KEY, \"returning\" INT);";
  BOOST_TEST(detect("UPDATE r SET \"returning\" = 1 WHERE \"returning\" IS NULL", setup).empty());
  const std::string sql = "UPDATE r SET \"returning\" = 1 RETURNING \"returning\"";
  const auto uses = detect(sql, setup);
  BOOST_TEST_REQUIRE(uses.size() == 1u);
  BOOST_TEST(uses[0].feature->name == "RETURNING");
  BOOST_TEST(uses[0].offset == sql.find("RETURNING"));
}

BOOST_AUTO_TEST_CASE(look_alike_syntax_of_older_releases_is_not_a_use) {
  for (const std::string sql : {
           "ALTER TABLE t RENAME TO t2",                               // a table rename: every version
           "ALTER TABLE t ADD COLUMN c INT DEFAULT 0",                 // ADD COLUMN: every version
           "CREATE TABLE c AS SELECT CAST(a AS INTEGER) AS x FROM t",  // AS SELECT, CAST's AS
           "CREATE TABLE k (a INT UNIQUE ON CONFLICT REPLACE, CHECK (CAST(a AS TEXT) <> ''))",
           "INSERT OR REPLACE INTO t (id, a) VALUES (1, 2)",
           "UPDATE t SET a = (SELECT a FROM u WHERE u.id = t.id) WHERE b IN (SELECT a FROM u)",
           "SELECT DISTINCT a FROM t WHERE a IS NOT b ORDER BY a DESC",
           "SELECT * FROM t LEFT OUTER JOIN u ON u.id = t.id",
           "WITH c AS (SELECT 1) SELECT * FROM c",
           "CREATE TABLE iif (a INT); INSERT INTO iif (a) VALUES (1); SELECT printf('%d', a), trim(a) FROM iif",
           "PRAGMA journal_mode = memory",  // writes and returns a row, not RETURNING
           "PRAGMA table_info(t)",
           "CREATE TABLE kw (strict INT, generated INT, materialized INT, filter INT, nulls INT, returning_ INT)",
       }) {
    BOOST_TEST(names_of(detect(sql)).empty(), sql);
  }
}
