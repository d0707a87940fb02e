// A process killed (SIGKILL) at a random moment while applying leaves the
// database as it was before the migration in flight, and the next start
// finishes the job. One killed while restore() copies a backup over the
// database leaves it either as it was or fully restored, never in between.
#define BOOST_TEST_MODULE crash
#include <boost/test/unit_test.hpp>

#include "child_process.hpp"
#include "temp_directory.hpp"
#include "test_database.hpp"

#include <chrono>
#include <filesystem>
#include <cstdlib>
#include <random>
#include <set>
#include <thread>

using namespace test_support;

namespace {

constexpr int trials = 50;
constexpr int migrations_in_set = 8;  // tests/data/crash: t_1 ... t_8, 60000 rows each
constexpr const char* rows_per_table = "60000";

// Schema and tracking table agree: a table exists, with all its rows, exactly
// when its migration is recorded. Returns how many are recorded.
int expect_consistent(const std::string& path) {
  auto db = open_database(path);
  BOOST_TEST(rows(db.get(), "PRAGMA integrity_check").front() == "ok");
  std::set<std::string> recorded;
  if (table_exists(db.get(), "migrations")) {
    for (const auto& v : rows(db.get(), "SELECT version FROM migrations WHERE checksum IS NOT NULL")) recorded.insert(v);
    BOOST_TEST(rows(db.get(), "SELECT count(*) FROM migrations WHERE checksum IS NULL").front() == "0");
  }
  for (int v = 1; v <= migrations_in_set; ++v) {
    const auto table = "t_" + std::to_string(v);
    const bool is_recorded = recorded.count(std::to_string(v)) > 0;
    BOOST_TEST(table_exists(db.get(), table) == is_recorded, table);
    if (is_recorded) BOOST_TEST(rows(db.get(), "SELECT count(*) FROM " + table).front() == rows_per_table);
  }
  return static_cast<int>(recorded.size());
}

int run_to_completion(const std::string& path, const std::filesystem::path& output) {
  child_process child(MIGRATE_CHILD_EXE, {"crash", path}, output);
  const int status = child.wait();
  BOOST_TEST(status == 0, read_bytes(output));
  return status;
}

}  // namespace

BOOST_AUTO_TEST_CASE(killed_at_random_points_the_database_stays_consistent) {
  temp_directory dir;
  const auto log = dir.path() / "child.txt";

  // How long a full run takes here sets the window to kill in.
  const auto start = std::chrono::steady_clock::now();
  run_to_completion((dir.path() / "timing.db").string(), log);
  const auto full_run = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start);

  const char* seed_text = std::getenv("EMBEDDED_MIGRATIONS_CRASH_SEED");
  const auto seed = seed_text ? static_cast<unsigned>(std::stoul(seed_text)) : std::random_device{}();
  BOOST_TEST_MESSAGE("seed " << seed << " (set EMBEDDED_MIGRATIONS_CRASH_SEED to replay), full run "
                             << full_run.count() / 1000 << " ms");
  std::mt19937 random(seed);
  std::uniform_int_distribution<long long> kill_after(0, full_run.count());

  int interrupted_midway = 0;
  for (int trial = 0; trial < trials; ++trial) {
    BOOST_TEST_CONTEXT("trial " << trial << ", seed " << seed) {
      const auto path = (dir.path() / ("trial" + std::to_string(trial) + ".db")).string();
      {
        child_process child(MIGRATE_CHILD_EXE, {"crash", path}, log);
        std::this_thread::sleep_for(std::chrono::microseconds(kill_after(random)));
        child.kill_now();
        child.wait();
      }
      const int recorded = expect_consistent(path);
      if (recorded > 0 && recorded < migrations_in_set) ++interrupted_midway;
      run_to_completion(path, log);
      BOOST_TEST(expect_consistent(path) == migrations_in_set);
    }
  }
  BOOST_TEST_MESSAGE(interrupted_midway << " of " << trials << " kills landed between the first and last migration");
  BOOST_TEST(interrupted_midway > 0);  // the kills did hit the window
}

