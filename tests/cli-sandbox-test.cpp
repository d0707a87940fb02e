// The replay's sandbox seen from the command line: no temporary file, limits
// and the tracking table as options, and arguments nobody asked for refused.
//
// Groups: --- files --- · --- options --- · --- the tracking table ---
#define BOOST_TEST_MODULE cli_sandbox
#include <boost/test/unit_test.hpp>

#include "embed_migrations_process.hpp"
#include "temp_directory.hpp"

#include <sys/inotify.h>
#include <unistd.h>

#include <cstdlib>
#include <string>
#include <vector>

using test_support::contains;
using test_support::read_bytes;
using test_support::run;
using test_support::temp_directory;
namespace fs = std::filesystem;

namespace {

// Points SQLite's temporary directory (SQLITE_TMPDIR, then TMPDIR) at `dir`
// for the processes this one starts, while it lives.
class temporary_directory_environment {
 public:
  explicit temporary_directory_environment(const fs::path& dir) {
    setenv("SQLITE_TMPDIR", dir.c_str(), 1);
    setenv("TMPDIR", dir.c_str(), 1);
  }
  temporary_directory_environment(const temporary_directory_environment&) = delete;
  temporary_directory_environment& operator=(const temporary_directory_environment&) = delete;
  ~temporary_directory_environment() {
    unsetenv("SQLITE_TMPDIR");
    unsetenv("TMPDIR");
  }
};

}  // namespace

// --- files ---------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(the_replay_creates_no_temporary_file_even_for_large_sorts_and_temp_tables) {
  temp_directory dir;
  const auto tmp = dir.path() / "tmp";
  fs::create_directories(tmp);
  // 200 000 rows of 100 random bytes: a temp table and a sort of about 22 MB,
  // far past SQLite's 2 MB page cache, which spill to temporary files on disk
  // unless temp_store is MEMORY.
  dir.write("m/001_big.sql",
            "CREATE TEMP TABLE scratch AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 200000)\n"
            "  SELECT x, randomblob(100) AS pad FROM c;\n"
            "CREATE TABLE sorted AS SELECT * FROM scratch ORDER BY pad;\n"
            "CREATE INDEX sorted_by_pad ON sorted (pad);\n"
            "DROP TABLE scratch;\n");
  // SQLite unlinks a temporary file as soon as it opens it, so only watching
  // the directory sees one.
  const int watch = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  BOOST_REQUIRE(watch >= 0);
  BOOST_REQUIRE(inotify_add_watch(watch, tmp.c_str(), IN_CREATE) >= 0);
  {
    const temporary_directory_environment environment(tmp);
    const auto result = run({"check", "--dir", (dir.path() / "m").string()});
    BOOST_TEST(result.exit_code == 0, result.output);
  }
  char events[4096];
  const auto read_bytes_count = read(watch, events, sizeof events);
  close(watch);
  BOOST_TEST(read_bytes_count < 0, "the replay created a file in the temporary directory");
  BOOST_TEST(fs::is_empty(tmp));
}

BOOST_AUTO_TEST_CASE(the_fts3_tokenizer_pointer_is_a_clean_error_not_a_crash) {
  temp_directory dir;
  dir.write("m/001_tokenizer.sql",
            "SELECT fts3_tokenizer('simple', x'4141414141414141');\n"
            "CREATE VIRTUAL TABLE b USING fts3(c, tokenize=simple);\n");
  const auto result = run({"check", "--dir", (dir.path() / "m").string()});
  BOOST_TEST(result.exit_code == 1, result.output);
  BOOST_TEST(contains(result.output, "001_tokenizer.sql:1:8: error: fts3_tokenizer() is not allowed"), result.output);
}

// --- options -------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(stray_positional_arguments_are_a_usage_error_for_every_command) {
  temp_directory dir;
  dir.write("migrations/001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);\n");
  const std::vector<std::vector<std::string>> commands = {
      {"check", "--dir", "migrations", "other"},
      {"generate", "--dir", "migrations", "--output-dir", "out", "--namespace", "app", "--header", "app.hpp", "other"},
      {"new", "add_tags", "other"},
      {"status", "--db", "x.db", "other"},
      {"apply", "--db", "x.db", "other"},
  };
  for (const auto& command : commands) {
    BOOST_TEST_CONTEXT(command.front()) {
      const auto result = run(command, dir.path());
      BOOST_TEST(result.exit_code == 2, result.output);
      BOOST_TEST(contains(result.output, "error: unexpected argument 'other': no option takes it; remove it"),
                 result.output);
    }
  }
  BOOST_TEST(!fs::exists(dir.path() / "x.db"));
  BOOST_TEST(!fs::exists(dir.path() / "out"));
  BOOST_TEST(!fs::exists(dir.path() / "migrations/002_add_tags.sql"));
}

