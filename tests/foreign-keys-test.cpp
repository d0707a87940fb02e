// The set's foreign-key mode at runtime (FOREIGN_KEYS in add_embedded_migrations):
// apply() runs the migrations with PRAGMA foreign_keys as the build replayed
// them, gives the application its own setting back, and with foreign keys on
// never commits a migration that leaves rows pointing nowhere.
//
// Groups: the mode and the app's setting · dangling rows in a transaction ·
// dangling rows in a -- no-transaction migration · embed-migrations apply.
#define BOOST_TEST_MODULE foreign_keys
#include <boost/test/unit_test.hpp>

#include "embed_migrations_process.hpp"
#include "temp_directory.hpp"
#include "test_database.hpp"

#include <embedded_migrations/embedded_migrations.hpp>

using namespace embedded_migrations;
using namespace test_support;

namespace {

const char* const parent_and_child =
    "CREATE TABLE parent (id INTEGER PRIMARY KEY);\n"
    "CREATE TABLE child (parent_id INTEGER REFERENCES parent (id));\n";

std::string foreign_keys_of(sqlite3* db) { return rows(db, "PRAGMA foreign_keys").front(); }

bool mentions(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

// --- the mode and the app's setting ---

BOOST_AUTO_TEST_CASE(a_set_built_with_foreign_keys_on_runs_with_them_on_and_gives_the_app_its_setting_back) {
  auto db = open_database();
  migration_list m;
  m.add(1, "001_tables.sql", parent_and_child);
  m.add(2, "002_orphan.sql", "INSERT INTO child VALUES (42);\n");
  BOOST_TEST(foreign_keys_of(db.get()) == "0");
  const auto error = apply_error(db.get(), m.set(foreign_keys_mode::on));
  BOOST_TEST(error.filename() == "002_orphan.sql");
  BOOST_TEST(mentions(error.what(), "FOREIGN KEY constraint failed"), error.what());
  BOOST_TEST(foreign_keys_of(db.get()) == "0");  // the application's setting, given back
  BOOST_TEST(rows(db.get(), "SELECT count(*) FROM child").front() == "0");
}

BOOST_AUTO_TEST_CASE(a_set_built_with_foreign_keys_off_runs_with_them_off_though_the_app_turned_them_on) {
  auto db = open_database();
  exec(db.get(), "PRAGMA foreign_keys = ON");
  migration_list m;
  m.add(1, "001_tables.sql", parent_and_child);
  // Valid as the build replayed it: foreign keys off.
  m.add(2, "002_orphan.sql", "INSERT INTO child VALUES (42);\n");
  apply(db.get(), m.set(foreign_keys_mode::off));
  BOOST_TEST(rows(db.get(), "SELECT count(*) FROM child").front() == "1");
  BOOST_TEST(foreign_keys_of(db.get()) == "1");
}

BOOST_AUTO_TEST_CASE(a_hand_built_set_leaves_the_connections_setting_alone) {
  auto db = open_database();
  exec(db.get(), "PRAGMA foreign_keys = ON");
  migration_list m;
  m.add(1, "001_tables.sql", parent_and_child);
  m.add(2, "002_orphan.sql", "INSERT INTO child VALUES (42);\n");
  BOOST_TEST(apply_error(db.get(), m.set()).filename() == "002_orphan.sql");
}

BOOST_AUTO_TEST_CASE(a_no_transaction_migration_that_turns_foreign_keys_off_does_not_turn_them_off_for_the_next) {
  auto db = open_database();
  migration_list m;
  m.add(1, "001_tables.sql", parent_and_child);
  m.add(2, "002_off.sql", "-- no-transaction\nPRAGMA foreign_keys = OFF;\n", false);
  m.add(3, "003_orphan.sql", "INSERT INTO child VALUES (42);\n");
  const auto error = apply_error(db.get(), m.set(foreign_keys_mode::on));
  BOOST_TEST(error.filename() == "003_orphan.sql");
  BOOST_TEST(foreign_keys_of(db.get()) == "0");
}

// --- dangling rows in a transaction ---

BOOST_AUTO_TEST_CASE(deferred_violations_fail_the_migration_before_commit_naming_the_table) {
  auto db = open_database();
  migration_list m;
  m.add(1, "001_tables.sql",
        "CREATE TABLE parent (id INTEGER PRIMARY KEY);\n"
        "CREATE TABLE child (parent_id INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED);\n");
  apply(db.get(), m.set(foreign_keys_mode::on));
  const auto before = schema_dump(db.get());
  m.add(2, "002_orphans.sql", "CREATE TABLE other (x);\nINSERT INTO child VALUES (7), (8);\n");
  const auto error = apply_error(db.get(), m.set(foreign_keys_mode::on));
  BOOST_TEST(error.code() == error_code::migration_failed);
  BOOST_TEST(error.filename() == "002_orphans.sql");
  BOOST_TEST(mentions(error.what(), "child (2 rows)"), error.what());
  BOOST_TEST(mentions(error.what(), "rolled back"), error.what());
  BOOST_TEST(schema_dump(db.get()) == before, boost::test_tools::per_element());

  // Atomic mode too: the whole batch is rolled back.
  options atomic;
  atomic.atomic = true;
  const auto batch = apply_error(db.get(), m.set(foreign_keys_mode::on), atomic);
  BOOST_TEST(batch.filename() == "002_orphans.sql");
  BOOST_TEST(mentions(batch.what(), "child (2 rows)"), batch.what());
  BOOST_TEST(schema_dump(db.get()) == before, boost::test_tools::per_element());
}

// PRAGMA defer_foreign_keys = OFF makes SQLite forget the violations it was
// counting for the commit (sqlite3 pragma.c, at prepare time), so the count
// at the end cannot be trusted alone.
BOOST_AUTO_TEST_CASE(turning_defer_foreign_keys_off_does_not_let_dangling_rows_through) {
  const std::string forget =
      "PRAGMA defer_foreign_keys = ON;\nINSERT INTO child VALUES (42);\nPRAGMA defer_foreign_keys = OFF;\n";
  for (const bool atomic : {false, true}) {
    auto db = open_database();
    migration_list m;
    m.add(1, "001_tables.sql", parent_and_child);
    apply(db.get(), m.set(foreign_keys_mode::on));
    const auto before = schema_dump(db.get());
    m.add(2, "002_orphan.sql", forget);
    options opts;
    opts.atomic = atomic;
    const auto error = apply_error(db.get(), m.set(foreign_keys_mode::on), opts);
    BOOST_TEST(error.filename() == "002_orphan.sql");
    BOOST_TEST(mentions(error.what(), "child (1 row)"), error.what());
    BOOST_TEST(schema_dump(db.get()) == before, boost::test_tools::per_element());
    BOOST_TEST(rows(db.get(), "SELECT count(*) FROM child").front() == "0");
  }
  // In a -- no-transaction migration's own transaction: refused at its COMMIT.
  auto db = open_database();
  migration_list m;
  m.add(1, "001_tables.sql", parent_and_child);
  m.add(2, "002_orphan.sql", "-- no-transaction\nBEGIN;\n" + forget + "COMMIT;\n", false);
  const auto error = apply_error(db.get(), m.set(foreign_keys_mode::on));
  BOOST_TEST(error.line() == 6, error.what());
  BOOST_TEST(mentions(error.what(), "nothing of it was applied"), error.what());
  BOOST_TEST(rows(db.get(), "SELECT count(*) FROM child").front() == "0");

  // Violations the migration resolves itself are no reason to fail.
  migration_list fixed;
  fixed.add(1, "001_tables.sql", parent_and_child);
  fixed.add(2, "002_fixed.sql", forget + "INSERT INTO parent VALUES (42);\n");
  BOOST_TEST(apply(db.get(), fixed.set(foreign_keys_mode::on)).applied.size() == 1u);
}

// --- dangling rows in a -- no-transaction migration ---

BOOST_AUTO_TEST_CASE(a_table_rebuild_that_skips_the_foreign_key_check_is_refused_at_its_commit) {
  temp_directory dir;
  auto db = open_database((dir.path() / "rebuild.db").string());
  migration_list m;
  m.add(1, "001_tables.sql", std::string(parent_and_child) + "INSERT INTO parent VALUES (1);\nINSERT INTO child VALUES (1);\n");
  apply(db.get(), m.set(foreign_keys_mode::on));
  const auto before = schema_dump(db.get());
  // SQLite's 12-step rebuild of `parent`, without step 10 (foreign_key_check):
  // the new table lost the row the child points to.
  m.add(2, "002_rebuild_parent.sql",
        "-- no-transaction\n"
        "PRAGMA foreign_keys = OFF;\n"
        "BEGIN;\n"
        "CREATE TABLE new_parent (id INTEGER PRIMARY KEY, name TEXT);\n"
        "DROP TABLE parent;\n"
        "ALTER TABLE new_parent RENAME TO parent;\n"
        "COMMIT;\n"
        "PRAGMA foreign_keys = ON;\n",
        false);
  const auto error = apply_error(db.get(), m.set(foreign_keys_mode::on));
  BOOST_TEST(error.filename() == "002_rebuild_parent.sql");
  BOOST_TEST(error.line() == 7);
  BOOST_TEST(mentions(error.what(), "this COMMIT would leave rows whose foreign keys point to no row"), error.what());
  BOOST_TEST(mentions(error.what(), "child (1 row)"), error.what());
  BOOST_TEST(mentions(error.what(), "nothing of it was applied"), error.what());
  BOOST_TEST(schema_dump(db.get()) == before, boost::test_tools::per_element());  // the claim is gone too
  BOOST_TEST(foreign_keys_of(db.get()) == "0");

  // The same rebuild with foreign keys off in the set is the app's choice.
  auto off = open_database((dir.path() / "off.db").string());
  apply(off.get(), m.set(foreign_keys_mode::off));
  BOOST_TEST(rows(off.get(), "SELECT count(*) FROM parent").front() == "0");
}

BOOST_AUTO_TEST_CASE(dangling_rows_committed_outside_any_transaction_leave_the_migration_incomplete) {
  auto db = open_database();
  migration_list m;
  m.add(1, "001_tables.sql", parent_and_child);
  m.add(2, "002_orphan.sql",
        "-- no-transaction\nPRAGMA foreign_keys = OFF;\nINSERT INTO child VALUES (3);\nPRAGMA foreign_keys = ON;\n",
        false);
  const auto error = apply_error(db.get(), m.set(foreign_keys_mode::on));
  BOOST_TEST(error.filename() == "002_orphan.sql");
  BOOST_TEST(mentions(error.what(), "the migration leaves rows whose foreign keys point to no row"), error.what());
  BOOST_TEST(mentions(error.what(), "marks it incomplete"), error.what());
  const auto listed = status(db.get(), m.set(foreign_keys_mode::on));
  BOOST_TEST(listed.at(1).state == migration_state::incomplete);
}

// --- embed-migrations apply ---

BOOST_AUTO_TEST_CASE(the_cli_applies_in_the_mode_it_replayed_in) {
  temp_directory dir;
  dir.write("set/001_tables.sql",
            "CREATE TABLE parent (id INTEGER PRIMARY KEY);\n"
            "CREATE TABLE child (parent_id INTEGER REFERENCES parent (id) ON DELETE CASCADE);\n");
  dir.write("set/002_clear.sql", "DELETE FROM parent;\n");  // valid either way on the replay's empty tables
  for (const std::string mode : {"on", "off"}) {
    const auto path = (dir.path() / (mode + ".db")).string();
    const auto first = run({"apply", "--dir", (dir.path() / "set").string(), "--db", path, "--foreign-keys", mode});
    BOOST_TEST(first.exit_code == 0, first.output);
    {
      auto db = open_database(path);
      exec(db.get(), "DELETE FROM migrations WHERE version = 2; INSERT INTO parent VALUES (1); INSERT INTO child VALUES (1)");
    }
    const auto second = run({"apply", "--dir", (dir.path() / "set").string(), "--db", path, "--foreign-keys", mode});
    BOOST_TEST(second.exit_code == 0, second.output);
    auto db = open_database(path);
    // ON DELETE CASCADE acts only with foreign keys on.
    BOOST_TEST(rows(db.get(), "SELECT count(*) FROM child").front() == (mode == "on" ? "0" : "1"), mode);
  }
}
