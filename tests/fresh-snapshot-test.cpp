// options::fresh_from_snapshot: what the build calls eligible gives an empty
// database exactly what running the migrations gives it; what it cannot
// prove is refused, with the reason, at build time and by apply().
//
// Groups: --- equivalence --- (the sample set, and a set built with seed data)
//         --- the verdict --- --- apply() ---
#define BOOST_TEST_MODULE fresh_snapshot
#include <boost/test/unit_test.hpp>

#include <seeded_migrations.hpp>  // tests/data/seeded, built with SEED_DIRECTORY and FRESH_SNAPSHOT

#include "checksum.hpp"
#include "schema/fresh_snapshot.hpp"
#include "migration_directory.hpp"
#include "temp_directory.hpp"
#include "test_database.hpp"

#include <chrono>
#include <future>
#include <string>
#include <thread>
#include <vector>

using namespace embedded_migrations;
using generator::loaded_migration;
using test_support::exec;
using test_support::open_database;
using test_support::rows;

namespace {

struct built_set {
  std::vector<loaded_migration> files;
  std::vector<migration> views;
  generator::fresh_snapshot verdict;

  bool foreign_keys = false;

  built_set(std::vector<std::string> sql, std::vector<generator::declared_function> functions = {},
            bool foreign_keys_on = false)
      : foreign_keys(foreign_keys_on) {
    for (std::size_t i = 0; i < sql.size(); ++i) {
      const bool transactional = sql[i].rfind("-- no-transaction", 0) != 0;
      files.push_back({static_cast<std::int64_t>(i + 1), "00" + std::to_string(i + 1) + "_m.sql", sql[i],
                       generator::sha256_hex(sql[i]), transactional});
    }
    for (const auto& f : files) views.push_back({f.version, f.filename, f.sql, f.checksum, f.transactional});
    verdict = generator::make_fresh_snapshot(files, functions, "migrations", {}, foreign_keys);
  }
  migration_set set() const {
    return migration_set(views.data(), views.size(), {}, 0, {}, {}, verdict.script, verdict.refusal,
                         foreign_keys ? foreign_keys_mode::on : foreign_keys_mode::off);
  }
};

// Everything a migration can leave behind: schema, every row of every table, counters.
std::vector<std::string> everything(sqlite3* db) {
  auto all = rows(db, "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name");
  for (const auto& table : rows(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'sqlite_sequence' "
                                    "ORDER BY name")) {
    const std::string columns = table == "migrations" ? "version, filename, checksum" : "*";
    std::vector<std::string> table_rows;
    try {
      table_rows = rows(db, "SELECT rowid, " + columns + " FROM \"" + table + "\" ORDER BY rowid");
    } catch (const std::runtime_error&) {  // WITHOUT ROWID: in primary-key order
      table_rows = rows(db, "SELECT " + columns + " FROM \"" + table + "\"");
    }
    for (auto& row : table_rows) all.push_back(table + ": " + row);
  }
  for (auto& row : rows(db, "SELECT name, seq FROM sqlite_sequence ORDER BY name")) all.push_back("seq: " + row);
  return all;
}

const std::vector<std::string> eligible_sql = {
    "CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, score REAL,\n"
    "  avatar BLOB, upper_name TEXT GENERATED ALWAYS AS (upper(name)) STORED);\n"
    "INSERT INTO users (name, score, avatar) VALUES ('ann', 0.1, x'00ff'), ('bob''s', 1e300, NULL), ('tmp', 2, 3);\n"
    "DELETE FROM users WHERE name = 'tmp';\n",
    "CREATE TABLE a_posts (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id), body TEXT);\n"
    "CREATE TABLE kv (k TEXT PRIMARY KEY, v) WITHOUT ROWID;\n"
    "CREATE TABLE loose (x);\n"
    "INSERT INTO users (name) VALUES ('cy');\n"
    "INSERT INTO a_posts (user_id, body) VALUES (1, 'hello'), (4, lower('WORLD'));\n"
    "INSERT INTO kv VALUES ('b', 2), ('a', 1);\n"
    "INSERT INTO loose (rowid, x) VALUES (7, 'seven'), (3, 'three');\n"
    "CREATE INDEX posts_by_user ON a_posts (user_id);\n"
    "CREATE VIEW names AS SELECT name FROM users;\n"
    "CREATE TRIGGER users_audit AFTER INSERT ON users BEGIN INSERT INTO loose (x) VALUES (new.name); END;\n"};

// Applies `set` migration by migration to one new database and from its
// snapshot to another: the snapshot records every migration, and both end
// with the same schema and rows.
void expect_snapshot_equivalent(const migration_set& set) {
  auto migrated = open_database();
  apply(migrated.get(), set);
  auto fresh = open_database();
  options opts;
  opts.fresh_from_snapshot = true;
  BOOST_TEST(apply(fresh.get(), set, opts).baselined == set.size());
  BOOST_TEST(everything(fresh.get()) == everything(migrated.get()), boost::test_tools::per_element());
}

}  // namespace

