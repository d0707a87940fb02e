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

BOOST_AUTO_TEST_CASE(spaces_and_punctuation_in_descriptions_become_underscores) {
  BOOST_TEST(next({}, "add user email") == "001_add_user_email.sql");
  BOOST_TEST(next({}, "  add.users / v2 ") == "001_add_users_v2.sql");
  BOOST_TEST(next({}, "a/b") == "001_a_b.sql");
  BOOST_TEST(next({}, "keep-dashes_and_underscores") == "001_keep-dashes_and_underscores.sql");
}

BOOST_AUTO_TEST_CASE(no_version_past_the_largest_is_proposed) {
  const auto last = next_migration_filename({"9223372036854775807_last.sql"}, "more", noon_2026_11_24);
  BOOST_TEST(last.filename.empty(), last.filename);
  BOOST_TEST(last.problem.find("no version can follow 9223372036854775807") != std::string::npos, last.problem);
  BOOST_TEST(next({"9223372036854775806_x.sql"}) == "9223372036854775807_add_tags.sql");
}

BOOST_AUTO_TEST_CASE(no_timestamp_past_the_year_9999_is_proposed) {
  const auto last = next_migration_filename({"99991231235959_last.sql"}, "more", noon_2026_11_24);
  BOOST_TEST(last.filename.empty(), last.filename);
  BOOST_TEST(last.problem.find("no timestamp version can follow 99991231235959") != std::string::npos, last.problem);
  BOOST_TEST(next({"99991231235958_x.sql"}) == "99991231235959_add_tags.sql");
}

BOOST_AUTO_TEST_CASE(descriptions_that_make_bad_names_are_refused) {
  for (const std::string bad : {"", "café", " ", "..."}) {
    const auto name = next_migration_filename({}, bad, noon_2026_11_24);
    BOOST_TEST(name.filename.empty(), bad);
    BOOST_TEST(name.problem.find("cannot describe a migration") != std::string::npos, name.problem);
  }
}

BOOST_AUTO_TEST_CASE(a_description_too_long_for_a_file_name_is_refused_with_the_limit) {
  // 255 bytes is the longest file name ext4, NTFS and APFS allow: the file
  // system said only "File name too long", naming no remedy.
  const auto name = next_migration_filename({}, std::string(300, 'a'), noon_2026_11_24);
  BOOST_TEST(name.filename.empty());
  BOOST_TEST(name.problem.find("308 bytes") != std::string::npos, name.problem);
  BOOST_TEST(name.problem.find("shorten the description") != std::string::npos, name.problem);
  BOOST_TEST(next({}, std::string(247, 'a')) == "001_" + std::string(247, 'a') + ".sql");  // 255 bytes
}

BOOST_AUTO_TEST_CASE(new_file_explains_what_to_do_without_naming_itself) {
  const auto text = new_migration_text();
  BOOST_TEST(text.find("never edit it again") != std::string::npos);
  BOOST_TEST(text.find(".sql") == std::string::npos, text);  // a renumbered file would carry a stale name
  // A file without a statement is a placeholder that checks and applies (cli-test), so the
  // comment must not tell the user the build fails until they write one.
  BOOST_TEST(text.find("fails") == std::string::npos, text);
  BOOST_TEST(text.find("runs nothing") != std::string::npos, text);
}
