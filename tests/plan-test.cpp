// plan(): what apply() would do, found without writing.
//
// Groups: the plan against what apply() then does in every scenario of
// apply_scenarios.hpp; no writes and no write lock; what the plan holds.
#define BOOST_TEST_MODULE plan
#include <boost/test/unit_test.hpp>

#include "apply_scenarios.hpp"
#include "temp_directory.hpp"

#include <algorithm>
#include <map>

using namespace embedded_migrations;
using namespace test_support;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> names(const std::vector<migration>& list) {
  std::vector<std::string> result;
  for (const auto& m : list) result.emplace_back(m.filename);
  return result;
}

// Every file of the directory with its bytes: equal listings, nothing written.
std::map<std::string, std::string> files_of(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    files[entry.path().filename().string()] = read_bytes(entry.path());
  }
  return files;
}

}  // namespace

// --- the plan is what apply() then does ------------------------------------

BOOST_AUTO_TEST_CASE(the_plan_is_what_apply_then_does_in_every_scenario) {
  temp_directory root;
  int predicted_errors = 0;
  for (const auto& s : apply_scenarios()) {
    BOOST_TEST_CONTEXT(s.name) {
      auto run = build(s, root.path() / "run");
      if (run->null_connection) {
        BOOST_CHECK_THROW(plan(nullptr, run->set(), run->opts), migration_error);
        continue;
      }
      const auto files_before = files_of(run->dir);
      const auto planned = plan(run->connection(), run->set(), run->opts);
      BOOST_TEST((files_of(run->dir) == files_before));  // plan() wrote nothing

      std::map<event_kind, std::vector<std::string>> events;
      run->opts.on_event = [&](const event& e) { events[e.kind].emplace_back(e.filename); };
      std::optional<migration_error> thrown;
      apply_result result;
      try {
        result = apply(run->connection(), run->set(), run->opts);
      } catch (const migration_error& e) {
        thrown = e;
      }

      if (planned.error) {
        ++predicted_errors;
        BOOST_TEST_REQUIRE(thrown.has_value(), "apply() succeeded; the plan said " << planned.error->message);
        BOOST_TEST((planned.error->code == make_error_code(thrown->code())), planned.error->message);
        BOOST_TEST(planned.error->message == thrown->what());
        BOOST_TEST(planned.error->filename == thrown->filename());
        BOOST_TEST(planned.error->line == thrown->line());
        BOOST_TEST(planned.error->column == thrown->column());
        BOOST_TEST(events[event_kind::applied].empty());
        continue;
      }
      const auto pending = names(planned.pending);
      const auto& started = events[event_kind::started];
      if (thrown) {
        // Faults of the SQL itself, or of writing it, show only when it runs:
        // apply() started a first part of the plan and failed at its last
        // one, or at the next one before it started.
        BOOST_TEST((thrown->code() == error_code::migration_failed || thrown->code() == error_code::disk_full ||
                    thrown->code() == error_code::io_error),
                   thrown->what());
        BOOST_TEST_REQUIRE(started.size() <= pending.size());
        BOOST_TEST(std::equal(started.begin(), started.end(), pending.begin()));
        BOOST_TEST_REQUIRE(events[event_kind::failed].size() == 1u);
        const auto& failed = events[event_kind::failed].front();
        BOOST_TEST(((!started.empty() && failed == started.back()) ||
                    (started.size() < pending.size() && failed == pending[started.size()])),
                   failed);
      } else {
        BOOST_TEST(started == pending, boost::test_tools::per_element());
      }
      BOOST_TEST(events[event_kind::out_of_order] == names(planned.out_of_order), boost::test_tools::per_element());
      BOOST_TEST(events[event_kind::baselined] == names(planned.baselined), boost::test_tools::per_element());
      BOOST_TEST(events[event_kind::adopted] == names(planned.adopted), boost::test_tools::per_element());
      if (!thrown) {
        BOOST_TEST(result.was_up_to_date() == planned.is_up_to_date());
        BOOST_TEST(result.already_applied == planned.already_applied);
      }
      BOOST_TEST(planned.backup.empty() != fs::exists(run->dir / "before.db"));
    }
  }
  BOOST_TEST(predicted_errors >= 15);  // the scenarios do reach the refusals
}

