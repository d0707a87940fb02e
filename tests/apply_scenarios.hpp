// The states and faults of apply-test.cpp and reliability-test.cpp as
// scenarios that can be built again, identically: plan-test checks plan()
// against what apply() then does in each, noexcept-test each noexcept twin
// against its throwing form. Every scenario is built in the same directory,
// so messages that name a path are equal from one build to the next.
#pragma once

#include "faulty_vfs.hpp"
#include "test_database.hpp"

#include <embedded_migrations/embedded_migrations.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace test_support {

// One built scenario: the database and what apply() is called with.
struct scenario_run {
  std::filesystem::path dir;
  bool null_connection = false;
  database db;
  std::vector<database> others;  // connections holding locks
  migration_list migrations;
  std::optional<embedded_migrations::migration_set> custom_set;  // a set carrying more than migrations
  embedded_migrations::options opts;
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> stepping{nullptr, sqlite3_finalize};

  scenario_run() = default;
  scenario_run(const scenario_run&) = delete;
  scenario_run& operator=(const scenario_run&) = delete;
  ~scenario_run() { faulty_vfs::fail_writes = false; }

  std::string path() const { return (dir / "app.db").string(); }
  sqlite3* connection() const { return null_connection ? nullptr : db.get(); }
  embedded_migrations::migration_set set() const { return custom_set ? *custom_set : migrations.set(); }
};

struct scenario {
  const char* name;
  std::function<void(scenario_run&)> build;
};

// Builds `s` in `dir`, emptied first.
inline std::unique_ptr<scenario_run> build(const scenario& s, const std::filesystem::path& dir) {
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  auto run = std::make_unique<scenario_run>();
  run->dir = dir;
  s.build(*run);
  return run;
}

namespace scenario_steps {

inline migration_list three() {
  migration_list m;
  m.add(1, "001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT);\n");
  m.add(2, "002_posts.sql", "CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER);\n");
  m.add(3, "003_tags.sql", "CREATE TABLE tags (name TEXT);\n");
  return m;
}

inline migration_list first_of_three() {
  migration_list m;
  m.add(1, "001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT);\n");
  return m;
}

inline void open(scenario_run& run) { run.db = open_database(run.path()); }

// The database with the first `count` of three() applied, left open.
inline void applied(scenario_run& run, int count) {
  open(run);
  migration_list m;
  const auto list = three();
  const auto all = list.set();
  for (int i = 0; i < count; ++i) {
    m.add(all[static_cast<std::size_t>(i)].version, std::string(all[static_cast<std::size_t>(i)].filename),
          std::string(all[static_cast<std::size_t>(i)].sql));
  }
  embedded_migrations::apply(run.db.get(), m.set());
}

// Migrations 1 and 3 applied, then the set of three: 2 is out of order.
inline void applied_out_of_order(scenario_run& run) {
  open(run);
  migration_list skip = first_of_three();
  skip.add(3, "003_tags.sql", "CREATE TABLE tags (name TEXT);\n");
  embedded_migrations::apply(run.db.get(), skip.set());
  run.migrations = three();
}

inline std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline void write_file(const std::filesystem::path& file, const std::string& bytes) {
  std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
}

}  // namespace scenario_steps

