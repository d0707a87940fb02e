// The schema the replay keeps current (replay/schema_tracker.hpp), reading
// only what each migration changed, against the whole schema read again after
// every migration: the same snapshot and the same destructive changes, after
// DDL of every kind, and the tables each migration concerns for the
// foreign-key check.
//
// Groups: --- same as a full read --- --- what a migration concerns ---
#define BOOST_TEST_MODULE schema_tracker
#include <boost/test/unit_test.hpp>

#include "checksum.hpp"
#include "replay/authorizer.hpp"
#include "replay/replay.hpp"
#include "replay/schema_tracker.hpp"
#include "schema/destructive_changes.hpp"
#include "schema/schema_history.hpp"
#include "test_database.hpp"

#include "detail/schema/schema_text.hpp"

#include <string>
#include <vector>

using namespace embedded_migrations;
using generator::loaded_migration;
namespace schema = embedded_migrations::detail::schema;

namespace {

std::vector<loaded_migration> files_of(const std::vector<std::string>& sql) {
  std::vector<loaded_migration> files;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    const bool transactional = sql[i].rfind("-- no-transaction", 0) != 0;
    files.push_back({static_cast<std::int64_t>(i + 1), std::to_string(i + 1) + "_m.sql", sql[i],
                     generator::sha256_hex(sql[i]), transactional});
  }
  return files;
}

struct history {
  std::vector<std::string> destructive;  // per migration
  std::string text;                      // the final schema
};

// The way the build read the schema before: each migration applied by
// apply() on its own, the whole schema read after it.
history read_whole_after_each(const std::vector<loaded_migration>& files) {
  std::vector<migration> views;
  for (const auto& f : files) views.push_back({f.version, f.filename, f.sql, f.checksum, f.transactional});
  const auto db = test_support::open_database();
  history result;
  auto before = schema::read_schema(db.get());
  for (std::size_t i = 0; i < views.size(); ++i) {
    apply(db.get(), migration_set(views.data(), i + 1));
    auto after = schema::read_schema(db.get());
    result.destructive.push_back(generator::describe(generator::destructive_changes(before, after)));
    before = std::move(after);
  }
  result.text = schema::to_text(before, {});
  return result;
}

history replayed(const std::vector<loaded_migration>& files) {
  generator::schema_history recorded;
  generator::replay_options options;
  options.history = &recorded;
  std::vector<generator::diagnostic> diagnostics;
  const bool passed = generator::replay_migrations(files, "m", options, diagnostics);
  BOOST_TEST_REQUIRE(passed, (diagnostics.empty() ? std::string() : diagnostics.front().message));
  return {recorded.destructive, schema::to_text(recorded.final_schema, {})};
}

void check_same(const std::vector<std::string>& sql) {
  const auto files = files_of(sql);
  const auto expected = read_whole_after_each(files);
  const auto actual = replayed(files);
  BOOST_TEST(actual.destructive == expected.destructive, boost::test_tools::per_element());
  BOOST_TEST(actual.text == expected.text);
}

}  // namespace

// --- same as a full read ---

BOOST_AUTO_TEST_CASE(creates_and_drops_give_the_schema_and_effects_a_full_read_gives) {
  check_same({
      "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT UNIQUE, name TEXT);\n"
      "CREATE INDEX users_name ON users (name);\n",
      "CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users (id), body TEXT);\n"
      "CREATE VIEW post_bodies AS SELECT body FROM posts;\n"
      "CREATE TRIGGER posts_touch AFTER INSERT ON posts BEGIN\n"
      "  UPDATE users SET name = name WHERE id = new.user_id;\nEND;\n",
      "DROP INDEX users_name;\nCREATE INDEX users_name ON users (name, email);\n",
      "DROP TABLE posts;\n",  // its trigger goes with it, its view stays
      "CREATE TABLE posts (id INTEGER PRIMARY KEY, title TEXT);\n",
      // The dropped row had the largest rowid, which the new one takes again.
      "DROP TABLE posts;\nCREATE TABLE posts (id INTEGER PRIMARY KEY, title INTEGER, body TEXT);\n",
      "DROP VIEW post_bodies;\nCREATE TABLE Tags (name TEXT);\nDROP TABLE tags;\n"
      "CREATE TABLE tags (name TEXT PRIMARY KEY) WITHOUT ROWID;\n",
      "INSERT INTO users (email) VALUES ('a@example.com');\nDROP TABLE IF EXISTS missing;\n",
  });
}

