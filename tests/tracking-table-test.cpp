// The tracking table belongs to the runtime: a migration may neither read nor
// change it, its shape is checked the same way by apply() and status(), and
// its name comes from the option, the set, or the default.
//
// Groups: a migration touching the table · the table's name · its shape · renumbering.
#define BOOST_TEST_MODULE tracking_table
#include <boost/test/unit_test.hpp>

#include "temp_directory.hpp"
#include "test_database.hpp"

#include <embedded_migrations/embedded_migrations.hpp>

using namespace embedded_migrations;
using namespace test_support;

namespace {

migration_list first_two() {
  migration_list m;
  m.add(1, "001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);\n");
  m.add(2, "002_posts.sql", "CREATE TABLE posts (id INTEGER PRIMARY KEY);\n");
  return m;
}

const char* const attacks[] = {
    "DELETE FROM migrations;\n",
    "UPDATE migrations SET checksum = 'forged';\n",
    "INSERT INTO migrations (version, filename, checksum) VALUES (99, '099_x.sql', 'x');\n",
    "ALTER TABLE migrations RENAME TO history;\n",
    "DROP TABLE migrations;\n",
    "DROP TABLE migrations;\nCREATE TABLE IF NOT EXISTS migrations (version INTEGER, filename TEXT, checksum TEXT, "
    "applied_at TEXT);\n",
    "CREATE TEMP TABLE migrations (id INTEGER PRIMARY KEY AUTOINCREMENT, version INTEGER NOT NULL UNIQUE, "
    "filename TEXT NOT NULL UNIQUE, checksum TEXT, applied_at DATETIME DEFAULT CURRENT_TIMESTAMP);\n",
    "CREATE INDEX by_name ON migrations (filename);\n",
    "SELECT count(*) FROM migrations;\n",
    "CREATE TABLE copy AS SELECT * FROM migrations;\n",
};

}  // namespace

// --- a migration touching the table --------------------------------------------

BOOST_AUTO_TEST_CASE(a_migration_reading_or_changing_the_tracking_table_is_refused_and_named) {
  for (const bool transactional : {true, false}) {
    for (const std::string attack : attacks) {
      // A read inside a writing statement changes nothing; only a
      // -- no-transaction migration, where every statement is inspected,
      // refuses it at runtime (the build's replay refuses it everywhere).
      if (transactional && attack.rfind("CREATE TABLE copy", 0) == 0) continue;
      auto db = open_database();
      apply(db.get(), first_two().set());
      const auto before = schema_dump(db.get());
      migration_list m = first_two();
      m.add(3, "003_attack.sql",
            std::string(transactional ? "" : "-- no-transaction\n") + "CREATE TABLE tags (name TEXT);\n" + attack,
            transactional);
      const std::string context = (transactional ? "transactional: " : "no-transaction: ") + attack;
      BOOST_TEST_CHECKPOINT(context);
      const auto error = apply_error(db.get(), m.set());
      BOOST_TEST(error.code() == error_code::migration_failed, context);
      BOOST_TEST(error.line() == (transactional ? 2 : 3), context << error.what());
      BOOST_TEST(std::string(error.what()).find("tracking table \"migrations\"") != std::string::npos,
                 context << error.what());
      BOOST_TEST(rows(db.get(), "SELECT count(*) FROM temp.sqlite_master").front() == "0", context);
      if (transactional) {
        BOOST_TEST(schema_dump(db.get()) == before, boost::test_tools::per_element());
      } else {  // the statement before it committed; the claim marks the migration incomplete
        BOOST_TEST(rows(db.get(), "SELECT version, checksum IS NULL FROM main.migrations ORDER BY version") ==
                       (std::vector<std::string>{"1|0", "2|0", "3|1"}),
                   boost::test_tools::per_element());
      }
      BOOST_TEST(status(db.get(), first_two().set()).front().state == migration_state::applied, context);
    }
  }
}

BOOST_AUTO_TEST_CASE(a_refused_migration_leaves_every_later_start_working) {
  auto db = open_database();
  migration_list m = first_two();
  m.add(3, "003_attack.sql", "DELETE FROM migrations;\n");
  BOOST_TEST(apply_error(db.get(), m.set()).code() == error_code::migration_failed);
  migration_list fixed = first_two();
  fixed.add(3, "003_attack.sql", "CREATE TABLE tags (name TEXT);\n");
  BOOST_TEST(apply(db.get(), fixed.set()).applied.size() == 1u);
  BOOST_TEST(apply(db.get(), fixed.set()).was_up_to_date());
}

