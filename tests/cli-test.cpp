// The embed-migrations command line: exit codes, messages and files, run as a process.
#define BOOST_TEST_MODULE cli
#include <boost/test/unit_test.hpp>

#include "embed_migrations_process.hpp"
#include "temp_directory.hpp"
#include "test_database.hpp"

#include <cstdio>
#include <filesystem>
#include <chrono>
#include <set>
#include <thread>
#include <utility>
#include <string>

using test_support::contains;
using test_support::read_bytes;
using test_support::run;
using test_support::temp_directory;
namespace fs = std::filesystem;

namespace {

void write_valid_set(const temp_directory& dir, const std::string& sub) {
  dir.write(sub + "/001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);\n");
  dir.write(sub + "/002_tags.sql", "CREATE TABLE tags (name TEXT);\n");
}

}  // namespace

BOOST_AUTO_TEST_CASE(help_version_and_usage_errors) {
  const auto help = run({"--help"});
  BOOST_TEST(help.exit_code == 0);
  BOOST_TEST(contains(help.output, "Usage: embed-migrations <command>"));
  BOOST_TEST(run({"generate", "--help"}).exit_code == 0);
  BOOST_TEST(contains(run({"check", "--help"}).output, "Example: embed-migrations check --dir migrations"));
  BOOST_TEST(run({"--version"}).output == "embed-migrations " EMBEDDED_MIGRATIONS_VERSION "\n");

  const auto none = run({});
  BOOST_TEST(none.exit_code == 2);
  BOOST_TEST(contains(none.output, "no command given"));
  BOOST_TEST(run({"frobnicate"}).exit_code == 2);
  const auto missing = run({"generate", "--dir", "x"});
  BOOST_TEST(missing.exit_code == 2);
  BOOST_TEST(contains(missing.output, "is required but missing"), missing.output);
  const auto unknown = run({"check", "--dir", "x", "--bogus"});
  BOOST_TEST(unknown.exit_code == 2);
  BOOST_TEST(contains(unknown.output, "Try 'embed-migrations check --help'"), unknown.output);
}

BOOST_AUTO_TEST_CASE(check_accepts_a_valid_directory) {
  temp_directory dir;
  write_valid_set(dir, "migrations");
  const auto result = run({"check", "--dir", (dir.path() / "migrations").string()});
  BOOST_TEST(result.exit_code == 0, result.output);
  BOOST_TEST(contains(result.output, "2 migrations checked, no errors"));
}

BOOST_AUTO_TEST_CASE(check_names_the_oldest_sqlite_the_set_runs_on_and_where_that_comes_from) {
  temp_directory dir;
  dir.write("m/001_a.sql", "CREATE TABLE t (a, b);\nALTER TABLE t DROP COLUMN b;\n");
  const auto path = (dir.path() / "m").string();
  const auto result = run({"check", "--dir", path});
  BOOST_TEST(result.exit_code == 0, result.output);
  BOOST_TEST(contains(result.output, "needs SQLite 3.35.0 or newer (DROP COLUMN at "), result.output);
  const auto gated = run({"check", "--dir", path, "--min-sqlite", "3.34.1"});
  BOOST_TEST(gated.exit_code == 1, gated.output);
  BOOST_TEST(contains(gated.output, "001_a.sql:2:15: error: DROP COLUMN needs SQLite 3.35.0"), gated.output);
  BOOST_TEST(run({"check", "--dir", path, "--min-sqlite", "3.35"}).exit_code == 0);
  BOOST_TEST(run({"check", "--dir", path, "--min-sqlite", "three"}).exit_code == 2);
}

BOOST_AUTO_TEST_CASE(check_reports_every_bad_file_in_compiler_style) {
  temp_directory dir;
  write_valid_set(dir, "m");
  dir.write("m/4-add.sql", "SELECT 1;\n");
  dir.write("m/003_x.sql", "SELECT 1;\n\n\nSELECT \"2\n");
  const auto m = (dir.path() / "m").string();
  const auto result = run({"check", "--dir", m});
  BOOST_TEST(result.exit_code == 1);
  BOOST_TEST(contains(result.output, m + "/4-add.sql:1:1: error: "), result.output);
  BOOST_TEST(contains(result.output, m + "/003_x.sql:5:1: error: the last statement is not terminated"));
  BOOST_TEST(contains(result.output, "embed-migrations: 2 errors in " + m));
}