inline std::vector<scenario> apply_scenarios() {
  using namespace scenario_steps;
  using namespace embedded_migrations;
  using namespace std::chrono_literals;
  return {
      {"a new database", [](scenario_run& r) { open(r); r.migrations = three(); }},
      {"an up-to-date database", [](scenario_run& r) { applied(r, 3); r.migrations = three(); }},
      {"a partly migrated database", [](scenario_run& r) { applied(r, 1); r.migrations = three(); }},
      {"a failing migration after a successful one",
       [](scenario_run& r) {
         applied(r, 1);
         r.migrations = first_of_three();
         r.migrations.add(2, "002_posts.sql", "CREATE TABLE posts (id INTEGER PRIMARY KEY);\n");
         r.migrations.add(3, "003_broken.sql", "-- comment\n\n  INSERT INTO nowhere VALUES (1);\n");
       }},
      {"a syntax error", [](scenario_run& r) {
         open(r);
         r.migrations.add(1, "001_typo.sql", "CREATE TABLE t (x);\n   SELEC 1;\n");
       }},
      {"a migration edited after it ran",
       [](scenario_run& r) {
         applied(r, 3);
         r.migrations = first_of_three();
         r.migrations.add(2, "002_posts.sql", "CREATE TABLE posts (id INTEGER PRIMARY KEY, edited INTEGER);\n");
       }},
      {"a database a newer binary migrated", [](scenario_run& r) { applied(r, 3); r.migrations = first_of_three(); }},
      {"a database ahead, tolerated",
       [](scenario_run& r) {
         applied(r, 3);
         r.migrations = first_of_three();
         r.opts.allow_unknown_applied = true;
       }},
      {"an out-of-order migration, applied", [](scenario_run& r) { applied_out_of_order(r); }},
      {"an out-of-order migration, refused",
       [](scenario_run& r) {
         applied_out_of_order(r);
         r.opts.out_of_order = out_of_order_policy::fail;
       }},
      {"a baseline", [](scenario_run& r) {
         open(r);
         exec(r.db.get(), "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT)");
         r.migrations = three();
         r.opts.baseline_version = 1;
       }},
      {"a database sqlx migrated", [](scenario_run& r) {
         open(r);
         exec(r.db.get(),
              "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT);"
              "CREATE TABLE _sqlx_migrations (version BIGINT PRIMARY KEY, description TEXT NOT NULL, installed_on "
              "TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, success BOOLEAN NOT NULL, checksum BLOB NOT NULL, "
              "execution_time BIGINT NOT NULL);"
              "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) VALUES "
              "(1, 'users', TRUE, x'00', 1);");
         r.migrations = three();
         r.opts.adopt_from = adopt_format::sqlx;
       }},
      {"atomic mode with a -- no-transaction migration", [](scenario_run& r) {
         open(r);
         r.migrations = first_of_three();
         r.migrations.add(2, "002_index.sql", "-- no-transaction\nCREATE TABLE t (x);\n", false);
         r.opts.atomic = true;
       }},
      {"a read-only connection", [](scenario_run& r) {
         applied(r, 1);
         r.db = open_database(r.path(), SQLITE_OPEN_READONLY);
         r.migrations = three();
       }},
      {"a connection with query_only on", [](scenario_run& r) {
         applied(r, 1);
         exec(r.db.get(), "PRAGMA query_only = ON");
         r.migrations = three();
       }},
      {"an unfinished -- no-transaction migration", [](scenario_run& r) {
         applied(r, 1);
         exec(r.db.get(), "INSERT INTO migrations (version, filename) VALUES (2, '002_index.sql')");
         r.migrations = first_of_three();
         r.migrations.add(2, "002_index.sql", "-- no-transaction\nCREATE TABLE t (x);\n", false);
         r.opts.busy_timeout = 20ms;
       }},
      {"an SQLite older than the set needs", [](scenario_run& r) {
         open(r);
         r.migrations = three();
         const auto base = r.migrations.set();
         r.custom_set = migration_set(base.begin(), base.size(), "", 3999000, "");
       }},
      {"a negative busy timeout", [](scenario_run& r) { open(r); r.migrations = three(); r.opts.busy_timeout = -1ms; }},
      {"an invalid tracking table name",
       [](scenario_run& r) { open(r); r.migrations = three(); r.opts.table_name = "1st"; }},
      {"a view as the tracking table", [](scenario_run& r) {
         open(r);
         exec(r.db.get(), "CREATE VIEW migrations AS SELECT 1 AS version, 'x' AS filename, 'y' AS checksum, "
                          "'z' AS applied_at");
         r.migrations = three();
       }},
      {"an open transaction", [](scenario_run& r) { open(r); r.migrations = three(); exec(r.db.get(), "BEGIN"); }},
      {"a statement still being stepped", [](scenario_run& r) {
         open(r);
         r.migrations = three();
         sqlite3_stmt* raw = nullptr;
         sqlite3_prepare_v2(r.db.get(), "SELECT 1 UNION ALL SELECT 2", -1, &raw, nullptr);
         r.stepping.reset(raw);
         sqlite3_step(raw);
       }},
      {"a NUL byte in a migration", [](scenario_run& r) {
         open(r);
         r.migrations.add(1, "001_nul.sql", std::string("SELECT 1;\n\0x", 12));
       }},
      {"a file that is not a database", [](scenario_run& r) {
         write_file(r.path(), std::string(4096, 'x'));
         open(r);
         r.migrations = three();
       }},
      {"a corrupt database", [](scenario_run& r) {
         applied(r, 3);
         r.db.reset();
         auto bytes = read_file(r.path());
         for (std::size_t i = 100; i < 4096 && i < bytes.size(); ++i) bytes[i] = static_cast<char>(0xA5);
         write_file(r.path(), bytes);
         open(r);
         r.migrations = three();
       }},
      {"a lock held past the busy timeout", [](scenario_run& r) {
         applied(r, 1);
         r.others.push_back(open_database(r.path()));
         exec(r.others.back().get(), "BEGIN EXCLUSIVE");
         r.migrations = three();
         r.opts.busy_timeout = 30ms;
       }},
      {"a full disk", [](scenario_run& r) {
         applied(r, 3);
         r.migrations = three();
         r.migrations.add(4, "004_bulk.sql",
                          "CREATE TABLE bulk (payload TEXT);\n"
                          "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)\n"
                          "INSERT INTO bulk SELECT printf('%.200c', 'x') FROM n;\n");
         const auto pages = std::stoi(rows(r.db.get(), "PRAGMA page_count").front());
         exec(r.db.get(), "PRAGMA max_page_count = " + std::to_string(pages + 20));
       }},
      {"an I/O error", [](scenario_run& r) {
         faulty_vfs::install();
         applied(r, 1);
         sqlite3* raw = nullptr;
         sqlite3_open_v2(r.path().c_str(), &raw, SQLITE_OPEN_READWRITE, faulty_vfs::name);
         r.db.reset(raw);
         r.migrations = three();
         faulty_vfs::fail_writes = true;
       }},
      {"an empty database filled from the snapshot", [](scenario_run& r) {
         open(r);
         r.migrations = three();
         const auto base = r.migrations.set();
         r.custom_set = migration_set(base.begin(), base.size(), "", "",
                                      "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT);\n"
                                      "CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER);\n"
                                      "CREATE TABLE tags (name TEXT);\n",
                                      "");
         r.opts.fresh_from_snapshot = true;
       }},
      {"an empty database for the snapshot, on a query_only connection", [](scenario_run& r) {
         open(r);
         exec(r.db.get(), "PRAGMA query_only = ON");
         r.migrations = three();
         const auto base = r.migrations.set();
         r.custom_set = migration_set(base.begin(), base.size(), "", "", "CREATE TABLE users (id INTEGER);\n", "");
         r.opts.fresh_from_snapshot = true;
       }},
      {"a version too large for user_version", [](scenario_run& r) {
         open(r);
         r.migrations.add(std::int64_t{1} << 40, "1099511627776_big.sql", "CREATE TABLE t (x);\n");
         r.opts.sync_user_version = true;
       }},
      {"a backup", [](scenario_run& r) {
         applied(r, 1);
         r.migrations = three();
         r.opts.backup = (r.dir / "before.db").string();
       }},
      {"a backup over an existing file", [](scenario_run& r) {
         applied(r, 1);
         r.migrations = three();
         write_file(r.dir / "before.db", "someone else's");
         r.opts.backup = (r.dir / "before.db").string();
       }},
      {"a backup of an in-memory database", [](scenario_run& r) {
         r.db = open_database();
         r.migrations = three();
         r.opts.backup = (r.dir / "before.db").string();
       }},
      {"a backup, then a failing migration", [](scenario_run& r) {
         applied(r, 1);
         r.migrations = first_of_three();
         r.migrations.add(2, "002_broken.sql", "INSERT INTO nowhere VALUES (1);\n");
         r.opts.backup = (r.dir / "before.db").string();
       }},
      {"no connection", [](scenario_run& r) { r.null_connection = true; r.migrations = three(); }},
  };
}

}  // namespace test_support