BOOST_AUTO_TEST_CASE(another_connection_writing_the_table_between_two_migrations_is_not_blamed_on_either) {
  temp_directory dir;
  const auto path = (dir.path() / "app.db").string();
  auto db = open_database(path);
  auto other = open_database(path);
  options opts;
  opts.allow_unknown_applied = true;
  opts.on_event = [&](const event& e) {  // between 001's commit and 002's lock
    if (e.kind == event_kind::applied && e.version == 1) {
      exec(other.get(), "INSERT INTO migrations (version, filename, checksum) VALUES (50, '050_other.sql', 'x')");
    }
  };
  migration_list m = first_two();
  m.add(3, "003_tags.sql", "CREATE TABLE tags (name TEXT);\n");
  BOOST_TEST(apply(db.get(), m.set(), opts).applied.size() == 3u);
  BOOST_TEST(rows(db.get(), "SELECT count(*) FROM migrations").front() == "4");
}

BOOST_AUTO_TEST_CASE(an_atomic_batch_touching_the_tracking_table_is_rolled_back_whole) {
  auto db = open_database();
  apply(db.get(), first_two().set());
  const auto before = schema_dump(db.get());
  migration_list m = first_two();
  m.add(3, "003_tags.sql", "CREATE TABLE tags (name TEXT);\n");
  m.add(4, "004_attack.sql", "CREATE TABLE more (x);\nUPDATE migrations SET checksum = 'x';\n");
  m.add(5, "005_later.sql", "CREATE TABLE later (x);\n");
  options opts;
  opts.atomic = true;
  const auto error = apply_error(db.get(), m.set(), opts);
  BOOST_TEST(error.filename() == "004_attack.sql");
  BOOST_TEST(error.line() == 2);
  BOOST_TEST(std::string(error.what()).find("tracking table \"migrations\"") != std::string::npos, error.what());
  BOOST_TEST(schema_dump(db.get()) == before, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_trigger_on_the_tracking_table_is_caught_when_it_acts_on_our_record) {
  const std::string trigger = "CREATE TRIGGER forget AFTER INSERT ON migrations BEGIN DELETE FROM migrations; END;\n";
  auto db = open_database();
  apply(db.get(), first_two().set());
  const auto before = schema_dump(db.get());
  // A small migration has every statement inspected: refused by line.
  migration_list m = first_two();
  m.add(3, "003_trigger.sql", trigger);
  const auto inspected = apply_error(db.get(), m.set());
  BOOST_TEST(inspected.code() == error_code::migration_failed);
  BOOST_TEST(inspected.line() == 1);
  BOOST_TEST(std::string(inspected.what()).find("tracking table \"migrations\"") != std::string::npos, inspected.what());
  BOOST_TEST(schema_dump(db.get()) == before, boost::test_tools::per_element());

  // A large one has its writing statements run uninspected (the fingerprint
  // guards them): the trigger is caught when it acts on our record.
  migration_list large = first_two();
  large.add(3, "003_trigger.sql",
            "CREATE TRIGGER forget AFTER INSERT ON migrations BEGIN DELETE FROM migrations WHERE '" +
                std::string(64 * 1024, 'x') + "' <> ''; END;\n");
  const auto error = apply_error(db.get(), large.set());
  BOOST_TEST(error.code() == error_code::tracking_table_invalid);
  BOOST_TEST(error.filename() == "003_trigger.sql");
  BOOST_TEST(std::string(error.what()).find("a trigger on the tracking table \"migrations\"") == 0u, error.what());
  BOOST_TEST(schema_dump(db.get()) == before, boost::test_tools::per_element());

  migration_list outside = first_two();  // inspected before it runs, so refused by line
  outside.add(3, "003_trigger.sql", "-- no-transaction\n" + trigger, false);
  const auto refused = apply_error(db.get(), outside.set());
  BOOST_TEST(refused.code() == error_code::migration_failed);
  BOOST_TEST(refused.line() == 2);
}

BOOST_AUTO_TEST_CASE(a_temp_table_shadowing_the_tracking_table_made_by_the_app_changes_nothing) {
  auto db = open_database();
  exec(db.get(), "CREATE TEMP TABLE migrations (version INTEGER, filename TEXT, checksum TEXT, applied_at TEXT)");
  apply(db.get(), first_two().set());
  BOOST_TEST(rows(db.get(), "SELECT count(*) FROM main.migrations").front() == "2");
  BOOST_TEST(rows(db.get(), "SELECT count(*) FROM temp.migrations").front() == "0");
  BOOST_TEST(apply(db.get(), first_two().set()).was_up_to_date());
}

// --- the table's name ------------------------------------------------------------

BOOST_AUTO_TEST_CASE(the_sets_table_is_used_unless_the_option_names_another) {
  const auto m = first_two();
  const migration_set named(m.set().begin(), m.set().size(), "schema_history");
  auto db = open_database();
  apply(db.get(), named);
  BOOST_TEST(table_exists(db.get(), "schema_history"));
  BOOST_TEST(!table_exists(db.get(), "migrations"));
  BOOST_TEST(status(db.get(), named).front().state == migration_state::applied);

  auto overridden = open_database();
  options other;
  other.table_name = "other_history";
  apply(overridden.get(), named, other);
  BOOST_TEST(table_exists(overridden.get(), "other_history"));
  BOOST_TEST(!table_exists(overridden.get(), "schema_history"));
  BOOST_TEST(status(overridden.get(), named, other).back().state == migration_state::applied);
  BOOST_TEST(status(overridden.get(), named).back().state == migration_state::pending);
}

// --- its shape -------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(a_view_or_a_table_of_another_shape_is_invalid_for_apply_and_status_alike) {
  for (const std::string setup :
       {"CREATE TABLE real_history (version INTEGER, filename TEXT, checksum TEXT, applied_at TEXT);"
        "CREATE VIEW migrations AS SELECT * FROM real_history",
        "CREATE VIEW migrations AS SELECT 1 AS version, '001_users.sql' AS filename, 'x' AS checksum, '' AS applied_at",
        "CREATE TABLE migrations (version INTEGER, filename TEXT, checksum TEXT)",
        "CREATE TABLE migrations (version TEXT, filename TEXT, checksum TEXT, applied_at TEXT)",
        "CREATE TABLE migrations (version INTEGER, filename BLOB, checksum TEXT, applied_at TEXT)",
        "CREATE TABLE migrations (version INTEGER, filename TEXT, checksum INTEGER, applied_at TEXT)"}) {
    auto db = open_database();
    exec(db.get(), setup);
    const auto before = schema_dump(db.get(), "none");
    BOOST_TEST(apply_error(db.get(), first_two().set()).code() == error_code::tracking_table_invalid, setup);
    try {
      status(db.get(), first_two().set());
      BOOST_ERROR("status() accepted: " + setup);
    } catch (const migration_error& e) {
      BOOST_TEST(e.code() == error_code::tracking_table_invalid, setup);
      BOOST_TEST(std::string(e.what()).find("options::table_name") != std::string::npos, e.what());
    }
    BOOST_TEST(schema_dump(db.get(), "none") == before, boost::test_tools::per_element());
  }
}