BOOST_AUTO_TEST_CASE(generate_rejects_bad_namespace_and_header_as_usage_errors) {
  temp_directory dir;
  write_valid_set(dir, "m");
  const auto base = std::vector<std::string>{"generate", "--dir", (dir.path() / "m").string(), "--output-dir",
                                             (dir.path() / "out").string()};
  auto bad_namespace = base;
  bad_namespace.insert(bad_namespace.end(), {"--namespace", "my-app", "--header", "x.hpp"});
  const auto ns = run(bad_namespace);
  BOOST_TEST(ns.exit_code == 2);
  BOOST_TEST(contains(ns.output, "'my-app' is not a valid C++ namespace"), ns.output);
  auto bad_header = base;
  bad_header.insert(bad_header.end(), {"--namespace", "app", "--header", "../x.hpp"});
  BOOST_TEST(run(bad_header).exit_code == 2);
  BOOST_TEST(!fs::exists(dir.path() / "out"));
}

BOOST_AUTO_TEST_CASE(generate_is_byte_identical_wherever_the_sources_and_outputs_live) {
  temp_directory dir;
  write_valid_set(dir, "first/migrations");
  write_valid_set(dir, "second/elsewhere/migrations");
  const auto generate = [&](const std::string& from, const std::string& to) {
    const auto result = run({"generate", "--dir", (dir.path() / from).string(), "--output-dir",
                             (dir.path() / to).string(), "--namespace", "app::schema", "--header", "app_schema.hpp",
                             "--depfile", (dir.path() / to / "app_schema.d").string()});
    BOOST_TEST(result.exit_code == 0, result.output);
    BOOST_TEST(result.output.empty(), result.output);
  };
  generate("first/migrations", "out1");
  generate("second/elsewhere/migrations", "out2/deeper");
  for (const auto* name : {"app_schema.hpp", "app_schema.cpp"}) {
    const auto one = read_bytes(dir.path() / "out1" / name);
    BOOST_TEST(!one.empty());
    BOOST_TEST(one == read_bytes(dir.path() / "out2/deeper" / name));
    BOOST_TEST(!contains(one, dir.path().string()));
  }
  const auto depfile = read_bytes(dir.path() / "out1" / "app_schema.d");
  BOOST_TEST(contains(depfile, (dir.path() / "first/migrations/002_tags.sql").string()));

  // A second run with nothing changed leaves the files alone.
  const auto before = fs::last_write_time(dir.path() / "out1" / "app_schema.cpp");
  generate("first/migrations", "out1");
  BOOST_TEST((fs::last_write_time(dir.path() / "out1" / "app_schema.cpp") == before));
}

BOOST_AUTO_TEST_CASE(failed_generate_writes_the_depfile_but_no_code) {
  temp_directory dir;
  dir.write("m/001_bad.sql", "SELECT '1\n");
  const auto result = run({"generate", "--dir", (dir.path() / "m").string(), "--output-dir",
                           (dir.path() / "out").string(), "--namespace", "app", "--header", "app.hpp", "--depfile",
                           (dir.path() / "out/app.d").string()});
  BOOST_TEST(result.exit_code == 1);
  BOOST_TEST(fs::exists(dir.path() / "out/app.d"));
  BOOST_TEST(!fs::exists(dir.path() / "out/app.hpp"));
  BOOST_TEST(!fs::exists(dir.path() / "out/app.cpp"));
}

