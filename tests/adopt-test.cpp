// options::adopt_from: a database another tool migrated carries on without
// re-running anything. Each tool's table is made with that tool's own SQLite
// DDL and the rows it writes, next to the schema its migrations made.
//
// Groups: --- per format --- (each ends with the schema of a fresh apply)
//         --- refusals ---   (dirty, failed, unknown versions, wrong tool; nothing written)
#define BOOST_TEST_MODULE adopt
#include <boost/test/unit_test.hpp>

#include "test_database.hpp"

#include <embedded_migrations/embedded_migrations.hpp>

using namespace embedded_migrations;
using namespace test_support;

namespace {

constexpr const char* users_sql = "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n";
constexpr const char* posts_sql =
    "CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users(id), body TEXT);\n"
    "CREATE INDEX posts_by_user ON posts (user_id);\n";
constexpr const char* email_sql = "ALTER TABLE users ADD COLUMN email TEXT;\n";

// Three migrations with the versions a tool gave them; the tool applied the first two.
migration_list three(std::int64_t v1, std::int64_t v2, std::int64_t v3) {
  migration_list m;
  m.add(v1, std::to_string(v1) + "_users.sql", users_sql);
  m.add(v2, std::to_string(v2) + "_posts.sql", posts_sql);
  m.add(v3, std::to_string(v3) + "_email.sql", email_sql);
  return m;
}

// The schema the tool's two migrations made, then its table as the tool left it.
database migrated_by(const std::string& tool_table_sql) {
  auto db = open_database();
  exec(db.get(), users_sql);
  exec(db.get(), posts_sql);
  exec(db.get(), tool_table_sql);
  return db;
}

std::vector<std::string> user_schema(sqlite3* db, const std::string& foreign_table) {
  return rows(db, "SELECT type, name, sql FROM sqlite_master WHERE name NOT IN ('migrations', 'sqlite_sequence', '" +
                      foreign_table + "') AND tbl_name <> '" + foreign_table + "' ORDER BY type, name");
}

std::vector<std::string> fresh_schema(const migration_list& m) {
  auto db = open_database();
  apply(db.get(), m.set());
  return user_schema(db.get(), "none");
}

// Adopts, then checks what every format must give: the tool's two migrations
// recorded without running, the third applied, the schema of a fresh apply,
// and the tool's table exactly as it was.
void check_adopted(sqlite3* db, const migration_list& m, adopt_format format, const std::string& foreign_table) {
  const auto before = rows(db, "SELECT * FROM \"" + foreign_table + "\"");
  options opts;
  opts.adopt_from = format;
  std::vector<std::string> adopted;
  opts.on_event = [&](const event& e) {
    if (e.kind == event_kind::adopted) adopted.push_back(std::string(e.filename));
  };
  const auto result = apply(db, m.set(), opts);
  BOOST_TEST(result.adopted == 2u);
  BOOST_TEST(adopted == (std::vector<std::string>{std::string(m.set()[0].filename), std::string(m.set()[1].filename)}),
             boost::test_tools::per_element());
  BOOST_REQUIRE_EQUAL(result.applied.size(), 1u);
  BOOST_TEST(result.applied[0].filename == m.set()[2].filename);
  BOOST_TEST(user_schema(db, foreign_table) == fresh_schema(m), boost::test_tools::per_element());
  BOOST_TEST(rows(db, "SELECT count(*) FROM migrations WHERE checksum IS NOT NULL").front() == "3");
  BOOST_TEST(rows(db, "SELECT * FROM \"" + foreign_table + "\"") == before, boost::test_tools::per_element());
  // The next start is an ordinary up-to-date one: the other table is not read again.
  BOOST_TEST(apply(db, m.set(), opts).was_up_to_date());
}

}  // namespace

// --- per format ---

BOOST_AUTO_TEST_CASE(sqlx_versions_with_success_are_adopted) {
  const auto m = three(20240101000001, 20240101000002, 20240101000003);
  auto db = migrated_by(
      "CREATE TABLE IF NOT EXISTS _sqlx_migrations (version BIGINT PRIMARY KEY, description TEXT NOT NULL, "
      "installed_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, success BOOLEAN NOT NULL, checksum BLOB NOT NULL, "
      "execution_time BIGINT NOT NULL);"
      "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) VALUES "
      "(20240101000001, 'users', TRUE, x'00', 1), (20240101000002, 'posts', TRUE, x'01', 1);");
  check_adopted(db.get(), m, adopt_format::sqlx, "_sqlx_migrations");
}

