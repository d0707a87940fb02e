// Differences between two canonical schemas: each kind, with both SQL texts.
#define BOOST_TEST_MODULE schema_diff
#include <boost/test/unit_test.hpp>

#include "test_database.hpp"

#include "detail/schema/canonical_schema.hpp"
#include "detail/schema/schema_diff.hpp"

using namespace embedded_migrations::detail::schema;
using test_support::exec;
using test_support::open_database;

namespace {

canonical_schema schema_of(const std::string& sql) {
  auto db = open_database();
  exec(db.get(), sql);
  return read_schema(db.get());
}

}  // namespace

BOOST_AUTO_TEST_CASE(equal_schemas_have_no_differences) {
  const std::string sql = "CREATE TABLE a (x); CREATE INDEX a_x ON a (x); CREATE VIEW v AS SELECT x FROM a;";
  BOOST_TEST(diff(schema_of(sql), schema_of(sql)).empty());
}

BOOST_AUTO_TEST_CASE(missing_unexpected_and_changed_objects_carry_both_texts_in_order) {
  const auto expected = schema_of("CREATE TABLE a (x); CREATE TABLE b (y); CREATE INDEX a_x ON a (x);");
  const auto actual = schema_of("CREATE TABLE a (x, extra); CREATE TABLE c (z); CREATE INDEX a_x ON a (x);");
  const auto found = diff(expected, actual);
  BOOST_REQUIRE(found.size() == 3u);
  BOOST_TEST((found[0].kind == difference_kind::changed && found[0].name == "a"));
  BOOST_TEST(found[0].expected_sql == "CREATE TABLE a (x)");
  BOOST_TEST(found[0].actual_sql == "CREATE TABLE a (x, extra)");
  BOOST_TEST((found[1].kind == difference_kind::missing && found[1].name == "b"));
  BOOST_TEST(found[1].actual_sql.empty());
  BOOST_TEST((found[2].kind == difference_kind::unexpected && found[2].name == "c"));
  BOOST_TEST(found[2].expected_sql.empty());
}

BOOST_AUTO_TEST_CASE(a_same_named_object_of_another_type_is_missing_plus_unexpected) {
  const auto found = diff(schema_of("CREATE TABLE t (x);"), schema_of("CREATE TABLE u (x); CREATE VIEW t AS SELECT x FROM u;"));
  BOOST_REQUIRE(found.size() == 3u);
  BOOST_TEST((found[0].kind == difference_kind::missing && found[0].type == "table" && found[0].name == "t"));
  BOOST_TEST((found[2].kind == difference_kind::unexpected && found[2].type == "view"));
}

BOOST_AUTO_TEST_CASE(names_match_case_insensitively_as_in_sqlite_but_text_is_compared_exactly) {
  const auto found = diff(schema_of("CREATE TABLE Users (x);"), schema_of("CREATE TABLE users (x);"));
  BOOST_REQUIRE(found.size() == 1u);
  BOOST_TEST((found[0].kind == difference_kind::changed));
}
