// The destructive-change report: each effect found from real schemas before
// and after real migrations, rebuilds counted by what they do, and the
// "-- destructive: <reason>" acknowledgement.
#define BOOST_TEST_MODULE destructive_changes
#include <boost/test/unit_test.hpp>

#include "schema/destructive_changes.hpp"

#include "detail/schema/canonical_schema.hpp"
#include "detail/sqlite_handles.hpp"

#include <sqlite3.h>

#include <stdexcept>
#include <string>

using namespace embedded_migrations::generator;
using embedded_migrations::detail::schema::read_schema;

namespace {

// The effects of running `migration` on a database made by `setup`, both on
// one connection as the generator does it.
std::string effects_of(const std::string& setup, const std::string& migration) {
  sqlite3* raw = nullptr;
  sqlite3_open(":memory:", &raw);
  embedded_migrations::detail::connection_ptr db(raw);
  const auto exec = [&](const std::string& sql) {
    if (sqlite3_exec(db.get(), sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
      throw std::runtime_error(sqlite3_errmsg(db.get()));
    }
  };
  exec(setup);
  const auto before = read_schema(db.get());
  exec(migration);
  return describe(destructive_changes(before, read_schema(db.get())));
}

const std::string users = "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT, legacy_id INTEGER, age TEXT);";

}  // namespace

BOOST_AUTO_TEST_CASE(additions_and_new_objects_are_not_destructive) {
  BOOST_TEST(effects_of(users, "ALTER TABLE users ADD COLUMN name TEXT; CREATE TABLE t (x); "
                               "CREATE INDEX users_email ON users (email); CREATE VIEW v AS SELECT 1;")
                 .empty());
  BOOST_TEST(effects_of(users + "CREATE INDEX i ON users (email);", "DROP INDEX i;").empty());
}

BOOST_AUTO_TEST_CASE(dropped_tables_and_columns_are_named) {
  BOOST_TEST(effects_of(users, "DROP TABLE users;") == "drops table users");
  BOOST_TEST(effects_of(users, "ALTER TABLE users DROP COLUMN legacy_id;") == "drops column users.legacy_id");
}

BOOST_AUTO_TEST_CASE(renamed_tables_and_columns_are_renames_not_drops) {
  BOOST_TEST(effects_of(users, "ALTER TABLE users RENAME TO accounts;") == "renames table users to accounts");
  BOOST_TEST(effects_of(users, "ALTER TABLE users RENAME COLUMN email TO mail;") ==
             "renames column users.email to mail");
  // A drop and an add in one migration keep the b-tree and the column count: still a drop.
  BOOST_TEST(effects_of(users, "ALTER TABLE users DROP COLUMN legacy_id; ALTER TABLE users ADD COLUMN name TEXT;") ==
             "drops column users.legacy_id");
}

BOOST_AUTO_TEST_CASE(a_table_renamed_aside_and_replaced_by_an_empty_one_is_a_rename) {
  // The rows now live in users_archive: an application reading users sees none.
  BOOST_TEST(effects_of(users, "ALTER TABLE users RENAME TO users_archive;"
                               "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT, legacy_id INTEGER, age TEXT);") ==
             "renames table users to users_archive");
}

BOOST_AUTO_TEST_CASE(a_table_rebuild_counts_as_what_it_does_to_the_columns) {
  const std::string rebuild =
      "CREATE TABLE users_new (id INTEGER PRIMARY KEY, email TEXT, age INTEGER);"
      "INSERT INTO users_new SELECT id, email, age FROM users;"
      "DROP TABLE users;"
      "ALTER TABLE users_new RENAME TO users;";
  BOOST_TEST(effects_of(users, rebuild) ==
             "drops column users.legacy_id; changes the type of column users.age from 'TEXT' to 'INTEGER'");
  // The other order: keep the old one aside, create, copy, drop the old.
  BOOST_TEST(effects_of(users, "ALTER TABLE users RENAME TO users_old;"
                               "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT, legacy_id INTEGER, age TEXT);"
                               "INSERT INTO users SELECT * FROM users_old; DROP TABLE users_old;")
                 .empty());
}

BOOST_AUTO_TEST_CASE(type_changes_ignore_letter_case) {
  BOOST_TEST(effects_of(users, "DROP TABLE users; CREATE TABLE users (id integer primary key, email text, "
                               "legacy_id INTEGER, age text);")
                 .empty());
}

BOOST_AUTO_TEST_CASE(the_reason_is_read_from_the_leading_comment_lines_only) {
  BOOST_TEST(*destructive_reason("-- destructive: data moved to accounts\nDROP TABLE t;\n") == "data moved to accounts");
  BOOST_TEST(*destructive_reason("-- no-transaction\n\n--   Destructive:   why  \nDROP TABLE t;\n") == "why");
  BOOST_TEST(!destructive_reason("DROP TABLE t;\n-- destructive: too late\n"));
  BOOST_TEST(!destructive_reason("-- destructive:\nDROP TABLE t;\n"));  // a reason is required
  BOOST_TEST(!destructive_reason("-- not destructive: at all\nDROP TABLE t;\n"));
}