// --- renumbering -------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(a_renumbered_migration_says_which_file_was_applied_under_that_version) {
  auto db = open_database();
  migration_list dev_a;  // before the merge
  dev_a.add(4, "004_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);\n");
  dev_a.add(5, "005_add_email.sql", "ALTER TABLE users ADD COLUMN email TEXT;\n");
  apply(db.get(), dev_a.set());

  migration_list merged;
  merged.add(4, "004_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);\n");
  merged.add(5, "005_add_phone.sql", "ALTER TABLE users ADD COLUMN phone TEXT;\n");
  merged.add(6, "006_add_email.sql", "ALTER TABLE users ADD COLUMN email TEXT;\n");
  const auto error = apply_error(db.get(), merged.set());
  BOOST_TEST(error.code() == error_code::checksum_mismatch);
  const std::string message = error.what();
  BOOST_TEST(message.find("version 5 was applied as 005_add_email.sql; this build has 005_add_phone.sql") == 0u,
             message);
  BOOST_TEST(message.find("a migration's version must never change once applied") != std::string::npos, message);

  const auto list = status(db.get(), merged.set());
  BOOST_TEST(list[1].state == migration_state::modified);
  BOOST_TEST(list[1].filename == "005_add_phone.sql");
  BOOST_TEST(list[1].recorded_filename == "005_add_email.sql");
  BOOST_TEST(list[2].recorded_filename.empty());
}

// A statement that creates a b-tree opens it by a register holding its new
// root page (OPFLAG_P2ISREG): that register's number is no page number, and
// must not be taken for one of the tracking table's pages.
BOOST_AUTO_TEST_CASE(new_indexes_and_tables_are_not_taken_for_the_tracking_table) {
  auto db = open_database();
  migration_list m;
  m.add(1, "001_scratch.sql",
        "CREATE TABLE s (pad);\n"
        "INSERT INTO s VALUES (1), (2);\n"
        "CREATE TABLE sorted AS SELECT * FROM s ORDER BY pad;\n"
        "CREATE INDEX sorted_by_pad ON sorted (pad);\n"
        "CREATE UNIQUE INDEX s_pad ON s (pad);\n");
  m.add(2, "002_more.sql", "CREATE TABLE t AS SELECT pad FROM sorted;\nCREATE INDEX t_pad ON t (pad);\n");
  BOOST_TEST(apply(db.get(), m.set()).applied.size() == 2u);
}
