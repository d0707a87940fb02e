// Seed files (checks/seed_data.hpp): read as migrations are read, run right
// after their migration during the replay only, held to rows, and named when
// a later migration fails on their rows. The failures a user sees are corpus
// cases too (tests/data/validation/{bad,good}/seed-*).
//
// Groups: --- loading --- --- running --- --- naming the seeds involved ---
#define BOOST_TEST_MODULE seed_data
#include <boost/test/unit_test.hpp>

#include "checks/populated_tables.hpp"
#include "checks/seed_data.hpp"
#include "checksum.hpp"
#include "replay/replay.hpp"
#include "temp_directory.hpp"

#include <algorithm>
#include <fstream>
#include <string>
#include <vector>

using namespace embedded_migrations::generator;
namespace fs = std::filesystem;

namespace {

loaded_migration make(std::int64_t version, std::string filename, std::string sql) {
  auto checksum = sha256_hex(sql);
  return {version, std::move(filename), std::move(sql), std::move(checksum), true};
}

void write(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

struct replayed {
  bool passed = false;
  std::vector<diagnostic> diagnostics;
  std::size_t seeds_run = 0;
  std::size_t probes = 0;
};

replayed replay(const std::vector<loaded_migration>& migrations, std::vector<loaded_migration> seeds) {
  seed_data_check check(seed_set{"seed", std::move(seeds)});
  populated_tables_check populated;
  replay_options options;
  options.checks = {&populated, &check};
  replayed out;
  out.passed = replay_migrations(migrations, "m", options, out.diagnostics);
  out.seeds_run = check.seeds_run();
  out.probes = populated.probes();
  return out;
}

std::vector<std::string> lines(const std::vector<diagnostic>& diagnostics) {
  std::vector<std::string> out;
  for (const auto& d : diagnostics) {
    out.push_back(d.path + ":" + std::to_string(d.line) + ":" + std::to_string(d.column) + ": " + to_string(d.level) +
                  ": " + d.message.substr(0, d.message.find(';')));
  }
  return out;
}

const std::vector<loaded_migration> users_and_posts = {
    make(1, "001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT);\n"),
    make(2, "002_posts.sql", "CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users (id));\n"),
};

}  // namespace

// --- loading ---

BOOST_AUTO_TEST_CASE(seeds_are_read_as_migrations_are_and_must_follow_a_migration) {
  test_support::temp_directory dir;
  write(dir.path() / "001_users.sql", "\xEF\xBB\xBFINSERT INTO users (email) VALUES ('a');\r\n");  // BOM, CRLF
  write(dir.path() / "002-bad-name.sql", "SELECT 1;\n");
  write(dir.path() / "004_later.sql", "SELECT 1;\n");
  write(dir.path() / "002_posts.sql", "-- no-transaction\nSELECT 1;\n");
  write(dir.path() / "notes.txt", "not a seed\n");
  migration_directory loaded;
  loaded.migrations = users_and_posts;
  loaded.migrations.push_back(make(3, "003_more.sql", "SELECT 1;\n"));
  const auto seeds = load_seed_directory(dir.path(), loaded);
  BOOST_TEST_REQUIRE(seeds.files.size() == 1u);
  BOOST_TEST(seeds.files[0].sql == "INSERT INTO users (email) VALUES ('a');\n");
  const auto found = lines(loaded.diagnostics);
  const auto has = [&](const std::string& start) {
    for (const auto& l : found) {
      if (l.rfind(start, 0) == 0) return true;
    }
    return false;
  };
  const auto in = [&](const char* name) { return (dir.path() / name).string(); };
  BOOST_TEST(has(in("002-bad-name.sql") + ":1:1: error: "));
  BOOST_TEST(has(in("004_later.sql") +
                 ":1:1: error: '004_later.sql' is a seed for version 4, which no migration has: a seed runs right "
                 "after the migration of its version"));
  BOOST_TEST(has(in("002_posts.sql") + ":1:1: error: a seed runs inside a transaction of the replay's own, so "
                                       "'-- no-transaction' has no meaning here"));
  BOOST_TEST(loaded.diagnostics.size() == 3u);
  for (const auto& d : loaded.diagnostics) {
    if (d.path == in("004_later.sql")) {
      BOOST_TEST(d.message.find("(to follow 003_more.sql, name it 003_later.sql)") != std::string::npos, d.message);
    }
    if (d.path == in("002-bad-name.sql")) {
      BOOST_TEST(d.message.find("a seed file is named as a migration is") != std::string::npos);
    }
  }
  // Every file read, and the directory, whose time changes when a seed is added or deleted.
  BOOST_TEST((std::count(loaded.inputs.begin(), loaded.inputs.end(), dir.path()) == 1));
  BOOST_TEST((std::count(loaded.inputs.begin(), loaded.inputs.end(), dir.path() / "001_users.sql") == 1));
}

BOOST_AUTO_TEST_CASE(a_missing_seed_directory_names_the_option) {
  migration_directory loaded;
  loaded.migrations = users_and_posts;
  load_seed_directory("no/such/seeds", loaded);
  BOOST_TEST_REQUIRE(loaded.diagnostics.size() == 1u);
  BOOST_TEST(loaded.diagnostics[0].message.find("the seed directory does not exist") == 0u);
  BOOST_TEST(loaded.diagnostics[0].message.find("--seed-dir") != std::string::npos);
  BOOST_TEST(loaded.inputs.empty());
}

// --- running ---

BOOST_AUTO_TEST_CASE(a_seed_runs_right_after_its_migration_and_later_migrations_meet_its_rows) {
  auto migrations = users_and_posts;
  migrations.push_back(make(3, "003_email.sql", "ALTER TABLE users ADD COLUMN name TEXT NOT NULL;\n"));
  // Without the seed the table is empty: the probe refuses it, as SQLite would on any user's rows.
  const auto empty = replay(migrations, {});
  BOOST_TEST(!empty.passed);
  BOOST_TEST(empty.probes == 1u);
  // With it, SQLite itself refuses the statement on the seed's row.
  const auto seeded = replay(migrations, {make(2, "002_users.sql", "INSERT INTO users (email) VALUES ('a');\n")});
  BOOST_TEST(!seeded.passed);
  BOOST_TEST(seeded.seeds_run == 1u);
  BOOST_TEST(seeded.probes == 0u);
  BOOST_TEST(lines(seeded.diagnostics) ==
                 (std::vector<std::string>{
                     "m/003_email.sql:1:1: error: Cannot add a NOT NULL column with default value NULL",
                     "m/003_email.sql:1:1: note: in the statement: ALTER TABLE users ADD COLUMN name TEXT NOT NULL",
                     "m/003_email.sql:1:1: note: the rows involved come from the seed file seed/002_users.sql, which "
                     "the replay loads to check the migrations on data like users'"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_failing_seed_is_its_own_error_at_its_line) {
  const auto result = replay(
      users_and_posts,
      {make(1, "001_users.sql", "INSERT INTO users (email) VALUES ('a');\n"),
       make(2, "002_posts.sql", "\nINSERT INTO posts (user_id) VALUES (1);\n"
                                "  INSERT INTO posts (nope) VALUES (1);\n")});
  BOOST_TEST(!result.passed);
  BOOST_TEST(result.seeds_run == 1u);
  BOOST_TEST(lines(result.diagnostics) ==
                 (std::vector<std::string>{"seed/002_posts.sql:3:3: error: table posts has no column named nope",
                                           "seed/002_posts.sql:3:3: note: in the statement: INSERT INTO posts (nope) "
                                           "VALUES (1)"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_seed_may_only_read_and_write_rows) {
  const auto refusal = [](const std::string& sql) {
    const auto result = replay(users_and_posts, {make(2, "002_posts.sql", sql)});
    BOOST_TEST(!result.passed);
    return result.diagnostics.empty() ? std::string() : result.diagnostics[0].message;
  };
  const std::string rows_only = "a seed file holds rows only (INSERT, UPDATE, DELETE, SELECT), and this statement ";
  BOOST_TEST(refusal("CREATE TABLE t (x);").rfind(rows_only + "runs CREATE TABLE t:", 0) == 0u);
  BOOST_TEST(refusal("CREATE TEMP VIEW v AS SELECT 1;").rfind(rows_only + "runs CREATE VIEW v:", 0) == 0u);
  BOOST_TEST(refusal("ALTER TABLE users ADD COLUMN x;").rfind(rows_only + "runs ALTER TABLE users:", 0) == 0u);
  BOOST_TEST(refusal("PRAGMA foreign_keys = OFF;").rfind(rows_only + "runs PRAGMA foreign_keys:", 0) == 0u);
  BOOST_TEST(refusal("COMMIT;").rfind(rows_only + "runs COMMIT:", 0) == 0u);
  BOOST_TEST(refusal("SAVEPOINT s;").rfind(rows_only + "runs SAVEPOINT:", 0) == 0u);
  BOOST_TEST(refusal("ANALYZE;").rfind(rows_only + "runs CREATE TABLE sqlite_stat1:", 0) == 0u);
  BOOST_TEST(refusal("VACUUM;").rfind(rows_only + "neither reads nor writes rows", 0) == 0u);
  BOOST_TEST(refusal("ATTACH ':memory:' AS other;").rfind(rows_only + "runs ATTACH or DETACH:", 0) == 0u);
  BOOST_TEST(refusal("SELECT load_extension('x');").rfind("load_extension() is not allowed in a seed file", 0) == 0u);
  BOOST_TEST(refusal("INSERT INTO users (email) SELECT filename FROM migrations;")
                 .rfind("this seed statement touches the tracking table \"migrations\"", 0) == 0u);
  BOOST_TEST(refusal("INSERT INTO posts (user_id) VALUES (7);")
                 .rfind("after this seed 1 row violates a foreign key (row 1 of \"posts\"", 0) == 0u);
}

BOOST_AUTO_TEST_CASE(what_a_seed_may_do) {
  const auto result = replay(
      users_and_posts,
      {make(2, "002_posts.sql",
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n LIMIT 3)\n"
            "INSERT INTO users (email) SELECT 'u' || i || '@example.com' FROM n;\n"
            "INSERT INTO posts (user_id) SELECT id FROM users RETURNING id;\n"
            "UPDATE users SET email = upper(email) WHERE id = 2;\nDELETE FROM users WHERE id = 3 AND 0;\n"
            "SELECT count(*) FROM pragma_table_info('posts');\n")});
  const auto found = lines(result.diagnostics);
  BOOST_TEST(result.passed, (found.empty() ? std::string() : found.front()));
  BOOST_TEST(result.seeds_run == 1u);
}

// --- naming the seeds involved ---

BOOST_AUTO_TEST_CASE(only_the_seeds_whose_tables_the_failing_statement_uses_are_named) {
  auto migrations = users_and_posts;
  migrations.push_back(make(3, "003_rename.sql", "ALTER TABLE users RENAME TO accounts;\n"));
  migrations.push_back(
      make(4, "004_unique.sql", "SELECT 1;\nCREATE UNIQUE INDEX accounts_by_email ON accounts (email);\n"));
  const auto result = replay(migrations, {make(1, "001_users.sql", "INSERT INTO users (email) VALUES ('a'), ('a');\n"),
                                          make(2, "002_posts.sql", "INSERT INTO posts (user_id) VALUES (1);\n")});
  BOOST_TEST(!result.passed);
  // The table was renamed since the seed wrote it: its root page follows it.
  BOOST_TEST_REQUIRE(result.diagnostics.size() == 3u);
  BOOST_TEST(result.diagnostics[2].message.find("the seed file seed/001_users.sql, which") != std::string::npos,
             result.diagnostics[2].message);
}

BOOST_AUTO_TEST_CASE(a_statement_that_fails_to_prepare_names_no_seed) {
  auto migrations = users_and_posts;
  migrations.push_back(
      make(3, "003_typo.sql", "UPDATE users SET email = lower(email);\nUPDATE users SET emial = 1;\n"));
  const auto result = replay(migrations, {make(1, "001_users.sql", "INSERT INTO users (email) VALUES ('a');\n")});
  BOOST_TEST(!result.passed);
  BOOST_TEST(lines(result.diagnostics) ==
                 (std::vector<std::string>{"m/003_typo.sql:2:1: error: no such column: emial",
                                           "m/003_typo.sql:2:1: note: in the statement: UPDATE users SET emial = 1"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_migration_that_fails_the_same_without_the_seeds_rows_names_no_seed) {
  // The index on tag makes the DROP COLUMN fail on an empty table as on one with rows.
  const std::vector<loaded_migration> migrations = {
      make(1, "001_notes.sql", "CREATE TABLE notes (id INTEGER PRIMARY KEY, tag TEXT);\nCREATE INDEX notes_by_tag ON notes (tag);\n"),
      make(2, "002_drop_tag.sql", "ALTER TABLE notes DROP COLUMN tag;\n")};
  const auto result = replay(migrations, {make(1, "001_notes.sql", "INSERT INTO notes (tag) VALUES ('x');\n")});
  BOOST_TEST(!result.passed);
  BOOST_TEST(lines(result.diagnostics) ==
                 (std::vector<std::string>{
                     "m/002_drop_tag.sql:1:1: error: error in index notes_by_tag after drop column: no such column: tag",
                     "m/002_drop_tag.sql:1:1: note: in the statement: ALTER TABLE notes DROP COLUMN tag"}),
             boost::test_tools::per_element());
}