// --- no writes, no write lock ------------------------------------------------

BOOST_AUTO_TEST_CASE(another_connections_write_lock_does_not_stop_a_plan) {
  temp_directory dir;
  scenario_run run;
  run.dir = dir.path();
  scenario_steps::applied(run, 1);
  auto holder = open_database(run.path());
  exec(holder.get(), "BEGIN IMMEDIATE; CREATE TABLE meanwhile (x);");
  options opts;
  opts.busy_timeout = std::chrono::milliseconds(0);
  const auto migrations = scenario_steps::three();  // the plan views their names
  const auto planned = plan(run.db.get(), migrations.set(), opts);
  BOOST_TEST(!planned.error.has_value(), (planned.error ? planned.error->message : ""));
  BOOST_TEST(planned.pending.size() == 2u);
  // apply(), which needs that lock, cannot get it.
  BOOST_TEST(apply_error(run.db.get(), migrations.set(), opts).code() == error_code::busy);
  exec(holder.get(), "ROLLBACK");
}

BOOST_AUTO_TEST_CASE(a_read_only_connection_is_planned_and_the_tracking_table_is_never_created) {
  temp_directory dir;
  const auto path = (dir.path() / "app.db").string();
  exec(open_database(path).get(), "CREATE TABLE app (x)");
  auto db = open_database(path, SQLITE_OPEN_READONLY);
  const auto migrations = scenario_steps::three();
  const auto planned = plan(db.get(), migrations.set());
  BOOST_TEST(names(planned.pending) == (std::vector<std::string>{"001_users.sql", "002_posts.sql", "003_tags.sql"}),
             boost::test_tools::per_element());
  BOOST_TEST_REQUIRE(planned.error.has_value());
  BOOST_TEST((planned.error->code == error_code::read_only));
  BOOST_TEST(!table_exists(db.get(), "migrations"));
}

// --- what the plan holds -----------------------------------------------------

BOOST_AUTO_TEST_CASE(the_plan_states_versions_and_where_the_copy_would_go) {
  temp_directory dir;
  scenario_run run;
  run.dir = dir.path();
  scenario_steps::applied(run, 1);
  options opts;
  opts.backup = [&](const backup_info& info) {
    return (dir.path() / ("v" + std::to_string(info.current_version) + "-v" + std::to_string(info.target_version)))
        .string();
  };
  const auto migrations = scenario_steps::three();
  const auto planned = plan(run.db.get(), migrations.set(), opts);
  BOOST_TEST(planned.current_version == 1);
  BOOST_TEST(planned.target_version == 3);
  BOOST_TEST(planned.already_applied == 1u);
  BOOST_TEST(planned.backup == (dir.path() / "v1-v3").string());
  BOOST_TEST(!fs::exists(planned.backup));
  BOOST_TEST(!planned.is_up_to_date());
}

BOOST_AUTO_TEST_CASE(an_unfinished_migration_is_reported_at_once) {
  temp_directory root;
  const auto& scenarios = apply_scenarios();
  const auto unfinished = std::find_if(scenarios.begin(), scenarios.end(), [](const scenario& s) {
    return std::string(s.name) == "an unfinished -- no-transaction migration";
  });
  auto run = build(*unfinished, root.path() / "run");
  run->opts.busy_timeout = std::chrono::hours(1);  // apply() would wait this long
  const auto planned = plan(run->connection(), run->set(), run->opts);
  BOOST_TEST_REQUIRE(planned.error.has_value());
  BOOST_TEST((planned.error->code == error_code::incomplete_migration));
  BOOST_TEST(planned.error->filename == "002_index.sql");
}
