// The public aggregates under C++20 designated initializers with -Wextra
// -Werror: every member has a default, so naming only some is warning-free.
#define BOOST_TEST_MODULE designated_initializers
#include <boost/test/unit_test.hpp>

#include "test_database.hpp"

#include <embedded_migrations/embedded_migrations.hpp>

using namespace embedded_migrations;
using namespace test_support;

BOOST_AUTO_TEST_CASE(options_and_migrations_take_designated_initializers) {
  static constexpr migration list[] = {
      {.version = 1, .filename = "001_a.sql", .sql = "CREATE TABLE a (x);\n", .checksum = "sum-a"},
  };
  auto db = open_database();
  const auto result = apply(db.get(), migration_set(list, 1), {.table_name = "history", .atomic = true});
  BOOST_TEST(result.applied.size() == 1u);
  BOOST_TEST(table_exists(db.get(), "history"));
  BOOST_TEST(status(db.get(), migration_set(list, 1), {.table_name = "history"}).front().state ==
             migration_state::applied);

  const event e{.kind = event_kind::applied, .version = 1};
  const migration_status s{.version = 1, .filename = "001_a.sql"};
  const applied_migration a{.version = 1};
  const apply_result r{.already_applied = 1};
  BOOST_TEST(e.position == 0u);
  BOOST_TEST(s.recorded_filename.empty());
  BOOST_TEST(a.filename.empty());
  BOOST_TEST(r.applied.empty());
  BOOST_TEST(list[0].transactional);

  const options field{.backup = "app-before.db", .backup_keep = 2};
  const backup_info run{.current_version = 1, .target_version = 2};
  const error_details d{.message = "m", .line = 3};
  const apply_plan p{.already_applied = 1};
  BOOST_TEST(field.backup.path_for(run) == "app-before.db");
  BOOST_TEST(!d);
  BOOST_TEST(p.is_up_to_date());
}
