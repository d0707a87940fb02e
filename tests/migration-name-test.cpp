// The <version>_<description>.sql rule.
#define BOOST_TEST_MODULE migration_name
#include <boost/test/unit_test.hpp>

#include "migration_name.hpp"

using namespace embedded_migrations::generator;

namespace {

std::string problem(std::string_view filename) {
  auto parsed = parse_migration_name(filename);
  auto* message = std::get_if<std::string>(&parsed);
  BOOST_REQUIRE_MESSAGE(message, filename << " was accepted");
  return *message;
}

}  // namespace

BOOST_AUTO_TEST_CASE(accepts_any_digit_count_and_the_description_alphabet) {
  const auto check = [](std::string_view filename, std::int64_t version, std::string_view description) {
    auto parsed = parse_migration_name(filename);
    auto* name = std::get_if<migration_name>(&parsed);
    BOOST_REQUIRE_MESSAGE(name, filename << ": " << (name ? "" : std::get<std::string>(parsed)));
    BOOST_TEST(name->version == version);
    BOOST_TEST(name->description == description);
  };
  check("001_create_users.sql", 1, "create_users");
  check("42_x.sql", 42, "x");
  check("20240101120000_add-index_2.sql", 20240101120000, "add-index_2");
  check("0_zero.sql", 0, "zero");
  check("9223372036854775807_max.sql", 9223372036854775807, "max");
}

BOOST_AUTO_TEST_CASE(each_malformed_name_says_what_to_fix) {
  BOOST_TEST(problem("4-add.sql").find("followed by '_'") != std::string::npos);
  BOOST_TEST(problem("004_.sql").find("empty description") != std::string::npos);
  BOOST_TEST(problem("004_add.SQL").find("rename it to '004_add.sql'") != std::string::npos);
  BOOST_TEST(problem("add.sql").find("does not start with a version") != std::string::npos);
  BOOST_TEST(problem("004.sql").find("followed by '_'") != std::string::npos);
  BOOST_TEST(problem("004_add users.sql").find("contains a space") != std::string::npos);
  BOOST_TEST(problem("004_add.users.sql").find("contains '.'") != std::string::npos);
  BOOST_TEST(problem("004_caf\xC3\xA9.sql").find("byte 0xc3") != std::string::npos);
  BOOST_TEST(problem("9223372036854775808_x.sql").find("64 bits") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(only_visible_files_ending_in_sql_are_migrations) {
  BOOST_TEST(is_sql_file_name("001_a.sql"));
  BOOST_TEST(is_sql_file_name("001_a.SQL"));  // checked, then refused for its case
  BOOST_TEST(is_sql_file_name("add.sql"));
  BOOST_TEST(!is_sql_file_name("README.md"));
  BOOST_TEST(!is_sql_file_name("001_a.sql.orig"));
  BOOST_TEST(!is_sql_file_name(".#001_a.sql"));  // editor lock file
}

BOOST_AUTO_TEST_CASE(up_and_down_files_of_a_reversible_pair_keep_their_version_and_description) {
  const auto up = std::get<migration_name>(parse_migration_name("001_users.up.sql"));
  BOOST_TEST(up.version == 1);
  BOOST_TEST(up.description == "users");
  BOOST_TEST(to_string(up.kind) == std::string("up"));
  const auto down = std::get<migration_name>(parse_migration_name("001_users.down.sql"));
  BOOST_TEST(down.description == "users");
  BOOST_TEST(to_string(down.kind) == std::string("down"));
  BOOST_TEST(to_string(std::get<migration_name>(parse_migration_name("001_users.sql")).kind) == std::string("plain"));
  // Only one final .up or .down is a role; other dots stay errors.
  BOOST_TEST(std::holds_alternative<std::string>(parse_migration_name("001_a.b.up.sql")));
  BOOST_TEST(std::holds_alternative<std::string>(parse_migration_name("001_.up.sql")));
}