BOOST_AUTO_TEST_CASE(alter_table_of_every_kind_and_both_rebuilds_match_a_full_read) {
  check_same({
      "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT, age INTEGER);\n"
      "CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users (id), body TEXT);\n"
      "CREATE INDEX posts_user ON posts (user_id);\n"
      "CREATE VIEW names AS SELECT name FROM users;\n",
      "ALTER TABLE users RENAME TO people;\n",
      "ALTER TABLE people RENAME COLUMN name TO full_name;\n",
      "ALTER TABLE people ADD COLUMN nickname TEXT;\n",
      "ALTER TABLE people DROP COLUMN age;\n",
      // The naive rebuild (rename away, create, copy, drop) and the 12-step one.
      "DROP VIEW names;\nALTER TABLE people RENAME TO _people_old;\n"
      "CREATE TABLE people (id INTEGER PRIMARY KEY, full_name TEXT NOT NULL DEFAULT '', nickname TEXT);\n"
      "INSERT INTO people SELECT id, coalesce(full_name, ''), nickname FROM _people_old;\nDROP TABLE _people_old;\n"
      "CREATE VIEW names AS SELECT full_name FROM people;\n",
      "CREATE TABLE posts_new (id INTEGER PRIMARY KEY, user_id INTEGER, text TEXT);\n"
      "INSERT INTO posts_new SELECT id, user_id, body FROM posts;\nDROP TABLE posts;\n"
      "ALTER TABLE posts_new RENAME TO posts;\nCREATE INDEX posts_user ON posts (user_id);\n",
  });
}

BOOST_AUTO_TEST_CASE(vacuum_moves_root_pages_and_a_later_rename_is_still_told_from_a_drop) {
  check_same({
      "CREATE TABLE a (x);\nCREATE TABLE b (y, z);\nCREATE INDEX b_y ON b (y);\nINSERT INTO a VALUES (1);\n",
      "DROP TABLE a;\n",
      "-- no-transaction\nVACUUM;\n",
      "ALTER TABLE b RENAME COLUMN y TO yy;\n",
  });
}

BOOST_AUTO_TEST_CASE(a_vacuum_before_an_alter_in_the_same_file_is_judged_against_the_root_pages_before_both) {
  check_same({
      "CREATE TABLE a (x);\nCREATE TABLE b (y, z);\nINSERT INTO a VALUES (1);\n",
      "DROP TABLE a;\n",
      "-- no-transaction\nVACUUM;\nALTER TABLE b RENAME COLUMN y TO yy;\n",
  });
}

BOOST_AUTO_TEST_CASE(a_drop_in_an_auto_vacuum_database_moves_another_tables_root_page) {
  check_same({
      "-- no-transaction\nPRAGMA auto_vacuum = FULL;\nVACUUM;\n",
      "CREATE TABLE a (x);\nCREATE TABLE b (y);\nCREATE TABLE c (w, v);\n",
      "DROP TABLE a;\n",
      "ALTER TABLE c RENAME COLUMN w TO ww;\n",
  });
}

BOOST_AUTO_TEST_CASE(virtual_tables_and_temporary_objects_match_a_full_read) {
  check_same({
      "CREATE VIRTUAL TABLE docs USING fts5(body);\nCREATE TABLE t (a);\n",
      "CREATE TEMP TABLE scratch (b);\nCREATE TEMP VIEW tv AS SELECT * FROM t;\n"
      "CREATE TEMP TRIGGER tt AFTER INSERT ON t BEGIN SELECT 1; END;\n",
      "ALTER TABLE t RENAME TO u;\nDROP TABLE temp.scratch;\n",
      "DROP TABLE docs;\nCREATE VIRTUAL TABLE docs USING fts5(title, body);\n",
      // The module drops and renames its own tables, which no authorization names.
      "DROP TABLE docs;\nCREATE VIRTUAL TABLE docs USING fts5(body);\n",
      "ALTER TABLE docs RENAME TO papers;\n",
  });
}

// --- what a migration concerns ---

namespace {

// The tracker on a connection of its own, fed by the replay's authorizer.
struct tracked {
  test_support::database db = test_support::open_database();
  generator::replay_policy policy;
  generator::schema_tracker tracker{"migrations"};