// --- equivalence ---

BOOST_AUTO_TEST_CASE(a_fresh_database_gets_exactly_what_running_the_migrations_gives) {
  const built_set built(eligible_sql);
  BOOST_REQUIRE_MESSAGE(!built.verdict.script.empty(), built.verdict.refusal);
  auto migrated = open_database();
  exec(migrated.get(), "PRAGMA foreign_keys = ON");
  apply(migrated.get(), built.set());

  auto fresh = open_database();
  exec(fresh.get(), "PRAGMA foreign_keys = ON");  // rows go in by table name: checks are deferred to the commit
  options opts;
  opts.fresh_from_snapshot = true;
  std::vector<std::int64_t> baselined;
  opts.on_event = [&](const event& e) {
    if (e.kind == event_kind::baselined) baselined.push_back(e.version);
  };
  const auto result = apply(fresh.get(), built.set(), opts);
  BOOST_TEST(result.baselined == 2u);
  BOOST_TEST(result.applied.empty());
  BOOST_TEST((baselined == std::vector<std::int64_t>{1, 2}));
  BOOST_TEST(everything(fresh.get()) == everything(migrated.get()), boost::test_tools::per_element());
  // The trigger exists, and did not fire for the snapshot's rows.
  BOOST_TEST(rows(fresh.get(), "SELECT count(*) FROM loose").front() == "2");
  BOOST_TEST(apply(fresh.get(), built.set(), opts).was_up_to_date());
}

BOOST_AUTO_TEST_CASE(a_set_built_with_foreign_keys_on_is_replayed_so_for_its_snapshot) {
  // The cascade removes the duplicate child before the unique index: the set
  // replays only with foreign keys on, as the build's check replayed it.
  const built_set built({"CREATE TABLE parents (id INTEGER PRIMARY KEY);\n"
                         "CREATE TABLE children (parent INTEGER REFERENCES parents(id) ON DELETE CASCADE, name TEXT);\n"
                         "INSERT INTO parents VALUES (1), (2);\n"
                         "INSERT INTO children VALUES (1, 'twin'), (2, 'twin');\n"
                         "DELETE FROM parents WHERE id = 1;\n"
                         "CREATE UNIQUE INDEX children_name ON children(name);\n"},
                        {}, true);
  BOOST_REQUIRE_MESSAGE(!built.verdict.script.empty(), built.verdict.refusal);
  expect_snapshot_equivalent(built.set());
}

BOOST_AUTO_TEST_CASE(the_sample_set_gets_the_same_schema_and_rows_from_the_snapshot) {
  // migrations/ as the demo ships it, read as the generator reads it.
  const auto loaded = generator::load_migration_directory(SAMPLE_MIGRATIONS_DIR, false);
  BOOST_REQUIRE(!loaded.has_errors());
  std::vector<std::string> sql;
  for (const auto& m : loaded.migrations) sql.push_back(m.sql);
  const built_set built(sql);
  BOOST_REQUIRE_MESSAGE(!built.verdict.script.empty(), built.verdict.refusal);
  BOOST_TEST(built.set().size() == loaded.migrations.size());
  expect_snapshot_equivalent(built.set());
}

BOOST_AUTO_TEST_CASE(a_set_built_with_seed_data_gets_the_same_schema_and_rows_and_no_seed_row) {
  // The build replayed the set on its seeds' rows; the snapshot it embedded
  // holds the rows the migrations insert, and not one of the seeds'.
  const auto& set = seeded::migrations();
  BOOST_REQUIRE_MESSAGE(!set.fresh_snapshot().empty(), set.fresh_snapshot_refusal());
  BOOST_TEST(std::string(set.fresh_snapshot()).find("seed-") == std::string::npos);
  auto migrated = open_database();
  exec(migrated.get(), "PRAGMA foreign_keys = ON");
  apply(migrated.get(), set);
  auto fresh = open_database();
  exec(fresh.get(), "PRAGMA foreign_keys = ON");
  options opts;
  opts.fresh_from_snapshot = true;
  BOOST_TEST(apply(fresh.get(), set, opts).baselined == set.size());
  const auto all = everything(fresh.get());
  BOOST_TEST(all == everything(migrated.get()), boost::test_tools::per_element());
  for (const auto& row : all) BOOST_TEST(row.find("seed-") == std::string::npos, row);
  // The AUTOINCREMENT counter too: the seeds' two accounts never happened.
  BOOST_TEST(rows(fresh.get(), "SELECT seq FROM sqlite_sequence WHERE name = 'accounts'").front() == "1");
  BOOST_TEST(rows(fresh.get(), "SELECT plan FROM accounts").front() == "staff");
}

