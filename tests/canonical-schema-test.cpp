// The canonical schema and its text: what is read, what is left out, the
// order, and a text that parses back to the same objects.
//
// Groups: --- reading --- and --- text ---.
#define BOOST_TEST_MODULE canonical_schema
#include <boost/test/unit_test.hpp>

#include "temp_directory.hpp"
#include "test_database.hpp"

#include "detail/schema/canonical_schema.hpp"
#include "detail/schema/schema_text.hpp"

#include <variant>

using namespace embedded_migrations::detail::schema;
using test_support::exec;
using test_support::open_database;

namespace {

constexpr const char* sample =
    "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, age integer DEFAULT 0);\n"
    "CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users(id) ON DELETE CASCADE,\n"
    "  body TEXT, words INTEGER GENERATED ALWAYS AS (length(body)) VIRTUAL);\n"
    "CREATE INDEX posts_by_user ON posts (user_id, lower(body)) WHERE body IS NOT NULL;\n"
    "CREATE VIEW  recent AS SELECT * FROM posts   ORDER BY id DESC;\n"
    "CREATE TRIGGER users_gone AFTER DELETE ON users BEGIN\n"
    "  DELETE FROM posts WHERE user_id = old.id;\n"
    "\n"
    "  SELECT ';\n\nnot the end';\n"
    "END;\n";

std::vector<std::string> names(const canonical_schema& schema) {
  std::vector<std::string> result;
  for (const auto& o : schema.objects) result.push_back(o.type + " " + o.name);
  return result;
}

}  // namespace

// --- reading ---

BOOST_AUTO_TEST_CASE(objects_are_sorted_by_type_then_name_with_their_stored_sql) {
  auto db = open_database();
  exec(db.get(), sample);
  const auto schema = read_schema(db.get());
  const std::vector<std::string> expected{"index posts_by_user", "table posts", "table users", "trigger users_gone",
                                          "view recent"};
  BOOST_TEST(names(schema) == expected, boost::test_tools::per_element());
  // Exactly as sqlite_schema stores it: SQLite rewrites "CREATE VIEW", the author's spacing after it stays.
  BOOST_TEST(schema.find("view", "recent")->sql == "CREATE VIEW recent AS SELECT * FROM posts   ORDER BY id DESC");
}

BOOST_AUTO_TEST_CASE(tables_carry_columns_indexes_and_foreign_keys_from_the_pragmas) {
  auto db = open_database();
  exec(db.get(), sample);
  const auto schema = read_schema(db.get());
  const auto* users = schema.find("table", "USERS");  // names match as SQLite matches them
  BOOST_REQUIRE(users);
  BOOST_TEST(users->columns.size() == 3u);
  BOOST_TEST(users->columns[2].name == "age");
  BOOST_TEST(users->columns[2].type == "INTEGER");  // PRAGMA reports it in upper case
  BOOST_TEST(*users->columns[2].default_value == "0");
  BOOST_TEST(users->columns[1].not_null);
  BOOST_TEST(users->columns[0].primary_key == 1);
  BOOST_REQUIRE(users->indexes.size() == 1u);  // the UNIQUE constraint's automatic index
  BOOST_TEST(users->indexes[0].origin == "u");
  BOOST_TEST(users->indexes[0].columns == std::vector<std::string>{"email"});

  const auto* posts = schema.find("table", "posts");
  BOOST_TEST(posts->columns[3].hidden == 2);  // generated columns only show in table_xinfo
  BOOST_REQUIRE(posts->foreign_keys.size() == 1u);
  BOOST_TEST(posts->foreign_keys[0].parent_table == "users");
  BOOST_TEST(posts->foreign_keys[0].on_delete == "CASCADE");
  const auto& by_user = posts->indexes.at(0);
  BOOST_TEST(by_user.partial);
  BOOST_TEST((by_user.columns == std::vector<std::string>{"user_id", "<expr>"}));
}

BOOST_AUTO_TEST_CASE(tracking_table_sqlite_internals_and_excluded_bookkeeping_are_left_out) {
  auto db = open_database();
  exec(db.get(),
       "CREATE TABLE app (id INTEGER PRIMARY KEY AUTOINCREMENT);"  // makes sqlite_sequence
       "CREATE TABLE Migrations (version INTEGER UNIQUE);"
       "CREATE INDEX migrations_by_version ON migrations (version);"
       "CREATE TABLE goose_db_version (id INTEGER);"
       "CREATE TRIGGER goose_touch AFTER INSERT ON goose_db_version BEGIN SELECT 1; END;"
       "ANALYZE;");
  read_options options;
  options.excluded = {"goose_db_version"};
  BOOST_TEST(names(read_schema(db.get(), options)) == std::vector<std::string>{"table app"});
  options.tracking_table = "other";
  BOOST_TEST(names(read_schema(db.get(), options)).size() == 3u);
}

