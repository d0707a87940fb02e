// verify_schema(): a database altered by hand is caught for every kind of
// object; databases that cannot be compared say why; nothing is ever written.
// Also options::verify_schema in apply(), and the destructive event.
//
// Groups: --- drift by object kind --- --- states --- --- apply() ---
#define BOOST_TEST_MODULE verify_schema
#include <boost/test/unit_test.hpp>

#include "temp_directory.hpp"
#include "test_database.hpp"

#include "detail/schema/canonical_schema.hpp"
#include "detail/schema/schema_text.hpp"

#include <embedded_migrations/verify_schema.hpp>

using namespace embedded_migrations;
using test_support::exec;
using test_support::open_database;

namespace {

const std::string create_users = "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL);\n";
const std::string index_and_view =
    "CREATE INDEX users_email ON users (email);\n"
    "CREATE VIEW user_emails AS SELECT email FROM users;\n"
    "CREATE TRIGGER users_no_blank BEFORE INSERT ON users WHEN new.email = '' BEGIN SELECT RAISE(ABORT, 'blank'); END;\n";

// Two migrations and the schema text the generator would embed for them.
struct fixture {
  test_support::migration_list list;
  std::string schema;

  fixture() {
    list.add(1, "001_users.sql", create_users).add(2, "002_more.sql", index_and_view);
    auto scratch = open_database();
    apply(scratch.get(), list.set());
    schema = detail::schema::to_text(detail::schema::read_schema(scratch.get()), {2, std::nullopt});
  }
  migration_set set() const {
    const auto plain = list.set();
    return migration_set(plain.begin(), plain.size(), {}, schema);
  }
};

schema_report drift_after(const std::string& manual_change) {
  fixture f;
  auto db = open_database();
  apply(db.get(), f.set());
  exec(db.get(), manual_change);
  return verify_schema(db.get(), f.set());
}

bool has(const schema_report& report, schema_difference_kind kind, const std::string& type, const std::string& name) {
  for (const auto& d : report.differences) {
    if (d.kind == kind && d.type == type && d.name == name) return true;
  }
  return false;
}

}  // namespace

// --- drift by object kind ---

BOOST_AUTO_TEST_CASE(a_freshly_migrated_database_has_no_drift) {
  fixture f;
  auto db = open_database();
  apply(db.get(), f.set());
  const auto report = verify_schema(db.get(), f.set());
  BOOST_TEST(report.state == schema_state::comparable);
  BOOST_TEST(report.differences.empty());
  BOOST_TEST(!report.has_drift());
}

BOOST_AUTO_TEST_CASE(tables_added_or_dropped_by_hand_are_unexpected_or_missing) {
  const auto added = drift_after("CREATE TABLE scratch (x);");
  BOOST_TEST(added.has_drift());
  BOOST_TEST(has(added, schema_difference_kind::unexpected, "table", "scratch"));
  BOOST_TEST(added.differences[0].actual_sql == "CREATE TABLE scratch (x)");

  const auto dropped = drift_after("DROP VIEW user_emails; DROP TABLE users;");
  BOOST_TEST(has(dropped, schema_difference_kind::missing, "table", "users"));
  BOOST_TEST(has(dropped, schema_difference_kind::missing, "index", "users_email"));
  BOOST_TEST(has(dropped, schema_difference_kind::missing, "trigger", "users_no_blank"));
}

BOOST_AUTO_TEST_CASE(a_column_added_by_hand_changes_the_table_with_both_texts) {
  const auto report = drift_after("ALTER TABLE users ADD COLUMN nickname TEXT;");
  BOOST_REQUIRE(report.differences.size() == 1u);
  const auto& d = report.differences[0];
  BOOST_TEST((d.kind == schema_difference_kind::changed && d.type == "table" && d.name == "users"));
  BOOST_TEST(d.expected_sql == "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL)");
  BOOST_TEST(d.actual_sql == "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL, nickname TEXT)");
  BOOST_TEST(describe(report).find("table users: changed") == 0u);
}

