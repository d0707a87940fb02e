// embed-migrations apply --dry-run and --backup, and restore, run as a process.
#define BOOST_TEST_MODULE cli_apply
#include <boost/test/unit_test.hpp>

#include "embed_migrations_process.hpp"
#include "temp_directory.hpp"
#include "test_database.hpp"

#include <filesystem>

using test_support::contains;
using test_support::read_bytes;
using test_support::run;
using test_support::temp_directory;
namespace fs = std::filesystem;

namespace {

struct project : temp_directory {
  project() {
    write("migrations/001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);\n");
    write("migrations/002_tags.sql", "CREATE TABLE tags (name TEXT);\n");
  }
  test_support::run_result apply(std::vector<std::string> extra = {}) const {
    std::vector<std::string> args{"apply", "--db", "app.db"};
    args.insert(args.end(), extra.begin(), extra.end());
    return run(args, path());
  }
};

}  // namespace

// --- --dry-run -----------------------------------------------------------------

BOOST_AUTO_TEST_CASE(a_dry_run_prints_the_plan_exits_3_when_something_is_pending_and_writes_nothing) {
  project p;
  const auto fresh = p.apply({"--dry-run"});
  BOOST_TEST(fresh.exit_code == 3, fresh.output);
  BOOST_TEST(contains(fresh.output, "app.db (a new database): apply would write 2 migrations (version 0 to 2)\n"
                                    "  apply  001_users.sql\n  apply  002_tags.sql\n"),
             fresh.output);
  BOOST_TEST(!fs::exists(p.path() / "app.db"));

  BOOST_TEST(p.apply().exit_code == 0);
  const auto bytes = read_bytes(p.path() / "app.db");
  p.write("migrations/003_notes.sql", "CREATE TABLE notes (body TEXT);\n");
  const auto one = p.apply({"--dry-run", "--backup", "before.db"});
  BOOST_TEST(one.exit_code == 3, one.output);
  BOOST_TEST(contains(one.output, "app.db: apply would write 1 migration (version 2 to 3)\n  apply  003_notes.sql\n"
                                  "  backup before.db first\n"),
             one.output);
  BOOST_TEST((read_bytes(p.path() / "app.db") == bytes));
  BOOST_TEST(!fs::exists(p.path() / "before.db"));

  BOOST_TEST(p.apply().exit_code == 0);
  const auto none = p.apply({"--dry-run"});
  BOOST_TEST(none.exit_code == 0, none.output);
  BOOST_TEST(contains(none.output, "app.db is up to date (3 applied); apply would write nothing"), none.output);
}

BOOST_AUTO_TEST_CASE(a_dry_run_reports_the_error_apply_would_stop_at) {
  project p;
  BOOST_TEST(p.apply().exit_code == 0);
  p.write("migrations/002_tags.sql", "CREATE TABLE tags (name TEXT NOT NULL);\n");
  const auto edited = p.apply({"--dry-run"});
  BOOST_TEST(edited.exit_code == 1, edited.output);
  BOOST_TEST(contains(edited.output, "error [checksum_mismatch]: 002_tags.sql was changed after it was applied"),
             edited.output);
  // The plan line must not contradict the error: apply would stop, not find the database up to date.
  BOOST_TEST(!contains(edited.output, "up to date"), edited.output);
  BOOST_TEST(contains(edited.output, "app.db: apply would stop at the error below and write nothing\n"),
             edited.output);

  fs::remove(p.path() / "app.db");
  p.write("app.db", "not a database\n");
  const auto garbage = p.apply({"--dry-run"});
  BOOST_TEST(garbage.exit_code == 1, garbage.output);
  BOOST_TEST(!contains(garbage.output, "up to date"), garbage.output);
  BOOST_TEST(contains(garbage.output, "error [not_a_database]"), garbage.output);
  // A fault of the database file names the file, as an error about a migration names the migration.
  for (const std::string command : {"apply", "status"}) {
    const auto named = run({command, "--db", "app.db"}, p.path());
    BOOST_TEST(named.exit_code == 1, named.output);
    BOOST_TEST(contains(named.output, "error [not_a_database]: app.db: cannot read the database schema"), named.output);
  }
}

BOOST_AUTO_TEST_CASE(a_dry_run_plans_with_every_option_apply_takes) {
  project p;
  p.write("migrations/003_vacuum.sql", "-- no-transaction\nVACUUM;\n");
  const auto atomic = p.apply({"--dry-run", "--atomic"});
  BOOST_TEST(atomic.exit_code == 1, atomic.output);
  BOOST_TEST(contains(atomic.output, "error [invalid_argument]: options::atomic cannot include 003_vacuum.sql"),
             atomic.output);

  { test_support::open_database((p.path() / "app.db").string()); }  // an existing, empty database
  const auto baseline = p.apply({"--dry-run", "--baseline", "2"});
  BOOST_TEST(baseline.exit_code == 3, baseline.output);
  BOOST_TEST(!contains(baseline.output, "apply  001_users.sql"), baseline.output);
  BOOST_TEST(contains(baseline.output, "001_users.sql"), baseline.output);
  BOOST_TEST(contains(baseline.output, "apply  003_vacuum.sql"), baseline.output);
}