BOOST_AUTO_TEST_CASE(check_stamp_skips_a_current_run_silently_and_regenerates_after_an_edit) {
  // What the Make build runs on every build (cmake/AddEmbeddedMigrations.cmake).
  temp_directory dir;
  write_valid_set(dir, "m");
  const auto out = dir.path() / "out";
  const auto args = std::vector<std::string>{
      "generate", "--dir", (dir.path() / "m").string(), "--output-dir", out.string(), "--namespace", "app",
      "--header", "app.hpp", "--depfile", (out / "app.d").string(), "--stamp", (out / "app.stamp").string(),
      "--check-stamp", "--comment", "Embedding app"};
  const auto first = run(args);
  BOOST_TEST(first.exit_code == 0);
  BOOST_TEST(first.output == "Embedding app\n");
  BOOST_TEST(read_bytes(out / "app.d").rfind((out / "app.stamp").string() + ":", 0) == 0u);
  const auto stamp_time = fs::last_write_time(out / "app.stamp");
  const auto second = run(args);
  BOOST_TEST(second.exit_code == 0);
  BOOST_TEST(second.output == "");
  BOOST_TEST((fs::last_write_time(out / "app.stamp") == stamp_time));
  auto other = args;
  other[6] = "app2";  // another namespace: the stamp records the arguments
  BOOST_TEST(run(other).output == "Embedding app\n");
  BOOST_TEST(run(other).output == "");
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  dir.write("m/002_tags.sql", "CREATE TABLE tags (name TEXT, note TEXT);\n");
  BOOST_TEST(run(other).output == "Embedding app\n");
  BOOST_TEST(contains(read_bytes(out / "app.cpp"), "note TEXT"));
  BOOST_TEST(run({"generate", "--dir", "m", "--output-dir", "o", "--namespace", "a", "--header", "a.hpp",
                  "--check-stamp"}).exit_code == 2);
}

BOOST_AUTO_TEST_CASE(allow_empty_generates_an_empty_set) {
  temp_directory dir;
  fs::create_directories(dir.path() / "m");
  const auto args = std::vector<std::string>{"generate", "--dir", (dir.path() / "m").string(), "--output-dir",
                                             (dir.path() / "out").string(), "--namespace", "app", "--header",
                                             "app.hpp"};
  BOOST_TEST(run(args).exit_code == 1);
  auto allowed = args;
  allowed.push_back("--allow-empty");
  BOOST_TEST(run(allowed).exit_code == 0);
  BOOST_TEST(fs::exists(dir.path() / "out/app.cpp"));
}

BOOST_AUTO_TEST_CASE(no_migration_makes_the_build_touch_a_file_outside_its_output) {
  // Each runs alone from an empty working directory; afterwards that directory
  // must hold exactly the migrations and the generator's own output.
  const std::vector<std::pair<std::string, std::string>> hostile = {
      {"001_attach.sql", "ATTACH 'evil.db' AS evil;\n"},
      {"001_attach_uri.sql", "-- no-transaction\nATTACH 'file:evil-uri.db?mode=rwc' AS evil;\n"},
      {"001_attach_absolute.sql", "ATTACH '@DIR@/absolute.db' AS evil;\n"},
      {"001_attach_temporary.sql", "-- no-transaction\nATTACH '' AS scratch;\n"},
      {"001_vacuum_into.sql", "-- no-transaction\nVACUUM INTO 'evil-vacuum.db';\n"},
      {"001_vacuum_into_absolute.sql", "-- no-transaction\nVACUUM main INTO '@DIR@/absolute-vacuum.db';\n"},
      {"001_load_extension.sql", "SELECT load_extension('@DIR@/evil');\n"},
      {"001_temp_directory.sql", "PRAGMA temp_store_directory = '@DIR@/tmp';\n"},
      {"001_allowed_vacuum_and_wal.sql", "-- no-transaction\nCREATE TABLE t (x);\nVACUUM;\nPRAGMA journal_mode = WAL;\n"},
  };
  for (const auto& [filename, sql_template] : hostile) {
    BOOST_TEST_CONTEXT(filename) {
      temp_directory dir;
      std::string sql = sql_template;
      for (auto at = sql.find("@DIR@"); at != std::string::npos; at = sql.find("@DIR@")) {
        sql.replace(at, 5, dir.path().string());
      }
      dir.write("migrations/" + filename, sql);
      const auto result = run({"generate", "--dir", "migrations", "--output-dir", "out", "--namespace", "app",
                               "--header", "app.hpp", "--depfile", "out/app.d"},
                              dir.path());
      const bool allowed = filename == "001_allowed_vacuum_and_wal.sql";
      BOOST_TEST(result.exit_code == (allowed ? 0 : 1), result.output);
      if (!allowed) BOOST_TEST(contains(result.output, "not allowed in a migration"), result.output);

      std::set<std::string> files;
      for (const auto& entry : fs::recursive_directory_iterator(dir.path())) {
        files.insert(fs::relative(entry.path(), dir.path()).generic_string());
      }
      std::set<std::string> expected = {"migrations", "migrations/" + filename, "out", "out/app.d"};
      if (allowed) expected.insert({"out/app.hpp", "out/app.cpp"});
      BOOST_TEST(files == expected, boost::test_tools::per_element());
    }
  }
}

