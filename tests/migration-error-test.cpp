// error_code as a std::error_code: the category, its messages and the
// portable conditions; the names of event kinds.
#define BOOST_TEST_MODULE migration_error
#include <boost/test/unit_test.hpp>

#include <embedded_migrations/embedded_migrations.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <system_error>

using namespace embedded_migrations;

namespace {

// Every code, by value: they run from 1 to the last one without gaps.
std::vector<error_code> every_code() {
  std::vector<error_code> codes;
  for (int value = 1; value <= static_cast<int>(error_code::unexpected_exception); ++value) {
    codes.push_back(static_cast<error_code>(value));
  }
  return codes;
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_code_is_a_failure_with_a_name_and_a_message_of_its_own) {
  std::set<std::string> names;
  std::set<std::string> messages;
  for (const auto code : every_code()) {
    const std::error_code ec = code;  // is_error_code_enum: converts implicitly
    BOOST_TEST(static_cast<bool>(ec), to_string(code));  // none is 0, which means success
    BOOST_TEST(ec.category().name() == std::string("embedded_migrations"));
    BOOST_TEST((&ec.category() == &migration_category()));
    BOOST_TEST(ec.message().find("unknown") == std::string::npos, ec.message());
    BOOST_TEST(std::string(to_string(code)) != "unknown");
    names.insert(to_string(code));
    messages.insert(ec.message());
  }
  BOOST_TEST(names.size() == every_code().size());
  BOOST_TEST(messages.size() == every_code().size());
  BOOST_TEST(make_error_code(static_cast<error_code>(999)).message() == "unknown embedded_migrations error 999");
}

BOOST_AUTO_TEST_CASE(codes_with_a_portable_meaning_compare_equal_to_std_errc) {
  BOOST_TEST((make_error_code(error_code::disk_full) == std::errc::no_space_on_device));
  BOOST_TEST((make_error_code(error_code::backup_no_space) == std::errc::no_space_on_device));
  BOOST_TEST((make_error_code(error_code::busy) == std::errc::device_or_resource_busy));
  BOOST_TEST((make_error_code(error_code::read_only) == std::errc::read_only_file_system));
  BOOST_TEST((make_error_code(error_code::io_error) == std::errc::io_error));
  BOOST_TEST((make_error_code(error_code::invalid_argument) == std::errc::invalid_argument));
  BOOST_TEST((make_error_code(error_code::checksum_mismatch) != std::errc::invalid_argument));
  // ... and still equal to their own code only.
  BOOST_TEST((make_error_code(error_code::disk_full) != make_error_code(error_code::backup_no_space)));
  BOOST_TEST((make_error_code(error_code::disk_full) == error_code::disk_full));
}

BOOST_AUTO_TEST_CASE(a_migration_error_without_a_place_has_line_and_column_zero) {
  const migration_error error(error_code::busy, "held");
  BOOST_TEST(error.line() == 0);
  BOOST_TEST(error.column() == 0);
  const migration_error placed(error_code::migration_failed, "m", "001_a.sql", 1, 3, 5);
  BOOST_TEST(placed.line() == 3);
  BOOST_TEST(placed.column() == 5);
}

BOOST_AUTO_TEST_CASE(every_event_kind_has_a_distinct_name) {
  std::set<std::string> names;
  for (const auto kind : {event_kind::started, event_kind::applied, event_kind::failed, event_kind::out_of_order,
                          event_kind::baselined, event_kind::adopted, event_kind::destructive}) {
    names.insert(to_string(kind));
  }
  BOOST_TEST(names.size() == 7u);
  BOOST_TEST(names.count("unknown") == 0u);
  BOOST_TEST(std::string(to_string(event_kind::out_of_order)) == "out_of_order");
}
