// The file name `embed-migrations new` picks, in the directory's convention.
#define BOOST_TEST_MODULE new_migration
#include <boost/test/unit_test.hpp>

#include "new_migration.hpp"

using namespace embedded_migrations::generator;

namespace {

constexpr std::time_t noon_2026_11_24 = 1795521600;  // 2026-11-24 12:00:00 UTC

std::string next(const std::vector<std::string>& existing, std::string_view description = "add_tags") {
  const auto name = next_migration_filename(existing, description, noon_2026_11_24);
  BOOST_REQUIRE_MESSAGE(name.problem.empty(), name.problem);
  return name.filename;
}

}  // namespace

BOOST_AUTO_TEST_CASE(empty_directory_starts_at_001) {
  BOOST_TEST(next({}) == "001_add_tags.sql");
  BOOST_TEST(next({"README.md", ".hidden.sql"}) == "001_add_tags.sql");
}

BOOST_AUTO_TEST_CASE(numbers_continue_with_the_newest_files_padding) {
  BOOST_TEST(next({"001_a.sql", "006_f.sql", "README.md"}) == "007_add_tags.sql");
  BOOST_TEST(next({"1_a.sql", "42_b.sql"}) == "43_add_tags.sql");
  BOOST_TEST(next({"0099_x.sql"}) == "0100_add_tags.sql");
  BOOST_TEST(next({"999_x.sql"}) == "1000_add_tags.sql");
  BOOST_TEST(next({"005_e.sql", "4-bad.sql"}) == "006_add_tags.sql");  // badly named files do not count
}

BOOST_AUTO_TEST_CASE(timestamp_directories_get_a_utc_timestamp_after_the_newest) {
  BOOST_TEST(next({"20240101120000_a.sql"}) == "20261124120000_add_tags.sql");
  // A clock behind the newest file still yields a later version.
  BOOST_TEST(next({"20301231235959_future.sql"}) == "20310101000000_add_tags.sql");
}

BOOST_AUTO_TEST_CASE(descriptions_that_make_bad_names_are_refused) {
  for (const std::string bad : {"add users", "", "café", "add.users", "a/b"}) {
    const auto name = next_migration_filename({}, bad, noon_2026_11_24);
    BOOST_TEST(name.filename.empty(), bad);
    BOOST_TEST(name.problem.find("cannot describe a migration") != std::string::npos, name.problem);
  }
}

BOOST_AUTO_TEST_CASE(new_file_explains_what_to_do) {
  const auto text = new_migration_text("007_add_tags.sql");
  BOOST_TEST(text.find("-- 007_add_tags.sql\n") == 0u);
  BOOST_TEST(text.find("never edit it again") != std::string::npos);
}
