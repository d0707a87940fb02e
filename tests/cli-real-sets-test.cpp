// Directories as other tools leave them, run through the embed-migrations
// command line as a process, on real SQLite databases (issue 11).
// Groups: placeholders and pairs · one-pass errors · application functions.
#define BOOST_TEST_MODULE cli_real_sets
#include <boost/test/unit_test.hpp>

#include "embed_migrations_process.hpp"
#include "temp_directory.hpp"
#include "test_database.hpp"

#include <string>
#include <vector>

using test_support::contains;
using test_support::run;
using test_support::temp_directory;

// --- placeholders and pairs ---

BOOST_AUTO_TEST_CASE(placeholders_and_up_files_are_applied_recorded_and_listed) {
  temp_directory dir;
  dir.write("m/001_users.up.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);\n");
  dir.write("m/001_users.down.sql", "DROP TABLE users;\n");
  dir.write("m/002_squashed.sql", "-- this version was squashed into 001\n");
  dir.write("m/003_empty.sql", "");
  dir.write("m/004_seed.sql", "INSERT INTO users VALUES (1)");  // no final ';'
  const auto m = (dir.path() / "m").string();
  const auto db = (dir.path() / "app.db").string();
  const auto applied = run({"apply", "--dir", m, "--db", db});
  BOOST_TEST(applied.exit_code == 0, applied.output);
  const auto conn = test_support::open_database(db);
  BOOST_TEST(test_support::rows(conn.get(), "SELECT version, filename FROM migrations ORDER BY version") ==
                 (std::vector<std::string>{"1|001_users.up.sql", "2|002_squashed.sql", "3|003_empty.sql",
                                           "4|004_seed.sql"}),
             boost::test_tools::per_element());
  BOOST_TEST(test_support::rows(conn.get(), "SELECT count(*) FROM users") == std::vector<std::string>{"1"},
             boost::test_tools::per_element());
  const auto status = run({"status", "--dir", m, "--db", db});
  BOOST_TEST(contains(status.output, "003_empty.sql"), status.output);
  BOOST_TEST(contains(status.output, "4 applied, 0 pending"), status.output);
}

// --- application functions ---

BOOST_AUTO_TEST_CASE(apply_refuses_declared_functions_before_touching_the_database) {
  temp_directory dir;
  dir.write("m/001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY, token TEXT);\n");
  dir.write("m/002_tokens.sql", "-- no-transaction\nUPDATE users SET token = app_token();\n");
  const auto m = (dir.path() / "m").string();
  const auto db = dir.path() / "app.db";
  BOOST_TEST(run({"check", "--dir", m, "--function", "app_token/0"}).exit_code == 0);
  const auto refused = run({"apply", "--dir", m, "--db", db.string(), "--function", "app_token/0"});
  BOOST_TEST(refused.exit_code == 2, refused.output);
  BOOST_TEST(contains(refused.output, "apply cannot provide application functions"), refused.output);
  BOOST_TEST(!std::filesystem::exists(db));
  // Undeclared, the call fails the check that apply runs first: still before the database.
  const auto undeclared = run({"apply", "--dir", m, "--db", db.string()});
  BOOST_TEST(undeclared.exit_code == 1, undeclared.output);
  BOOST_TEST(contains(undeclared.output, "no such function: app_token"), undeclared.output);
  BOOST_TEST(!std::filesystem::exists(db));
}

// --- one-pass errors ---

BOOST_AUTO_TEST_CASE(transaction_rules_are_reported_for_every_file_in_one_run) {
  temp_directory dir;
  dir.write("m/001_a.sql", "CREATE TABLE a (x);\n");
  for (int i = 2; i <= 6; ++i) {
    dir.write("m/00" + std::to_string(i) + "_step.sql",
              i % 2 == 0 ? "PRAGMA foreign_keys = OFF;\nCREATE TABLE t" + std::to_string(i) + " (x);\n"
                         : "BEGIN;\nCREATE TABLE t" + std::to_string(i) + " (x);\nCOMMIT;\n");
  }
  const auto m = (dir.path() / "m").string();
  const auto result = run({"check", "--dir", m});
  BOOST_TEST(result.exit_code == 1);
  BOOST_TEST(contains(result.output, "embed-migrations: 5 errors in " + m), result.output);
  BOOST_TEST(contains(result.output, "PRAGMA foreign_key_check; COMMIT; PRAGMA foreign_keys=ON;"), result.output);
}