BOOST_AUTO_TEST_CASE(reading_works_on_a_read_only_connection_and_leaves_no_trace) {
  test_support::temp_directory dir;
  const auto file = (dir.path() / "app.db").string();
  {
    auto db = open_database(file);
    exec(db.get(), sample);
  }
  auto db = open_database(file, SQLITE_OPEN_READONLY);
  const auto before = test_support::schema_dump(db.get());
  BOOST_TEST(read_schema(db.get()).objects.size() == 5u);
  BOOST_TEST(test_support::schema_dump(db.get()) == before);
}

// --- text ---

BOOST_AUTO_TEST_CASE(text_is_the_same_whatever_order_the_objects_were_created_in) {
  auto first = open_database();
  exec(first.get(), sample);
  auto second = open_database();
  exec(second.get(), "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, age integer DEFAULT 0);"
                     "CREATE TABLE unrelated (x);");
  exec(second.get(), std::string(sample).substr(std::string(sample).find("CREATE TABLE posts")));
  exec(second.get(), "DROP TABLE unrelated;");
  const text_header header{7, std::nullopt};
  BOOST_TEST(to_text(read_schema(first.get()), header) == to_text(read_schema(second.get()), header));
}

BOOST_AUTO_TEST_CASE(text_has_a_header_and_one_blank_line_between_terminated_objects) {
  auto db = open_database();
  exec(db.get(), "CREATE TABLE b (x); CREATE TABLE a (y);");
  BOOST_TEST(to_text(read_schema(db.get()), {3, std::nullopt}) ==
             std::string(text_banner) + "\n-- version: 3\n\nCREATE TABLE a (y);\n\nCREATE TABLE b (x);\n");
  BOOST_TEST(to_text({}, {std::nullopt, std::string("3.35.0")}) ==
             std::string(text_banner) + "\n-- version: none\n-- requires: SQLite 3.35.0\n");
}

BOOST_AUTO_TEST_CASE(text_parses_back_to_the_same_objects_even_with_blank_lines_inside_sql) {
  auto db = open_database();
  exec(db.get(), sample);
  exec(db.get(), "CREATE TABLE \"odd \"\"name\"\" ;\" (x TEXT DEFAULT ';\n\n');"
                 "CREATE INDEX IF NOT EXISTS [bracketed] ON users (age);");
  const auto schema = read_schema(db.get());
  const auto parsed = parse_text(to_text(schema, {12, std::nullopt}));
  BOOST_REQUIRE(std::holds_alternative<parsed_text>(parsed));
  const auto& back = std::get<parsed_text>(parsed);
  BOOST_TEST(*back.header.version == 12);
  BOOST_TEST(!back.header.sqlite_requirement);
  BOOST_REQUIRE(back.schema.objects.size() == schema.objects.size());
  for (std::size_t i = 0; i < schema.objects.size(); ++i) {
    BOOST_TEST(back.schema.objects[i].type == schema.objects[i].type);
    BOOST_TEST(back.schema.objects[i].name == schema.objects[i].name);
    BOOST_TEST(back.schema.objects[i].sql == schema.objects[i].sql);
  }
}

BOOST_AUTO_TEST_CASE(malformed_text_is_refused_with_the_line) {
  const std::string head = std::string(text_banner) + "\n-- version: 1\n\n";
  const auto problem = [](const std::string& text) {
    const auto parsed = parse_text(text);
    return std::holds_alternative<std::string>(parsed) ? std::get<std::string>(parsed) : std::string();
  };
  BOOST_TEST(problem("CREATE TABLE a (x);\n").find("line 1") == 0u);
  BOOST_TEST(problem(head + "CREATE TABLE a (x)\n").find("line 4") == 0u);
  BOOST_TEST(problem(head + "DROP TABLE a;\n").find("line 4") == 0u);
  BOOST_TEST(problem(std::string(text_banner) + "\n-- version: 1x\n").find("line 2") == 0u);
}
