// options::backup_keep: apply() deletes its oldest copies beyond the limit,
// and nothing it did not make, or that changed since it made it.
#define BOOST_TEST_MODULE backup_list
#include <boost/test/unit_test.hpp>

#include "temp_directory.hpp"
#include "test_database.hpp"

#include <embedded_migrations/embedded_migrations.hpp>

#include <filesystem>
#include <fstream>
#include <set>

using namespace embedded_migrations;
using namespace test_support;
namespace fs = std::filesystem;

namespace {

// Versions 1..n, one table each.
migration_list up_to(int n) {
  migration_list m;
  for (int v = 1; v <= n; ++v) {
    m.add(v, "00" + std::to_string(v) + "_t" + std::to_string(v) + ".sql",
          "CREATE TABLE t" + std::to_string(v) + " (x);\n");
  }
  return m;
}

options keeping(const fs::path& dir, std::size_t keep) {
  options opts;
  opts.backup_keep = keep;
  opts.backup = [dir](const backup_info& run) {
    return (dir / ("app-v" + std::to_string(run.current_version) + "-to-v" + std::to_string(run.target_version) +
                   ".db")).string();
  };
  return opts;
}

std::set<std::string> names_in(const fs::path& dir) {
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) names.insert(entry.path().filename().string());
  return names;
}

// Upgrades from version 1 to `last`, one version per start.
void upgrade_one_by_one(sqlite3* db, int last, const options& opts) {
  for (int v = 2; v <= last; ++v) BOOST_TEST(apply(db, up_to(v).set(), opts).applied.size() == 1u);
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_oldest_copies_beyond_the_limit_are_deleted_and_nothing_else) {
  temp_directory dir;
  auto db = open_database((dir.path() / "app.db").string());
  apply(db.get(), up_to(1).set());
  dir.write("app-v0-to-v1.db", "a file of the user's, named like a copy");
  dir.write("notes.txt", "unrelated");

  upgrade_one_by_one(db.get(), 5, keeping(dir.path(), 2));
  BOOST_TEST((names_in(dir.path()) == std::set<std::string>{"app.db", "app.db.embedded-migrations-backups",
                                                            "app-v0-to-v1.db", "notes.txt", "app-v3-to-v4.db",
                                                            "app-v4-to-v5.db"}));
  const auto list = read_bytes(dir.path() / "app.db.embedded-migrations-backups");
  BOOST_TEST(list.find("app-v4-to-v5.db\n") != std::string::npos, list);
  BOOST_TEST(list.find("app-v2-to-v3.db") == std::string::npos, list);
}

BOOST_AUTO_TEST_CASE(a_copy_changed_since_it_was_made_is_never_deleted) {
  temp_directory dir;
  auto db = open_database((dir.path() / "app.db").string());
  apply(db.get(), up_to(1).set());
  upgrade_one_by_one(db.get(), 3, keeping(dir.path(), 0));  // keeps all: v1-to-v2, v2-to-v3
  {
    std::ofstream grown(dir.path() / "app-v1-to-v2.db", std::ios::app | std::ios::binary);
    grown << "written to since";
  }
  const auto touched = dir.path() / "app-v2-to-v3.db";
  fs::last_write_time(touched, fs::last_write_time(touched) - std::chrono::hours(1));

  BOOST_TEST(apply(db.get(), up_to(4).set(), keeping(dir.path(), 1)).applied.size() == 1u);
  BOOST_TEST(fs::exists(dir.path() / "app-v1-to-v2.db"));  // no longer what apply() wrote: left alone
  BOOST_TEST(fs::exists(touched));
  BOOST_TEST(fs::exists(dir.path() / "app-v3-to-v4.db"));
  // ... and no longer listed: a later prune cannot delete them either.
  const auto list = read_bytes(dir.path() / "app.db.embedded-migrations-backups");
  BOOST_TEST(list.find("app-v1-to-v2.db") == std::string::npos, list);
  BOOST_TEST(list.find("app-v2-to-v3.db") == std::string::npos, list);
}

BOOST_AUTO_TEST_CASE(copies_made_before_a_limit_was_set_count_toward_it) {
  temp_directory dir;
  auto db = open_database((dir.path() / "app.db").string());
  apply(db.get(), up_to(1).set());
  upgrade_one_by_one(db.get(), 4, keeping(dir.path(), 0));
  BOOST_TEST(names_in(dir.path()).size() == 5u);  // the database, the list and three copies
  BOOST_TEST(apply(db.get(), up_to(5).set(), keeping(dir.path(), 1)).applied.size() == 1u);
  BOOST_TEST((names_in(dir.path()) ==
              std::set<std::string>{"app.db", "app.db.embedded-migrations-backups", "app-v4-to-v5.db"}));
}

BOOST_AUTO_TEST_CASE(a_list_line_apply_did_not_write_names_nothing_to_delete) {
  temp_directory dir;
  auto db = open_database((dir.path() / "app.db").string());
  apply(db.get(), up_to(1).set());
  const auto precious = dir.write("precious.db", "keep me");
  // Hand-edited: no size and time, or ones that do not match the file.
  dir.write("app.db.embedded-migrations-backups",
            precious.string() + "\n7 0 " + precious.string() + "\n");
  upgrade_one_by_one(db.get(), 3, keeping(dir.path(), 1));
  BOOST_TEST(read_bytes(precious) == "keep me");
}

BOOST_AUTO_TEST_CASE(a_list_that_cannot_be_written_stops_apply_before_it_writes_and_names_the_copy) {
  temp_directory dir;
  auto db = open_database((dir.path() / "app.db").string());
  apply(db.get(), up_to(1).set());
  fs::create_directory(dir.path() / "app.db.embedded-migrations-backups");  // in the way of the list
  const auto error = apply_error(db.get(), up_to(2).set(), keeping(dir.path(), 1));
  BOOST_TEST(error.code() == error_code::backup_failed);
  BOOST_TEST(std::string(error.what()).find("the copy at " + (dir.path() / "app-v1-to-v2.db").string() +
                                            " was made and is kept") != std::string::npos,
             error.what());
  BOOST_TEST(!table_exists(db.get(), "t2"));
  BOOST_TEST(fs::exists(dir.path() / "app-v1-to-v2.db"));
}