// --- the workflow commands: new, status, apply --------------------------------

BOOST_AUTO_TEST_CASE(new_status_and_apply_work_together) {
  temp_directory dir;
  const auto cwd = dir.path();
  const auto created = run({"new", "create_users"}, cwd);
  BOOST_TEST(created.exit_code == 0, created.output);
  BOOST_TEST(created.output == "created migrations/001_create_users.sql\n");
  BOOST_TEST(!contains(read_bytes(cwd / "migrations/001_create_users.sql"), "001_create_users"));
  // The new file holds no statement yet: like a placeholder, it checks as a migration that runs nothing.
  BOOST_TEST(run({"check", "--dir", "migrations"}, cwd).exit_code == 0);
  dir.write("migrations/001_create_users.sql",
            read_bytes(cwd / "migrations/001_create_users.sql") + "CREATE TABLE users (id INTEGER PRIMARY KEY);\n");
  BOOST_TEST(run({"new", "add_email"}, cwd).output == "created migrations/002_add_email.sql\n");
  dir.write("migrations/002_add_email.sql", "ALTER TABLE users ADD COLUMN email TEXT;\n");

  const auto before = run({"status", "--db", "app.db", "--exit-code"}, cwd);
  BOOST_TEST(before.exit_code == 3, before.output);
  BOOST_TEST(contains(before.output, "001_create_users.sql  pending"), before.output);
  BOOST_TEST(contains(before.output, "app.db (does not exist yet): 0 applied, 2 pending"), before.output);
  BOOST_TEST(contains(before.output, "migrations: needs any SQLite 3; this SQLite is "), before.output);
  BOOST_TEST(!fs::exists(cwd / "app.db"));  // status never creates the database
  BOOST_TEST(run({"status", "--db", "app.db"}, cwd).exit_code == 0);  // without --exit-code, only a report

  const auto applied = run({"apply", "--db", "app.db"}, cwd);
  BOOST_TEST(applied.exit_code == 0, applied.output);
  BOOST_TEST(contains(applied.output, "applying [1/2] 001_create_users.sql ...\napplied  [1/2] 001_create_users.sql in "),
             applied.output);
  BOOST_TEST(contains(applied.output, "app.db: 2 migrations applied"));
  BOOST_TEST(contains(run({"apply", "--db", "app.db"}, cwd).output, "app.db is up to date (2 applied)"));

  const auto after = run({"status", "--db", "app.db", "--exit-code"}, cwd);
  BOOST_TEST(after.exit_code == 0, after.output);
  BOOST_TEST(contains(after.output, "app.db: 2 applied, 0 pending, 0 modified, 0 incomplete, 0 unknown"));

  dir.write("migrations/002_add_email.sql", "ALTER TABLE users ADD COLUMN email TEXT NOT NULL DEFAULT '';\n");
  const auto modified = run({"status", "--db", "app.db", "--exit-code"}, cwd);
  BOOST_TEST(modified.exit_code == 3);
  BOOST_TEST(contains(modified.output, "002_add_email.sql     modified"), modified.output);
  const auto refused = run({"apply", "--db", "app.db"}, cwd);
  BOOST_TEST(refused.exit_code == 1);
  BOOST_TEST(contains(refused.output, "error [checksum_mismatch]: 002_add_email.sql was changed after it was applied"),
             refused.output);

  // Renumbered after it ran: status shows the name it was applied as.
  fs::rename(cwd / "migrations/002_add_email.sql", cwd / "migrations/003_add_email.sql");
  dir.write("migrations/002_add_phone.sql", "ALTER TABLE users ADD COLUMN phone TEXT;\n");
  const auto renumbered = run({"status", "--db", "app.db"}, cwd);
  BOOST_TEST(contains(renumbered.output, "version applied as 002_add_email.sql: renumbered after it ran"),
             renumbered.output);
  fs::remove(cwd / "migrations/002_add_phone.sql");
  fs::rename(cwd / "migrations/003_add_email.sql", cwd / "migrations/002_add_email.sql");

  for (const char* command : {"status", "apply"}) {
    const auto bad_table = run({command, "--db", "app.db", "--table", "1st"}, cwd);
    BOOST_TEST(bad_table.exit_code == 2, bad_table.output);
    BOOST_TEST(contains(bad_table.output, "invalid tracking table name \"1st\""), bad_table.output);
  }
  auto view = test_support::open_database((cwd / "view.db").string());
  test_support::exec(view.get(), "CREATE VIEW migrations AS SELECT 1 AS version");
  const auto invalid = run({"status", "--db", "view.db"}, cwd);
  BOOST_TEST(invalid.exit_code == 1, invalid.output);
  BOOST_TEST(contains(invalid.output, "error [tracking_table_invalid]: the tracking table"), invalid.output);

  fs::remove(cwd / "migrations/002_add_email.sql");
  const auto ahead = run({"status", "--db", "app.db", "--exit-code"}, cwd);
  BOOST_TEST(ahead.exit_code == 3);
  BOOST_TEST(contains(ahead.output, "unknown"), ahead.output);
}

