// The --format json documents: format_version, sorted keys, the fields of each row, no reformatted text.
#define BOOST_TEST_MODULE json
#include <boost/test/unit_test.hpp>

#include "output/json.hpp"

#include <string>
#include <vector>

using namespace embedded_migrations;
using namespace embedded_migrations::generator;
using namespace embedded_migrations::generator::output;

BOOST_AUTO_TEST_CASE(a_diagnostic_keeps_its_fields) {
  const std::vector<diagnostic> diagnostics{{"m/002_a.sql", 3, 8, severity::error, "near \"TABL\": syntax error"},
                                            {"m/002_a.sql", 3, 1, severity::note, "in the statement: CREATE TABL"}};
  const auto doc = check_document(diagnostics, 2);
  BOOST_TEST(doc["format_version"] == 1);
  BOOST_TEST(doc["diagnostics"][0] == nlohmann::json::parse(R"({"path": "m/002_a.sql", "line": 3, "column": 8,
      "severity": "error", "message": "near \"TABL\": syntax error"})"));
  BOOST_TEST(doc["diagnostics"][1]["severity"] == "note");
  BOOST_TEST(doc["summary"] == nlohmann::json::parse(R"({"migrations_checked": 2, "errors": 1, "notes": 1})"));
}

BOOST_AUTO_TEST_CASE(keys_print_sorted_and_bytes_that_are_not_utf8_are_replaced) {
  const std::vector<diagnostic> diagnostics{{"m/\xff.sql", 1, 1, severity::error, "caf\xc3\xa9"}};
  const auto text = to_text(check_document(diagnostics, 0));
  BOOST_TEST(text.find("\"path\": \"m/\xef\xbf\xbd.sql\"") != std::string::npos, text);  // U+FFFD
  BOOST_TEST(text.find("\"message\": \"caf\xc3\xa9\"") != std::string::npos, text);
  BOOST_TEST(text.find("\"column\"") < text.find("\"line\""));
  BOOST_TEST(text.find("\"diagnostics\"") < text.find("\"format_version\""));
  BOOST_TEST(text.back() == '\n');
}

BOOST_AUTO_TEST_CASE(status_rows_say_null_where_status_has_no_value) {
  const std::vector<migration> set_rows{{1, "001_a.sql", "SELECT 1;\n", "aa", true},
                                        {7, "007_b.sql", "SELECT 2;\n", "bb", true}};
  const std::vector<migration_status> rows{
      {1, "001_a.sql", migration_state::applied, "2026-01-02 03:04:05", "aa", "aa"},
      {7, "007_b.sql", migration_state::pending, "", "", "bb"},
      {9, "009_c.sql", migration_state::unknown, "2026-01-02 03:04:06", "cc", ""}};
  const auto requirements = requirements_of(migration_set(set_rows.data(), set_rows.size()), "schema_log");
  const auto doc = status_document(rows, requirements, true);
  BOOST_TEST(doc["migrations"][0] == nlohmann::json::parse(R"({"version": 1, "filename": "001_a.sql",
      "state": "applied", "applied_at": "2026-01-02 03:04:05",
      "recorded_checksum": "aa", "embedded_checksum": "aa"})"));
  BOOST_TEST(doc["migrations"][1]["applied_at"].is_null());
  BOOST_TEST(doc["migrations"][1]["recorded_checksum"].is_null());
  BOOST_TEST(doc["migrations"][2]["embedded_checksum"].is_null());
  BOOST_TEST(doc["requirements"] ==
             nlohmann::json::parse(R"({"tracking_table": "schema_log", "migration_count": 2, "last_version": 7})"));
  BOOST_TEST(doc["summary"] == nlohmann::json::parse(
                                   R"({"applied": 1, "pending": 1, "modified": 0, "unknown": 1, "incomplete": 0})"));
  BOOST_TEST(requirements_json(requirements_of(migration_set(), "migrations"))["last_version"].is_null());
}

BOOST_AUTO_TEST_CASE(a_migration_error_keeps_its_code_name_and_fields) {
  const migration_error e(error_code::migration_failed, "002_b.sql:3: no such table: x; fix it", "002_b.sql", 1, 3);
  const auto doc = error_document(e);
  BOOST_TEST(doc == nlohmann::json::parse(R"({"format_version": 1, "error": {"code": "migration_failed",
      "message": "002_b.sql:3: no such table: x; fix it", "filename": "002_b.sql", "line": 3, "sqlite_code": 1}})"));
  BOOST_TEST(error_document("usage", "bad") ==
             nlohmann::json::parse(R"({"format_version": 1, "error": {"code": "usage", "message": "bad"}})"));
}