BOOST_AUTO_TEST_CASE(a_database_path_that_cannot_be_opened_is_named_with_the_remedy) {
  project p;
  fs::create_directories(p.path() / "dir.db");
  for (const std::string command : {"apply", "status"}) {
    const auto directory = run({command, "--db", "dir.db"}, p.path());
    BOOST_TEST(directory.exit_code == 1, directory.output);
    BOOST_TEST(contains(directory.output, "cannot open dir.db: "), directory.output);
    BOOST_TEST(contains(directory.output, "it is a directory: name the database file in it"), directory.output);
  }
  const auto missing = run({"apply", "--db", "no/such/dir/app.db"}, p.path());
  BOOST_TEST(missing.exit_code == 1, missing.output);
  BOOST_TEST(contains(missing.output, "in a directory that exists"), missing.output);
}

// --- --backup ------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(backup_copies_the_database_before_the_first_write_and_never_over_a_file) {
  project p;
  BOOST_TEST(p.apply({"--backup", "unused.db"}).exit_code == 0);
  BOOST_TEST(!fs::exists(p.path() / "unused.db"));  // a new database: nothing to copy

  p.write("migrations/003_notes.sql", "CREATE TABLE notes (body TEXT);\n");
  const auto upgraded = p.apply({"--backup", "before.db"});
  BOOST_TEST(upgraded.exit_code == 0, upgraded.output);
  BOOST_TEST(contains(upgraded.output, "copied app.db to before.db first\n"), upgraded.output);
  auto copy = test_support::open_database((p.path() / "before.db").string(), SQLITE_OPEN_READONLY);
  BOOST_TEST(test_support::rows(copy.get(), "SELECT count(*) FROM migrations").front() == "2");

  p.write("migrations/004_more.sql", "CREATE TABLE more (x);\n");
  const auto again = p.apply({"--backup", "before.db"});
  BOOST_TEST(again.exit_code == 1, again.output);
  BOOST_TEST(contains(again.output, "error [backup_failed]: options::backup: before.db already exists"), again.output);

  const auto usage = p.apply({"--backup-keep", "2"});
  BOOST_TEST(usage.exit_code == 2, usage.output);
  BOOST_TEST(contains(usage.output, "--backup-keep needs --backup"), usage.output);
}

// --- restore -------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(a_failed_upgrade_names_the_restore_command_which_gives_back_the_database_as_it_was) {
  project p;
  BOOST_TEST(p.apply().exit_code == 0);
  {
    // Rows the build's replay never sees: a unique index over them passes the build and fails here.
    auto db = test_support::open_database((p.path() / "app.db").string());
    test_support::exec(db.get(), "INSERT INTO tags VALUES ('a'), ('a')");
  }
  const auto schema_before = test_support::rows(
      test_support::open_database((p.path() / "app.db").string()).get(), "SELECT sql FROM sqlite_schema ORDER BY name");
  p.write("migrations/003_notes.sql", "CREATE TABLE notes (body TEXT);\n");
  p.write("migrations/004_unique_tags.sql", "CREATE UNIQUE INDEX tags_by_name ON tags (name);\n");
  const auto failed = p.apply({"--backup", "before.db"});
  BOOST_TEST(failed.exit_code == 1, failed.output);
  BOOST_TEST(contains(failed.output, "note: to put it back: embed-migrations restore --db app.db --from before.db\n"),
             failed.output);

  const auto restored = run({"restore", "--db", "app.db", "--from", "before.db"}, p.path());
  BOOST_TEST(restored.exit_code == 0, restored.output);
  BOOST_TEST(contains(restored.output, "restored app.db from before.db\n"), restored.output);
  auto db = test_support::open_database((p.path() / "app.db").string(), SQLITE_OPEN_READONLY);
  BOOST_TEST(test_support::rows(db.get(), "SELECT count(*) FROM migrations").front() == "2");
  BOOST_TEST(test_support::rows(db.get(), "SELECT count(*) FROM sqlite_schema WHERE name = 'notes'").front() == "0");
  BOOST_TEST(test_support::rows(db.get(), "SELECT count(*) FROM tags").front() == "2");
  BOOST_TEST(test_support::rows(db.get(), "SELECT sql FROM sqlite_schema ORDER BY name") == schema_before);
}

BOOST_AUTO_TEST_CASE(restore_refuses_a_missing_database_or_backup_with_the_remedy) {
  project p;
  BOOST_TEST(p.apply().exit_code == 0);
  const auto no_database = run({"restore", "--db", "typo.db", "--from", "app.db"}, p.path());
  BOOST_TEST(no_database.exit_code == 1, no_database.output);
  BOOST_TEST(contains(no_database.output, "typo.db: no such database; give the path of the database"), no_database.output);
  BOOST_TEST(!fs::exists(p.path() / "typo.db"));

  const auto no_backup = run({"restore", "--db", "app.db", "--from", "missing.db"}, p.path());
  BOOST_TEST(no_backup.exit_code == 1, no_backup.output);
  BOOST_TEST(contains(no_backup.output, "error [backup_failed]"), no_backup.output);

  const auto usage = run({"restore", "--db", "app.db"}, p.path());
  BOOST_TEST(usage.exit_code == 2, usage.output);
}