BOOST_AUTO_TEST_CASE(goose_newest_row_per_version_decides) {
  const auto m = three(1, 2, 3);
  // goose's marker row (version 0), then ups; version 3 went up and down again.
  auto db = migrated_by(
      "CREATE TABLE goose_db_version (id INTEGER PRIMARY KEY AUTOINCREMENT, version_id INTEGER NOT NULL, "
      "is_applied INTEGER NOT NULL, tstamp TIMESTAMP DEFAULT (datetime('now')));"
      "INSERT INTO goose_db_version (version_id, is_applied) VALUES (0, 1), (1, 1), (2, 1), (3, 1), (3, 0);");
  check_adopted(db.get(), m, adopt_format::goose, "goose_db_version");
}

BOOST_AUTO_TEST_CASE(golang_migrate_single_row_covers_every_older_version) {
  const auto m = three(1, 2, 3);
  auto db = migrated_by(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version uint64,dirty bool);"
      "CREATE UNIQUE INDEX IF NOT EXISTS version_unique ON schema_migrations (version);"
      "INSERT INTO schema_migrations (version, dirty) VALUES (2, false);");
  check_adopted(db.get(), m, adopt_format::golang_migrate, "schema_migrations");
}

BOOST_AUTO_TEST_CASE(dbmate_rows_are_adopted) {
  const auto m = three(20240101000001, 20240101000002, 20240101000003);
  auto db = migrated_by(
      "create table if not exists schema_migrations (version varchar(128) primary key);"
      "insert into schema_migrations (version) values ('20240101000001'), ('20240101000002');");
  check_adopted(db.get(), m, adopt_format::dbmate, "schema_migrations");
}

BOOST_AUTO_TEST_CASE(diesel_timestamps_are_adopted) {
  const auto m = three(20240101000001, 20240101000002, 20240101000003);
  auto db = migrated_by(
      "CREATE TABLE IF NOT EXISTS __diesel_schema_migrations (version VARCHAR(50) PRIMARY KEY NOT NULL, "
      "run_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP);"
      "INSERT INTO __diesel_schema_migrations (version) VALUES ('20240101000001'), ('20240101000002');");
  check_adopted(db.get(), m, adopt_format::diesel, "__diesel_schema_migrations");
}

BOOST_AUTO_TEST_CASE(refinery_rows_are_adopted) {
  const auto m = three(1, 2, 3);
  auto db = migrated_by(
      "CREATE TABLE IF NOT EXISTS refinery_schema_history(version INT4 PRIMARY KEY, name VARCHAR(255), "
      "applied_on VARCHAR(255), checksum VARCHAR(255));"
      "INSERT INTO refinery_schema_history VALUES (1, 'users', '2024-01-01T00:00:00Z', '123'), "
      "(2, 'posts', '2024-01-01T00:00:01Z', '456');");
  check_adopted(db.get(), m, adopt_format::refinery, "refinery_schema_history");
}

BOOST_AUTO_TEST_CASE(flyway_sql_rows_and_renumbered_dotted_versions_are_adopted) {
  // V1__users.sql, V1.1__posts.sql, V2__email.sql: import renumbered 1.1 to 2 and so 2 to 3, each with its
  // Flyway version in the file's first line. Flyway's "2" is file 3, which it has not applied.
  migration_list m;
  m.add(1, "1_users.sql", users_sql);
  m.add(2, "2_posts.sql", "-- imported from flyway version 1.1 (V1.1__posts.sql)\n" + std::string(posts_sql));
  m.add(3, "3_email.sql", "-- imported from flyway version 2 (V2__email.sql)\n" + std::string(email_sql));
  auto db = migrated_by(
      "CREATE TABLE \"flyway_schema_history\" (\"installed_rank\" INT NOT NULL PRIMARY KEY, \"version\" VARCHAR(50), "
      "\"description\" VARCHAR(200) NOT NULL, \"type\" VARCHAR(20) NOT NULL, \"script\" VARCHAR(1000) NOT NULL, "
      "\"checksum\" INT, \"installed_by\" VARCHAR(100) NOT NULL, \"installed_on\" TEXT NOT NULL DEFAULT "
      "(strftime('%Y-%m-%d %H:%M:%f','now')), \"execution_time\" INT NOT NULL, \"success\" BOOLEAN NOT NULL);"
      "INSERT INTO flyway_schema_history VALUES (1, '1', 'users', 'SQL', 'V1__users.sql', 1, 'me', '2024-01-01', 1, 1),"
      "(2, NULL, 'views', 'SQL', 'R__views.sql', 2, 'me', '2024-01-01', 1, 1),"
      "(3, '1.1', 'posts', 'SQL', 'V1.1__posts.sql', 3, 'me', '2024-01-01', 1, 1);");
  check_adopted(db.get(), m, adopt_format::flyway, "flyway_schema_history");
}