  tracked() {
    policy.tracking_table = "migrations";
    policy.checks = {&tracker};
    generator::install_authorizer(db.get(), policy);
    tracker.start(db.get());
  }
  const generator::schema_changes& run(const std::string& sql) {
    const loaded_migration m{1, "1_m.sql", sql, {}, true};
    tracker.before(0, m);
    policy.current = generator::replay_policy::phase::preparing;
    test_support::exec(db.get(), sql);
    policy.current = generator::replay_policy::phase::bookkeeping;
    tracker.after(0, m);
    return tracker.changes();
  }
};

using names = std::vector<std::string>;

}  // namespace

BOOST_AUTO_TEST_CASE(the_foreign_key_check_concerns_the_children_of_what_a_migration_writes_or_drops) {
  tracked t;
  t.run("CREATE TABLE users (id INTEGER PRIMARY KEY);\nCREATE TABLE notes (id INTEGER PRIMARY KEY);\n"
        "CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users (id));\n");
  BOOST_TEST(t.tracker.changes().foreign_key_tables == names{"posts"}, boost::test_tools::per_element());
  BOOST_TEST(t.run("INSERT INTO notes VALUES (1);\n").foreign_key_tables.empty());
  BOOST_TEST(t.run("INSERT INTO posts VALUES (1, 1);\n").foreign_key_tables == names{"posts"},
             boost::test_tools::per_element());
  BOOST_TEST(t.run("DELETE FROM users;\n").foreign_key_tables == names{"posts"}, boost::test_tools::per_element());
  // A trigger's body counts as the statement's: it writes posts.
  t.run("CREATE TRIGGER notes_post AFTER INSERT ON notes BEGIN INSERT INTO posts VALUES (new.id, 9); END;\n");
  BOOST_TEST(t.run("INSERT INTO notes VALUES (2);\n").foreign_key_tables == names{"posts"},
             boost::test_tools::per_element());
  // The rebuild that renames the parent away leaves its child naming the old name.
  BOOST_TEST(t.run("ALTER TABLE users RENAME TO old_users;\nCREATE TABLE users (id INTEGER PRIMARY KEY);\n")
                 .foreign_key_tables == names{"posts"},
             boost::test_tools::per_element());
  BOOST_TEST(!t.tracker.changes().dangling_parent);
  const auto& dropped = t.run("DROP TABLE old_users;\n");
  BOOST_TEST(dropped.foreign_key_tables == names{"posts"}, boost::test_tools::per_element());
  BOOST_TEST(dropped.dangling_parent);
  BOOST_TEST(!t.run("CREATE TABLE old_users (id INTEGER PRIMARY KEY);\n").dangling_parent);
}

BOOST_AUTO_TEST_CASE(a_dropped_unique_index_concerns_the_tables_whose_foreign_keys_it_served) {
  tracked t;
  t.run("CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT);\nCREATE UNIQUE INDEX users_email ON users (email);\n"
        "CREATE TABLE posts (id INTEGER PRIMARY KEY, author TEXT REFERENCES users (email));\n");
  BOOST_TEST(t.run("DROP INDEX users_email;\n").foreign_key_tables == names{"posts"}, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(views_and_triggers_are_handed_on_when_created_or_rewritten_only) {
  tracked t;
  const auto& created = t.run("CREATE TABLE t (a);\nCREATE VIEW v AS SELECT a FROM t;\n"
                              "CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT new.a; END;\n");
  BOOST_TEST_REQUIRE(created.views.size() == 1u);
  BOOST_TEST_REQUIRE(created.triggers.size() == 1u);
  BOOST_TEST(created.triggers[0].table_name == "t");
  const auto& unrelated = t.run("CREATE TABLE other (b);\n");
  BOOST_TEST(unrelated.views.empty());
  BOOST_TEST(unrelated.triggers.empty());
  // RENAME COLUMN rewrites the view and the trigger that name the column.
  const auto& renamed = t.run("ALTER TABLE t RENAME COLUMN a TO b;\n");
  BOOST_TEST_REQUIRE(renamed.views.size() == 1u);
  BOOST_TEST(renamed.views[0].sql == "CREATE VIEW v AS SELECT b FROM t");
  BOOST_TEST_REQUIRE(renamed.triggers.size() == 1u);
  BOOST_TEST(renamed.triggers[0].sql.find("new.b") != std::string::npos);
}
