// options::backup: apply() copies the database before its first write, and
// restore() gives that copy back.
//
// Groups: the copy and restore() (what a failed upgrade leaves, WAL, a
// concurrent start), when no copy is made, refusals (in memory, the database
// itself, an existing file, read-only), a full target, backup_keep.
#define BOOST_TEST_MODULE backup
#include <boost/test/unit_test.hpp>

#include "faulty_vfs.hpp"
#include "temp_directory.hpp"
#include "test_database.hpp"

#include <embedded_migrations/embedded_migrations.hpp>

#include <filesystem>
#include <fstream>

using namespace embedded_migrations;
using namespace test_support;
namespace fs = std::filesystem;

namespace {

migration_list upgrade_that_fails() {
  migration_list m;
  m.add(1, "001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT);\n");
  m.add(2, "002_posts.sql", "CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER);\n");
  m.add(3, "003_broken.sql", "INSERT INTO users (email) VALUES ('c@example.com');\nINSERT INTO nowhere VALUES (1);\n");
  return m;
}

migration_list first_only() {
  migration_list m;
  m.add(1, "001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT);\n");
  return m;
}

// Every object, every row of every table and the header's user fields: equal
// contents mean the same database as far as an application can tell.
std::vector<std::string> contents(sqlite3* db) {
  auto dump = rows(db, "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name");
  for (const auto& table : rows(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
    for (auto& row : rows(db, "SELECT * FROM \"" + table + "\" ORDER BY rowid")) dump.push_back(table + ": " + row);
  }
  dump.push_back("user_version " + rows(db, "PRAGMA user_version").front());
  dump.push_back("application_id " + rows(db, "PRAGMA application_id").front());
  return dump;
}

// Version 1 applied, with rows, as an installed app's database is.
void install_version_1(sqlite3* db) {
  apply(db, first_only().set());
  exec(db, "INSERT INTO users (email) VALUES ('a@example.com'), ('b@example.com'); PRAGMA user_version = 7;");
}

std::size_t files_in(const fs::path& dir) {
  return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

}  // namespace

// --- the copy and restore() --------------------------------------------------

BOOST_AUTO_TEST_CASE(a_failed_upgrade_names_the_copy_and_restore_gives_back_the_database_as_it_was) {
  temp_directory dir;
  const auto backup = (dir.path() / "before-upgrade.db").string();
  auto db = open_database((dir.path() / "app.db").string());
  install_version_1(db.get());
  const auto before = contents(db.get());

  options opts;
  opts.backup = backup;
  const auto error = apply_error(db.get(), upgrade_that_fails().set(), opts);
  BOOST_TEST(error.code() == error_code::migration_failed);
  BOOST_TEST(error.filename() == "003_broken.sql");
  BOOST_TEST(std::string(error.what()).find("copied at " + backup + ": embedded_migrations::restore() puts it back") !=
                 std::string::npos,
             error.what());
  BOOST_TEST(table_exists(db.get(), "posts"));  // 002 ran and stays: forward-only
  BOOST_TEST(contents(db.get()) != before);

  restore(db.get(), backup);
  BOOST_TEST(contents(db.get()) == before, boost::test_tools::per_element());
  BOOST_TEST(rows(db.get(), "PRAGMA integrity_check").front() == "ok");
  // The copy stays where it is, and the database takes the upgrade again.
  BOOST_TEST(fs::exists(backup));
  BOOST_TEST(apply(db.get(), first_only().set()).was_up_to_date());
}

BOOST_AUTO_TEST_CASE(a_wal_database_is_copied_with_what_only_its_wal_holds) {
  temp_directory dir;
  const auto backup = (dir.path() / "before.db").string();
  auto db = open_database((dir.path() / "app.db").string());
  exec(db.get(), "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0;");
  install_version_1(db.get());  // committed to the WAL only: no checkpoint ran
  BOOST_TEST(fs::file_size(dir.path() / "app.db-wal") > 0u);
  const auto before = contents(db.get());

  options opts;
  opts.backup = backup;
  BOOST_TEST(apply_error(db.get(), upgrade_that_fails().set(), opts).code() == error_code::migration_failed);
  {
    auto copy = open_database(backup, SQLITE_OPEN_READONLY);
    BOOST_TEST(contents(copy.get()) == before, boost::test_tools::per_element());
  }
  restore(db.get(), backup);
  BOOST_TEST(contents(db.get()) == before, boost::test_tools::per_element());
  BOOST_TEST(rows(db.get(), "PRAGMA journal_mode").front() == "wal");
  auto reader = open_database((dir.path() / "app.db").string());  // another connection sees the restored pages
  BOOST_TEST(contents(reader.get()) == before, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(the_callback_names_the_copy_from_the_versions_of_the_run) {
  temp_directory dir;
  auto db = open_database((dir.path() / "app.db").string());
  install_version_1(db.get());
  migration_list m = upgrade_that_fails();
  migration_list good;
  good.add(1, "001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT);\n");
  good.add(2, "002_posts.sql", "CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER);\n");
  good.add(5, "005_tags.sql", "CREATE TABLE tags (name TEXT);\n");
  std::vector<backup_info> calls;
  options opts;
  opts.backup = [&](const backup_info& run) {
    calls.push_back(run);
    return (dir.path() / ("app-v" + std::to_string(run.current_version) + "-to-v" +
                          std::to_string(run.target_version) + ".db")).string();
  };
  BOOST_TEST(apply(db.get(), good.set(), opts).applied.size() == 2u);
  BOOST_TEST_REQUIRE(calls.size() == 1u);
  BOOST_TEST(calls[0].current_version == 1);
  BOOST_TEST(calls[0].target_version == 5);
  BOOST_TEST(calls[0].pending == 2u);
  BOOST_TEST(fs::path(std::string(calls[0].database)).filename() == "app.db");
  BOOST_TEST(fs::exists(dir.path() / "app-v1-to-v5.db"));
}

BOOST_AUTO_TEST_CASE(a_concurrent_start_migrating_after_the_copy_leaves_the_copy_as_it_was_before) {
  temp_directory dir;
  const auto path = (dir.path() / "app.db").string();
  const auto backup = (dir.path() / "before.db").string();
  auto db = open_database(path);
  exec(db.get(), "PRAGMA journal_mode = WAL");
  install_version_1(db.get());
  const auto before = contents(db.get());
  migration_list m = upgrade_that_fails();
  migration_list good = first_only();
  good.add(2, "002_posts.sql", "CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER);\n");

  // Another process upgrades between the snapshot the copy is made from and
  // this connection's write lock (WAL lets it commit while we read).
  auto other = open_database(path);
  options opts;
  opts.backup = [&](const backup_info&) {
    BOOST_TEST(apply(other.get(), good.set()).applied.size() == 1u);
    return backup;
  };
  const auto result = apply(db.get(), good.set(), opts);
  BOOST_TEST(result.applied.empty());  // nothing runs twice
  auto copy = open_database(backup, SQLITE_OPEN_READONLY);
  BOOST_TEST(contents(copy.get()) == before, boost::test_tools::per_element());
}

// --- when no copy is made ----------------------------------------------------

BOOST_AUTO_TEST_CASE(an_up_to_date_database_is_not_copied) {
  temp_directory dir;
  auto db = open_database((dir.path() / "app.db").string());
  install_version_1(db.get());
  options opts;
  opts.backup = (dir.path() / "before.db").string();
  BOOST_TEST(apply(db.get(), first_only().set(), opts).was_up_to_date());
  BOOST_TEST(files_in(dir.path()) == 1u);  // only app.db: no copy, no backup list
}

BOOST_AUTO_TEST_CASE(a_new_database_has_nothing_to_copy) {
  temp_directory dir;
  auto db = open_database((dir.path() / "app.db").string());
  options opts;
  opts.backup = (dir.path() / "before.db").string();
  BOOST_TEST(apply(db.get(), first_only().set(), opts).applied.size() == 1u);
  BOOST_TEST(files_in(dir.path()) == 1u);
}

BOOST_AUTO_TEST_CASE(a_callback_returning_no_path_skips_the_copy) {
  temp_directory dir;
  auto db = open_database((dir.path() / "app.db").string());
  install_version_1(db.get());
  options opts;
  opts.backup = [](const backup_info&) { return std::string(); };
  BOOST_TEST(apply_error(db.get(), upgrade_that_fails().set(), opts).code() == error_code::migration_failed);
  BOOST_TEST(files_in(dir.path()) == 1u);
}

// --- refusals ----------------------------------------------------------------

BOOST_AUTO_TEST_CASE(an_in_memory_database_is_refused_with_a_clear_error) {
  auto db = open_database();
  options opts;
  opts.backup = "copy.db";
  const auto error = apply_error(db.get(), first_only().set(), opts);
  BOOST_TEST(error.code() == error_code::invalid_argument);
  BOOST_TEST(std::string(error.what()).find("in memory") != std::string::npos, error.what());
  BOOST_TEST(!table_exists(db.get(), "users"));
  BOOST_TEST(!fs::exists("copy.db"));
}

BOOST_AUTO_TEST_CASE(the_database_itself_or_its_journals_are_refused_as_the_copy) {
  temp_directory dir;
  const auto path = (dir.path() / "app.db").string();
  auto db = open_database(path);
  install_version_1(db.get());
  const auto before = contents(db.get());
  for (const std::string& target : {path, path + "-wal", path + "-journal", path + ".embedded-migrations-backups",
                                    (dir.path() / "." / "app.db").string()}) {
    options opts;
    opts.backup = target;
    const auto error = apply_error(db.get(), upgrade_that_fails().set(), opts);
    BOOST_TEST(error.code() == error_code::invalid_argument, target);
    BOOST_TEST(std::string(error.what()).find("which is the database") != std::string::npos, error.what());
  }
  BOOST_TEST(contents(db.get()) == before, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(an_existing_file_is_never_overwritten) {
  temp_directory dir;
  auto db = open_database((dir.path() / "app.db").string());
  install_version_1(db.get());
  const auto before = contents(db.get());
  const auto existing = dir.write("before.db", "an earlier copy, or anything else");
  options opts;
  opts.backup = existing.string();
  const auto error = apply_error(db.get(), upgrade_that_fails().set(), opts);
  BOOST_TEST(error.code() == error_code::backup_failed);
  BOOST_TEST(std::string(error.what()).find("already exists") != std::string::npos, error.what());
  BOOST_TEST(read_bytes(existing) == "an earlier copy, or anything else");
  BOOST_TEST(contents(db.get()) == before, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_read_only_database_with_something_pending_is_read_only_and_not_copied) {
  temp_directory dir;
  const auto path = (dir.path() / "app.db").string();
  install_version_1(open_database(path).get());
  auto db = open_database(path, SQLITE_OPEN_READONLY);
  options opts;
  opts.backup = (dir.path() / "before.db").string();
  BOOST_TEST(apply_error(db.get(), upgrade_that_fails().set(), opts).code() == error_code::read_only);
  BOOST_TEST(!fs::exists(dir.path() / "before.db"));
}

// --- a full target -----------------------------------------------------------

BOOST_AUTO_TEST_CASE(a_target_that_fills_up_leaves_the_database_as_it_was_and_no_copy) {
  faulty_vfs::install();
  temp_directory dir;
  const auto path = (dir.path() / "app.db").string();
  auto db = open_database(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  sqlite3_close_v2(db.release());
  sqlite3* raw = nullptr;
  sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE, faulty_vfs::name);
  db.reset(raw);
  install_version_1(db.get());
  const auto before = contents(db.get());

  faulty_vfs::full_for = "full-target";
  options opts;
  opts.backup = (dir.path() / "full-target.db").string();
  const auto error = apply_error(db.get(), upgrade_that_fails().set(), opts);
  faulty_vfs::full_for.clear();
  BOOST_TEST(error.code() == error_code::backup_no_space);
  BOOST_TEST((error.sqlite_code() & 0xFF) == SQLITE_FULL);
  BOOST_TEST(std::string(error.what()).find("nothing was written to the database") != std::string::npos, error.what());
  BOOST_TEST(contents(db.get()) == before, boost::test_tools::per_element());
  BOOST_TEST(files_in(dir.path()) == 1u);  // no copy, no partial file left behind
}

BOOST_AUTO_TEST_CASE(a_file_system_without_room_for_the_copy_is_refused_before_copying) {
  temp_directory dir;
  const auto path = dir.path() / "app.db";
  install_version_1(open_database(path.string()).get());
  // A database SQLite sizes by its file (the header's size is only trusted
  // while its version-valid-for number matches the change counter), grown
  // sparse to 1 TiB: more than the test machine has free, without using it.
  {
    std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(92);
    file.write("\xff\xff\xff\xff", 4);
  }
  const std::uintmax_t tebibyte = std::uintmax_t{1} << 40;
  fs::resize_file(path, tebibyte);
  BOOST_TEST_REQUIRE(fs::space(dir.path()).available < tebibyte);
  auto db = open_database(path.string());
  const auto before = contents(db.get());

  options opts;
  opts.backup = (dir.path() / "before.db").string();
  const auto error = apply_error(db.get(), upgrade_that_fails().set(), opts);
  BOOST_TEST(error.code() == error_code::backup_no_space);
  BOOST_TEST(std::string(error.what()).find("needs " + std::to_string(tebibyte) + " bytes") != std::string::npos,
             error.what());
  BOOST_TEST(contents(db.get()) == before, boost::test_tools::per_element());
  BOOST_TEST(!fs::exists(dir.path() / "before.db"));
  BOOST_TEST((make_error_code(error.code()) == std::errc::no_space_on_device));
}