BOOST_AUTO_TEST_CASE(flyway_version_given_to_a_renumbered_file_is_found_by_its_identity) {
  migration_list m;
  m.add(1, "1_users.sql", users_sql);
  m.add(2, "2_posts.sql", "-- imported from flyway version 1.1 (V1.1__posts.sql)\n" + std::string(posts_sql));
  m.add(3, "3_email.sql", "-- no-transaction\n-- imported from flyway version 2 (V2__email.sql)\n" + std::string(email_sql),
        false);
  auto db = open_database();
  exec(db.get(), std::string(users_sql) + email_sql +
                     "CREATE TABLE flyway_schema_history (installed_rank INT NOT NULL PRIMARY KEY, version VARCHAR(50), "
                     "description VARCHAR(200) NOT NULL, type VARCHAR(20) NOT NULL, script VARCHAR(1000) NOT NULL, "
                     "checksum INT, installed_by VARCHAR(100) NOT NULL, installed_on TEXT NOT NULL, "
                     "execution_time INT NOT NULL, success BOOLEAN NOT NULL);"
                     "INSERT INTO flyway_schema_history VALUES (1, '1', 'users', 'SQL', 'V1__users.sql', 1, 'me', 'x', 1, 1),"
                     "(2, '2', 'email', 'SQL', 'V2__email.sql', 1, 'me', 'x', 1, 1);");
  options opts;
  opts.adopt_from = adopt_format::flyway;
  const auto result = apply(db.get(), m.set(), opts);
  BOOST_TEST(result.adopted == 2u);
  BOOST_REQUIRE_EQUAL(result.applied.size(), 1u);
  BOOST_TEST(result.applied[0].filename == "2_posts.sql");  // out of order, as Flyway's outOfOrder would run it
}

BOOST_AUTO_TEST_CASE(sql_migrate_file_names_are_adopted) {
  migration_list m;
  m.add(1, "001_users.sql", "-- imported from sql-migrate id 1_init.sql\n" + std::string(users_sql));
  m.add(2, "002_posts.sql", "-- imported from sql-migrate id 2_posts.sql\n" + std::string(posts_sql));
  m.add(3, "003_email.sql", "-- imported from sql-migrate id 3_email.sql\n" + std::string(email_sql));
  auto db = migrated_by(
      "CREATE TABLE gorp_migrations (id varchar(255) not null primary key, applied_at datetime);"
      "INSERT INTO gorp_migrations VALUES ('1_init.sql', '2024-01-01'), ('2_posts.sql', '2024-01-01');");
  check_adopted(db.get(), m, adopt_format::sql_migrate, "gorp_migrations");
}

BOOST_AUTO_TEST_CASE(without_the_other_table_everything_is_applied) {
  auto db = open_database();
  options opts;
  opts.adopt_from = adopt_format::goose;
  const auto result = apply(db.get(), three(1, 2, 3).set(), opts);
  BOOST_TEST(result.adopted == 0u);
  BOOST_TEST(result.applied.size() == 3u);
}

BOOST_AUTO_TEST_CASE(our_own_records_win_over_the_other_table) {
  const auto m = three(1, 2, 3);
  auto db = open_database();
  apply(db.get(), m.set());
  exec(db.get(), "CREATE TABLE goose_db_version (id INTEGER PRIMARY KEY AUTOINCREMENT, version_id INTEGER NOT NULL, "
                 "is_applied INTEGER NOT NULL, tstamp TIMESTAMP DEFAULT (datetime('now')));"
                 "INSERT INTO goose_db_version (version_id, is_applied) VALUES (0, 1), (99, 1);");
  options opts;
  opts.adopt_from = adopt_format::goose;
  BOOST_TEST(apply(db.get(), m.set(), opts).was_up_to_date());
}

// --- refusals ---