BOOST_AUTO_TEST_CASE(the_script_is_deterministic) {
  BOOST_TEST(built_set(eligible_sql).verdict.script == built_set(eligible_sql).verdict.script);
}

// --- the verdict ---

BOOST_AUTO_TEST_CASE(what_cannot_be_proved_equivalent_is_refused_naming_the_file_and_the_cause) {
  const auto refusal = [](std::vector<std::string> sql, std::vector<generator::declared_function> functions = {}) {
    const built_set built(std::move(sql), std::move(functions));
    BOOST_TEST(built.verdict.script.empty());
    return built.verdict.refusal;
  };
  const std::string table = "CREATE TABLE t (x);\n";
  BOOST_TEST(refusal({table, "-- no-transaction\nVACUUM;\n"}) ==
             "002_m.sql runs outside a transaction (-- no-transaction)");
  BOOST_TEST(refusal({table, "INSERT INTO t VALUES (random());\n"}) ==
             "002_m.sql writes rows and calls random(), whose result can differ on each run");
  BOOST_TEST(refusal({table + "INSERT INTO t VALUES (datetime('now'));\n"}) ==
             "001_m.sql writes rows and calls datetime(), whose result can differ on each run");
  BOOST_TEST(refusal({table + "INSERT INTO t VALUES (uuid());\n"}, {{"uuid", 0}}) ==
             "001_m.sql writes rows and calls uuid(), whose result can differ on each run");
  BOOST_TEST(refusal({table, "PRAGMA user_version = 7;\n"}) ==
             "002_m.sql sets PRAGMA user_version, which the snapshot does not carry");
  BOOST_TEST(refusal({"CREATE VIRTUAL TABLE docs USING fts5(body);\n"}).find("docs") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(non_deterministic_functions_that_write_no_rows_do_not_matter) {
  const built_set built({"CREATE TABLE t (id INTEGER PRIMARY KEY, token TEXT DEFAULT (hex(randomblob(8))));\n"
                         "SELECT random();\n"});
  BOOST_TEST(built.verdict.refusal.empty());
  BOOST_TEST(!built.verdict.script.empty());
}

// --- apply() ---

BOOST_AUTO_TEST_CASE(apply_refuses_the_option_for_a_set_that_is_not_eligible) {
  options opts;
  opts.fresh_from_snapshot = true;
  auto db = open_database();
  const built_set refused({"CREATE TABLE t (x);\n", "INSERT INTO t VALUES (random());\n"});
  const auto error = test_support::apply_error(db.get(), refused.set(), opts);
  BOOST_TEST(error.code() == error_code::invalid_argument);
  BOOST_TEST(std::string(error.what()).find("002_m.sql writes rows and calls random()") != std::string::npos,
             error.what());
  test_support::migration_list by_hand;
  by_hand.add(1, "001_t.sql", "CREATE TABLE t (x);");
  const auto undecided = test_support::apply_error(db.get(), by_hand.set(), opts);
  BOOST_TEST(std::string(undecided.what()).find("FRESH_SNAPSHOT") != std::string::npos, undecided.what());
  BOOST_TEST(rows(db.get(), "SELECT count(*) FROM sqlite_master").front() == "0");
}

BOOST_AUTO_TEST_CASE(a_database_that_is_not_empty_is_migrated_as_usual) {
  const built_set built(eligible_sql);
  options opts;
  opts.fresh_from_snapshot = true;
  auto db = open_database();
  apply(db.get(), migration_set(built.views.data(), 1));
  const auto result = apply(db.get(), built.set(), opts);
  BOOST_TEST(result.applied.size() == 1u);
  BOOST_TEST(result.baselined == 0u);

  auto other = open_database();
  exec(other.get(), "CREATE TABLE unrelated (x);");
  BOOST_TEST(apply(other.get(), built.set(), opts).applied.size() == 2u);
}

// Concurrent starts on a new file: one holds the write lock, and the fresh
// start waits for it as apply() does instead of failing with "database is locked".
BOOST_AUTO_TEST_CASE(a_fresh_start_waits_for_another_connections_lock_as_apply_does) {
  using namespace std::chrono_literals;
  const built_set built(eligible_sql);
  test_support::temp_directory dir;
  const auto path = (dir.path() / "app.db").string();
  auto holder = open_database(path);
  auto db = open_database(path);
  options opts;
  opts.fresh_from_snapshot = true;
  opts.busy_timeout = 10s;
  exec(holder.get(), "BEGIN IMMEDIATE");
  auto release = std::async(std::launch::async, [&] {  // joined however apply() returns
    std::this_thread::sleep_for(200ms);
    exec(holder.get(), "COMMIT");
  });
  const auto result = apply(db.get(), built.set(), opts);
  BOOST_TEST(result.baselined == built.views.size());
}