BOOST_AUTO_TEST_CASE(new_follows_timestamps_and_refuses_bad_descriptions) {
  temp_directory dir;
  dir.write("m/20240101120000_first.sql", "SELECT 1;\n");
  const auto created = run({"new", "second", "--dir", "m"}, dir.path());
  BOOST_TEST(created.exit_code == 0, created.output);
  BOOST_TEST(contains(created.output, "created m/20"), created.output);
  BOOST_TEST(created.output.size() == std::string("created m/20240101120000_second.sql\n").size(), created.output);
  const auto spaced = run({"new", "add users", "--dir", "m"}, dir.path());
  BOOST_TEST(spaced.exit_code == 0, spaced.output);
  BOOST_TEST(contains(spaced.output, "_add_users.sql\n"), spaced.output);
  const auto bad = run({"new", "café", "--dir", "m"}, dir.path());
  BOOST_TEST(bad.exit_code == 2);
  BOOST_TEST(contains(bad.output, "cannot describe a migration"), bad.output);
}

BOOST_AUTO_TEST_CASE(colour_only_when_asked_or_on_a_terminal) {
  temp_directory dir;
  dir.write("m/001_bad.sql", "SELECT '1\n");
  const auto piped = run({"check", "--dir", (dir.path() / "m").string()});
  BOOST_TEST(!contains(piped.output, "\x1b["));
  const auto forced = run({"check", "--dir", (dir.path() / "m").string(), "--color=always"});
  BOOST_TEST(contains(forced.output, "\x1b["));
  BOOST_TEST(contains(forced.output, "error:"));
  BOOST_TEST(run({"check", "--dir", (dir.path() / "m").string(), "--color=sometimes"}).exit_code == 2);
}

BOOST_AUTO_TEST_CASE(every_command_has_help_with_an_example) {
  for (const char* command : {"generate", "check", "new", "status", "apply", "import"}) {
    const auto help = run({command, "--help"});
    BOOST_TEST(help.exit_code == 0, command);
    BOOST_TEST(contains(help.output, "Example: embed-migrations "), command << ": " << help.output);
  }
}