namespace {

constexpr int restore_trials = 25;
constexpr const char* restore_rows = "40000";  // about 6 MiB: the copy, not the process start, takes the time

void make_database(const std::string& path, const std::string& marker) {
  auto db = open_database(path);
  exec(db.get(), "CREATE TABLE t (id INTEGER PRIMARY KEY, marker TEXT, payload TEXT);"
                 "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " +
                     std::string(restore_rows) + ") INSERT INTO t (marker, payload) SELECT '" + marker +
                     "', printf('%.120c', 'x') FROM n;");
}

// "old" or "new" when every row carries that marker and the file is sound.
std::string state_of(const std::string& path) {
  auto db = open_database(path);
  BOOST_TEST(rows(db.get(), "PRAGMA integrity_check").front() == "ok");
  const auto markers = rows(db.get(), "SELECT marker, count(*) FROM t GROUP BY marker");
  BOOST_TEST_REQUIRE(markers.size() == 1u, "rows of both databases at once");
  BOOST_TEST(markers.front().substr(markers.front().find('|') + 1) == restore_rows);
  return markers.front().substr(0, markers.front().find('|'));
}

}  // namespace

BOOST_AUTO_TEST_CASE(killed_mid_restore_the_database_is_as_it_was_or_fully_restored) {
  temp_directory dir;
  const auto log = dir.path() / "child.txt";
  const auto backup = (dir.path() / "backup.db").string();
  const auto original = (dir.path() / "original.db").string();
  make_database(backup, "new");
  make_database(original, "old");

  const auto timing = (dir.path() / "timing.db").string();
  std::filesystem::copy_file(original, timing);
  const auto start = std::chrono::steady_clock::now();
  {
    child_process child(MIGRATE_CHILD_EXE, {"restore", timing, backup}, log);
    BOOST_TEST_REQUIRE(child.wait() == 0, read_bytes(log));
  }
  const auto full_run = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start);
  BOOST_TEST_REQUIRE(state_of(timing) == "new");

  const char* seed_text = std::getenv("EMBEDDED_MIGRATIONS_CRASH_SEED");
  const auto seed = seed_text ? static_cast<unsigned>(std::stoul(seed_text)) : std::random_device{}();
  BOOST_TEST_MESSAGE("seed " << seed << ", full restore " << full_run.count() / 1000 << " ms");
  std::mt19937 random(seed);
  std::uniform_int_distribution<long long> kill_after(0, full_run.count());
  int killed_mid_copy = 0;
  for (int trial = 0; trial < restore_trials; ++trial) {
    BOOST_TEST_CONTEXT("trial " << trial << ", seed " << seed) {
      const auto path = (dir.path() / ("restore" + std::to_string(trial) + ".db")).string();
      std::filesystem::copy_file(original, path);
      {
        child_process child(MIGRATE_CHILD_EXE, {"restore", path, backup}, log);
        std::this_thread::sleep_for(std::chrono::microseconds(kill_after(random)));
        child.kill_now();
        child.wait();
      }
      // A journal left behind: the kill landed inside the copy's transaction.
      std::error_code ec;
      if (std::filesystem::file_size(path + "-journal", ec) > 0 && !ec) ++killed_mid_copy;
      const auto state = state_of(path);
      BOOST_TEST((state == "old" || state == "new"), state);
      child_process again(MIGRATE_CHILD_EXE, {"restore", path, backup}, log);
      BOOST_TEST(again.wait() == 0, read_bytes(log));
      BOOST_TEST(state_of(path) == "new");
    }
  }
  BOOST_TEST_MESSAGE(killed_mid_copy << " of " << restore_trials << " kills landed inside the copy");
  BOOST_TEST(killed_mid_copy > 0);  // the kills did hit the window
}
