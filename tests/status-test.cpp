// status(): where a database stands, without writing.
#define BOOST_TEST_MODULE status
#include <boost/test/unit_test.hpp>

#include "temp_directory.hpp"
#include "test_database.hpp"

#include <embedded_migrations/embedded_migrations.hpp>

#include <chrono>
#include <future>
#include <thread>

using namespace embedded_migrations;
using namespace test_support;

namespace {

std::vector<std::string> summary(const std::vector<migration_status>& list) {
  std::vector<std::string> lines;
  for (const auto& s : list) lines.push_back(std::to_string(s.version) + " " + s.filename + " " + to_string(s.state));
  return lines;
}

}  // namespace

BOOST_AUTO_TEST_CASE(fresh_database_is_all_pending_and_stays_empty) {
  auto db = open_database();
  migration_list m;
  m.add(1, "001_a.sql", "CREATE TABLE a (x);\n").add(2, "002_b.sql", "CREATE TABLE b (x);\n");
  BOOST_TEST(summary(status(db.get(), m.set())) == (std::vector<std::string>{"1 001_a.sql pending", "2 002_b.sql pending"}),
             boost::test_tools::per_element());
  BOOST_TEST(rows(db.get(), "SELECT count(*) FROM sqlite_master").front() == "0");
}

BOOST_AUTO_TEST_CASE(reports_applied_pending_modified_and_unknown_by_version) {
  auto db = open_database();
  migration_list applied;
  applied.add(1, "001_a.sql", "CREATE TABLE a (x);\n")
      .add(2, "002_b.sql", "CREATE TABLE b (x);\n")
      .add(5, "005_e.sql", "CREATE TABLE e (x);\n");
  apply(db.get(), applied.set());

  migration_list now;
  now.add(1, "001_a.sql", "CREATE TABLE a (x);\n")
      .add(2, "002_b.sql", "CREATE TABLE b (x, y);\n")  // edited after it ran
      .add(3, "003_c.sql", "CREATE TABLE c (x);\n");    // new
  const auto list = status(db.get(), now.set());
  BOOST_TEST(summary(list) == (std::vector<std::string>{"1 001_a.sql applied", "2 002_b.sql modified",
                                                        "3 003_c.sql pending", "5 005_e.sql unknown"}),
             boost::test_tools::per_element());
  BOOST_TEST(!list[0].applied_at.empty());
  BOOST_TEST(list[1].recorded_checksum == std::string(applied.set()[1].checksum));
  BOOST_TEST(list[1].embedded_checksum == std::string(now.set()[1].checksum));
  BOOST_TEST(list[2].applied_at.empty());
  BOOST_TEST(list[3].embedded_checksum.empty());
}

BOOST_AUTO_TEST_CASE(honours_the_tracking_table_name) {
  auto db = open_database();
  migration_list m;
  m.add(1, "001_a.sql", "CREATE TABLE a (x);\n");
  options opts;
  opts.table_name = "schema_history";
  apply(db.get(), m.set(), opts);
  BOOST_TEST(status(db.get(), m.set(), opts).front().state == migration_state::applied);
  BOOST_TEST(status(db.get(), m.set()).front().state == migration_state::pending);
}

// In rollback-journal mode readers are locked out while another connection
// commits: status() waits for that as plan() and apply() do.
BOOST_AUTO_TEST_CASE(waits_for_another_connections_commit_within_the_busy_timeout) {
  using namespace std::chrono_literals;
  temp_directory dir;
  const auto path = (dir.path() / "app.db").string();
  auto db = open_database(path);
  auto writer = open_database(path);
  migration_list m;
  m.add(1, "001_a.sql", "CREATE TABLE a (x);\n");
  apply(db.get(), m.set());
  options opts;
  opts.busy_timeout = 10s;
  exec(writer.get(), "BEGIN EXCLUSIVE");  // as a commit holds it
  auto commit = std::async(std::launch::async, [&] {  // joined however status() returns
    std::this_thread::sleep_for(200ms);
    exec(writer.get(), "COMMIT");
  });
  BOOST_TEST(summary(status(db.get(), m.set(), opts)) == std::vector<std::string>{"1 001_a.sql applied"},
             boost::test_tools::per_element());
}