BOOST_AUTO_TEST_CASE(indexes_views_and_triggers_altered_by_hand_are_found) {
  BOOST_TEST(has(drift_after("DROP INDEX users_email;"), schema_difference_kind::missing, "index", "users_email"));
  BOOST_TEST(has(drift_after("CREATE INDEX users_id_email ON users (id, email);"), schema_difference_kind::unexpected,
                 "index", "users_id_email"));
  BOOST_TEST(has(drift_after("DROP VIEW user_emails; CREATE VIEW user_emails AS SELECT email, id FROM users;"),
                 schema_difference_kind::changed, "view", "user_emails"));
  BOOST_TEST(has(drift_after("DROP TRIGGER users_no_blank;"), schema_difference_kind::missing, "trigger",
                 "users_no_blank"));
  BOOST_TEST(has(drift_after("CREATE TRIGGER audit AFTER DELETE ON users BEGIN SELECT 1; END;"),
                 schema_difference_kind::unexpected, "trigger", "audit"));
}

BOOST_AUTO_TEST_CASE(ignored_tables_take_their_indexes_and_triggers_with_them) {
  fixture f;
  auto db = open_database();
  apply(db.get(), f.set());
  exec(db.get(), "CREATE TABLE goose_db_version (id); CREATE INDEX goose_id ON goose_db_version (id);");
  BOOST_TEST(verify_schema(db.get(), f.set()).differences.size() == 2u);
  BOOST_TEST(!verify_schema(db.get(), f.set(), {}, {"goose_db_version"}).has_drift());
}

// --- states ---

BOOST_AUTO_TEST_CASE(only_a_database_recording_exactly_the_set_is_comparable) {
  fixture f;
  auto db = open_database();
  BOOST_TEST(verify_schema(db.get(), f.set()).state == schema_state::not_up_to_date);
  test_support::migration_list first;
  first.add(1, "001_users.sql", create_users);
  apply(db.get(), first.set());
  BOOST_TEST(verify_schema(db.get(), f.set()).state == schema_state::not_up_to_date);
  apply(db.get(), f.set());
  BOOST_TEST(verify_schema(db.get(), f.set()).state == schema_state::comparable);

  exec(db.get(), "INSERT INTO migrations (version, filename, checksum) VALUES (3, '003_newer.sql', 'x')");
  BOOST_TEST(verify_schema(db.get(), f.set()).state == schema_state::database_ahead);
  exec(db.get(), "DELETE FROM migrations WHERE version = 3; UPDATE migrations SET checksum = 'edited' WHERE version = 2");
  BOOST_TEST(verify_schema(db.get(), f.set()).state == schema_state::checksum_mismatch);

  const auto report = verify_schema(db.get(), f.list.set());
  BOOST_TEST(report.state == schema_state::no_embedded_schema);
  BOOST_TEST(report.differences.empty());
}

BOOST_AUTO_TEST_CASE(verifying_never_writes_even_on_a_read_only_connection) {
  fixture f;
  test_support::temp_directory dir;
  const auto path = (dir.path() / "app.db").string();
  open_database(path);  // an empty file: no tracking table
  {
    auto db = open_database(path, SQLITE_OPEN_READONLY);
    BOOST_TEST(verify_schema(db.get(), f.set()).state == schema_state::not_up_to_date);
    BOOST_TEST(!test_support::table_exists(db.get(), "migrations"));
  }
  {
    auto db = open_database(path);
    apply(db.get(), f.set());
    exec(db.get(), "CREATE TABLE scratch (x);");
  }
  auto db = open_database(path, SQLITE_OPEN_READONLY);
  const auto before = test_support::schema_dump(db.get());
  BOOST_TEST(verify_schema(db.get(), f.set()).has_drift());
  BOOST_TEST(test_support::schema_dump(db.get()) == before);
}

BOOST_AUTO_TEST_CASE(an_embedded_schema_for_another_version_is_refused) {
  fixture f;
  const auto plain = f.list.set();
  const std::string wrong = std::string(detail::schema::text_banner) + "\n-- version: 1\n";
  auto db = open_database();
  apply(db.get(), plain);
  BOOST_CHECK_THROW(verify_schema(db.get(), migration_set(plain.begin(), plain.size(), {}, wrong)), migration_error);
}