namespace {

void check_refused(const std::string& tool_table_sql, adopt_format format, error_code expected,
                   const std::string& message_part) {
  auto db = migrated_by(tool_table_sql);
  const auto before = schema_dump(db.get());
  options opts;
  opts.adopt_from = format;
  const auto error = apply_error(db.get(), three(1, 2, 3).set(), opts);
  BOOST_TEST(error.code() == expected);
  BOOST_TEST(std::string(error.what()).find(message_part) != std::string::npos, error.what());
  BOOST_TEST(schema_dump(db.get()) == before, boost::test_tools::per_element());
  BOOST_TEST(!table_exists(db.get(), "migrations"));
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_dirty_golang_migrate_database_is_refused_before_any_write) {
  check_refused("CREATE TABLE schema_migrations (version uint64,dirty bool);"
                "INSERT INTO schema_migrations VALUES (2, true);",
                adopt_format::golang_migrate, error_code::incomplete_migration, "version 2");
}

BOOST_AUTO_TEST_CASE(a_failed_sqlx_migration_is_refused) {
  check_refused("CREATE TABLE _sqlx_migrations (version BIGINT PRIMARY KEY, description TEXT NOT NULL, "
                "installed_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, success BOOLEAN NOT NULL, "
                "checksum BLOB NOT NULL, execution_time BIGINT NOT NULL);"
                "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) VALUES "
                "(1, 'users', TRUE, x'00', 1), (2, 'posts', FALSE, x'01', 1);",
                adopt_format::sqlx, error_code::incomplete_migration, "version 2");
}

BOOST_AUTO_TEST_CASE(a_version_the_set_lacks_is_named) {
  check_refused("create table schema_migrations (version varchar(128) primary key);"
                "insert into schema_migrations values ('1'), ('7');",
                adopt_format::dbmate, error_code::database_ahead, "version 7");
}

BOOST_AUTO_TEST_CASE(the_other_tools_table_of_the_same_name_is_told_apart_by_its_columns) {
  check_refused("CREATE TABLE schema_migrations (version uint64,dirty bool);"
                "INSERT INTO schema_migrations VALUES (2, false);",
                adopt_format::dbmate, error_code::tracking_table_invalid, "\"dirty\" column");
  check_refused("create table schema_migrations (version varchar(128) primary key);"
                "insert into schema_migrations values ('1');",
                adopt_format::golang_migrate, error_code::tracking_table_invalid, "no column \"dirty\"");
}

BOOST_AUTO_TEST_CASE(adopt_and_baseline_together_are_refused) {
  auto db = open_database();
  options opts;
  opts.adopt_from = adopt_format::sqlx;
  opts.baseline_version = 1;
  BOOST_TEST(apply_error(db.get(), three(1, 2, 3).set(), opts).code() == error_code::invalid_argument);
}

BOOST_AUTO_TEST_CASE(format_names_round_trip) {
  for (const auto format : {adopt_format::none, adopt_format::sqlx, adopt_format::goose, adopt_format::golang_migrate,
                            adopt_format::dbmate, adopt_format::diesel, adopt_format::refinery, adopt_format::flyway,
                            adopt_format::sql_migrate}) {
    BOOST_TEST((adopt_format_from_string(to_string(format)) == format));
  }
  BOOST_TEST(!adopt_format_from_string("golang_migrate"));
}

// --- the command line ---

#include "temp_directory.hpp"

#include <sys/wait.h>

#include <cstdio>

BOOST_AUTO_TEST_CASE(apply_adopt_records_what_goose_applied_and_runs_the_rest) {
  test_support::temp_directory dir;
  dir.write("migrations/001_users.sql", users_sql);
  dir.write("migrations/002_posts.sql", posts_sql);
  dir.write("migrations/003_email.sql", email_sql);
  const auto path = (dir.path() / "app.db").string();
  {
    auto db = open_database(path);
    exec(db.get(), std::string(users_sql) + posts_sql +
                       "CREATE TABLE goose_db_version (id INTEGER PRIMARY KEY AUTOINCREMENT, version_id INTEGER NOT "
                       "NULL, is_applied INTEGER NOT NULL, tstamp TIMESTAMP DEFAULT (datetime('now')));"
                       "INSERT INTO goose_db_version (version_id, is_applied) VALUES (0, 1), (1, 1), (2, 1);");
  }
  const auto run = [&](const std::string& extra) {
    const std::string command = "'" EMBED_MIGRATIONS_EXE "' apply --db '" + path + "' --dir '" +
                                (dir.path() / "migrations").string() + "' " + extra + " 2>&1";
    FILE* pipe = popen(command.c_str(), "r");
    std::string output;
    char buffer[4096];
    std::size_t n;
    while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, n);
    const int status = pclose(pipe);
    return std::make_pair(WIFEXITED(status) ? WEXITSTATUS(status) : -1, output);
  };
  const auto wrong = run("--adopt golang_migrate");
  BOOST_TEST(wrong.first == 2);
  BOOST_TEST(wrong.second.find("--adopt takes sqlx, goose") != std::string::npos, wrong.second);

  const auto adopted = run("--adopt goose");
  BOOST_TEST(adopted.first == 0, adopted.second);
  BOOST_TEST(adopted.second.find("adopted  001_users.sql (applied by goose") != std::string::npos, adopted.second);
  BOOST_TEST(adopted.second.find("applied  [1/1] 003_email.sql") != std::string::npos, adopted.second);
  auto db = open_database(path);
  BOOST_TEST(rows(db.get(), "SELECT version FROM migrations ORDER BY version") ==
                 (std::vector<std::string>{"1", "2", "3"}),
             boost::test_tools::per_element());
}