BOOST_AUTO_TEST_CASE(replay_limits_are_options_with_defaults_and_bounds) {
  const auto help = run({"check", "--help"});
  BOOST_TEST(contains(help.output, "--replay-timeout SECONDS (=60)"), help.output);
  BOOST_TEST(contains(help.output, "--replay-memory MIB (=1024)"), help.output);
  BOOST_TEST(contains(run({"generate", "--help"}).output, "--replay-timeout"));
  BOOST_TEST(contains(run({"apply", "--help"}).output, "--replay-memory"));
  temp_directory dir;
  dir.write("m/001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);\n");
  const auto m = (dir.path() / "m").string();
  for (const char* bad : {"0", "-5", "604801"}) {
    const auto result = run({"check", "--dir", m, "--replay-timeout", bad});
    BOOST_TEST(result.exit_code == 2, bad);
    BOOST_TEST(contains(result.output, "--replay-timeout takes a number of seconds from 1 to 604800"), result.output);
  }
  BOOST_TEST(run({"check", "--dir", m, "--replay-memory", "0"}).exit_code == 2);
  BOOST_TEST(run({"check", "--dir", m, "--replay-memory", "lots"}).exit_code == 2);
  BOOST_TEST(run({"check", "--dir", m, "--replay-timeout", "5", "--replay-memory", "64"}).exit_code == 0);
}

BOOST_AUTO_TEST_CASE(the_memory_limit_is_each_migrations_own_not_the_schema_the_earlier_ones_built) {
  // 300 tables with an index hold about 2.7 MiB of SQLite's schema; each
  // migration needs a few KiB more. A limit on the total failed at the 210th.
  temp_directory dir;
  for (int i = 1; i <= 300; ++i) {
    dir.write("m/" + std::string(i < 10 ? "00" : i < 100 ? "0" : "") + std::to_string(i) + "_t.sql",
              "CREATE TABLE t" + std::to_string(i) + " (id INTEGER PRIMARY KEY, name TEXT NOT NULL, created_at TEXT);\n"
              "CREATE INDEX t" + std::to_string(i) + "_name ON t" + std::to_string(i) + " (name);\n");
  }
  const auto result = run({"check", "--dir", (dir.path() / "m").string(), "--replay-memory", "2"});
  BOOST_TEST(result.exit_code == 0, result.output);
}

BOOST_AUTO_TEST_CASE(a_runaway_migration_names_the_limit_and_both_ways_to_raise_it) {
  temp_directory dir;
  dir.write("m/001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);\n");
  dir.write("m/002_forever.sql",
            "-- no-transaction\nWITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x FROM c;\n");
  const auto m = (dir.path() / "m").string();
  const auto result = run({"generate", "--dir", m, "--output-dir", (dir.path() / "out").string(), "--namespace", "app",
                           "--header", "app.hpp", "--replay-timeout", "1"});
  BOOST_TEST(result.exit_code == 1, result.output);
  BOOST_TEST(contains(result.output, m + "/002_forever.sql:2:1: error: the replay of this migration ran into its time "
                                         "limit of 1 s at this statement"),
             result.output);
  BOOST_TEST(contains(result.output, "--replay-timeout SECONDS (REPLAY_TIMEOUT in add_embedded_migrations)"));
}

BOOST_AUTO_TEST_CASE(a_transaction_left_open_is_reported_without_an_empty_statement_note) {
  temp_directory dir;
  dir.write("m/001_notes.sql", "-- no-transaction\nBEGIN;\nCREATE TABLE notes (id INTEGER PRIMARY KEY);\n");
  const auto m = (dir.path() / "m").string();
  const auto result = run({"check", "--dir", m});
  BOOST_TEST(result.exit_code == 1, result.output);
  BOOST_TEST(contains(result.output, "the migration left a transaction open"), result.output);
  BOOST_TEST(!contains(result.output, "in the statement: \n"), result.output);
}

// --- the tracking table ----------------------------------------------------------

BOOST_AUTO_TEST_CASE(the_table_option_is_checked_replayed_against_and_embedded) {
  temp_directory dir;
  dir.write("m/001_own_migrations.sql", "CREATE TABLE migrations (id INTEGER PRIMARY KEY, note TEXT);\n");
  const auto m = (dir.path() / "m").string();
  const auto refused = run({"check", "--dir", m});
  BOOST_TEST(refused.exit_code == 1);
  BOOST_TEST(contains(refused.output, "the tracking table \"migrations\""), refused.output);

  const auto out = (dir.path() / "out").string();
  const auto generated = run({"generate", "--dir", m, "--output-dir", out, "--namespace", "app", "--header", "app.hpp",
                              "--table", "schema_history"});
  BOOST_TEST(generated.exit_code == 0, generated.output);
  BOOST_TEST(contains(read_bytes(dir.path() / "out/app.cpp"),
                      "all_migrations{\n    migration_list, 1, \"schema_history\", 0, \"\""));

  for (const char* bad : {"1st", "sqlite_x", "my-table", ""}) {
    const auto result = run({"check", "--dir", m, "--table", bad});
    BOOST_TEST(result.exit_code == 2, bad);
    BOOST_TEST(contains(result.output, "invalid tracking table name"), result.output);
  }
  BOOST_TEST(run({"status", "--db", (dir.path() / "x.db").string(), "--dir", m, "--table", "1st"}).exit_code == 2);
}