// A newer binary migrating while this one verifies (a rolling update): the
// tracking table and the schema are read from one snapshot, so the newer
// migration is either unseen or seen as the database being ahead, never as
// drift. The application's progress handler stands in for the other process,
// deterministically, in WAL mode where it can commit during our read.
BOOST_AUTO_TEST_CASE(a_migration_committed_while_verifying_is_never_reported_as_drift) {
  fixture f;
  test_support::temp_directory dir;
  const auto path = (dir.path() / "app.db").string();
  auto db = open_database(path);
  exec(db.get(), "PRAGMA journal_mode = WAL");
  apply(db.get(), f.set());
  auto newer = open_database(path);
  auto newer_list = f.list;
  newer_list.add(3, "003_extra.sql", "CREATE TABLE extra (x);\n");
  struct context {
    sqlite3* newer;
    migration_set set;
    bool done = false;
  } other{newer.get(), newer_list.set()};
  sqlite3_progress_handler(
      db.get(), 1,
      [](void* raw) {
        auto& c = *static_cast<context*>(raw);
        if (!c.done) apply(c.newer, c.set);
        c.done = true;
        return 0;
      },
      &other);
  const auto report = verify_schema(db.get(), f.set());
  sqlite3_progress_handler(db.get(), 0, nullptr, nullptr);
  BOOST_TEST_REQUIRE(other.done);
  BOOST_TEST(test_support::rows(db.get(), "SELECT count(*) FROM migrations").front() == "3");  // it did commit
  BOOST_TEST(report.differences.empty(), describe(report));
}

// --- apply() ---

BOOST_AUTO_TEST_CASE(apply_with_verify_schema_throws_schema_drift_naming_the_difference) {
  fixture f;
  auto db = open_database();
  test_support::migration_list first;
  first.add(1, "001_users.sql", create_users);
  apply(db.get(), first.set());
  exec(db.get(), "ALTER TABLE users ADD COLUMN by_hand TEXT;");
  options opts;
  opts.verify_schema = true;
  const auto error = test_support::apply_error(db.get(), f.set(), opts);
  BOOST_TEST(error.code() == error_code::schema_drift);
  BOOST_TEST(std::string(error.what()).find("by_hand") != std::string::npos, error.what());
  BOOST_TEST(std::string(error.what()).find("new migration") != std::string::npos, error.what());
  // The migrations themselves were applied and stay so; the next start fails the same way.
  BOOST_TEST(test_support::table_exists(db.get(), "migrations"));
  BOOST_TEST(test_support::apply_error(db.get(), f.set(), opts).code() == error_code::schema_drift);
}

BOOST_AUTO_TEST_CASE(apply_with_verify_schema_passes_a_clean_database_and_refuses_a_set_without_schema) {
  fixture f;
  auto db = open_database();
  options opts;
  opts.verify_schema = true;
  BOOST_TEST(apply(db.get(), f.set(), opts).applied.size() == 2u);
  BOOST_TEST(apply(db.get(), f.set(), opts).was_up_to_date());
  BOOST_TEST(test_support::apply_error(db.get(), f.list.set(), opts).code() == error_code::invalid_argument);
}

BOOST_AUTO_TEST_CASE(a_destructive_migration_is_announced_before_it_starts) {
  const migration list[] = {
      {1, "001_a.sql", "CREATE TABLE a (x, legacy);", "c1", true},
      {2, "002_drop.sql", "ALTER TABLE a DROP COLUMN legacy;", "c2", true, "drops column a.legacy"},
  };
  std::vector<std::string> seen;
  options opts;
  opts.on_event = [&](const event& e) {
    if (e.kind == event_kind::destructive) seen.push_back("destructive " + std::string(e.message));
    if (e.kind == event_kind::started) seen.push_back("started " + std::string(e.filename));
  };
  auto db = open_database();
  apply(db.get(), migration_set(list, 2), opts);
  const std::vector<std::string> expected{"started 001_a.sql", "destructive drops column a.legacy",
                                          "started 002_drop.sql"};
  BOOST_TEST(seen == expected, boost::test_tools::per_element());
}
