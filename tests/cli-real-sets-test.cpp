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
