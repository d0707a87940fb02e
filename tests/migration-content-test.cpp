// What a migration file must contain.
#define BOOST_TEST_MODULE migration_content
#include <boost/test/unit_test.hpp>

#include "migration_content.hpp"

using namespace embedded_migrations::generator;

namespace {

// The single problem's message; fails the test unless there is exactly one.
std::string only_problem(std::string_view raw, std::size_t expected_offset) {
  const auto content = check_content(raw);
  BOOST_REQUIRE_EQUAL(content.problems.size(), 1u);
  BOOST_TEST(content.problems[0].offset == expected_offset);
  return content.problems[0].message;
}

}  // namespace

BOOST_AUTO_TEST_CASE(valid_file_is_normalized_and_transactional) {
  const auto content = check_content("\xEF\xBB\xBF" "CREATE TABLE t (x);\r\n");
  BOOST_TEST(content.problems.empty());
  BOOST_TEST(content.sql == "CREATE TABLE t (x);\n");
  BOOST_TEST(content.transactional);
}

BOOST_AUTO_TEST_CASE(tricky_but_valid_sql_passes) {
  const char* valid[] = {
      "CREATE TABLE t (x);\nCREATE TRIGGER tr AFTER INSERT ON t BEGIN\n  UPDATE t SET x = 1;\n  SELECT 2;\nEND;\n",
      "INSERT INTO t VALUES ('a; -- not a comment');\n",
      "CREATE TABLE \"we;ird\" (\"a--b\" TEXT);\n",
      "/* a comment; with semicolons */ SELECT 1; -- trailing comment",
      "SELECT 1;;;\n",
      "CREATE TABLE caf\xC3\xA9 (\xE5\x90\x8D TEXT);\n",
  };
  for (const char* sql : valid) {
    const auto content = check_content(sql);
    BOOST_TEST(content.problems.empty(), sql << ": " << (content.problems.empty() ? "" : content.problems[0].message));
  }
}

BOOST_AUTO_TEST_CASE(no_transaction_directive_on_the_first_line) {
  BOOST_TEST(!check_content("-- no-transaction\nVACUUM;\n").transactional);
  BOOST_TEST(!check_content("-- no-transaction  \r\nVACUUM;\r\n").transactional);
  BOOST_TEST(!check_content("\xEF\xBB\xBF-- no-transaction\nVACUUM;\n").transactional);
  BOOST_TEST(check_content("-- no-transactions are fine here\nSELECT 1;\n").transactional);
}

BOOST_AUTO_TEST_CASE(misplaced_or_misspelt_directive_is_an_error) {
  BOOST_TEST(only_problem("SELECT 1;\n-- no-transaction\n", 10).find("first line") != std::string::npos);
  BOOST_TEST(only_problem("--no-transaction\nSELECT 1;\n", 0).find("did you mean") != std::string::npos);
  BOOST_TEST(only_problem("-- NO_TRANSACTION\nSELECT 1;\n", 0).find("did you mean") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_directive_may_give_a_reason) {
  BOOST_TEST(!check_content("-- no-transaction: VACUUM cannot run in a transaction\nVACUUM;\n").transactional);
  BOOST_TEST(!check_content("-- no-transaction  the 12-step rebuild needs foreign_keys off\nVACUUM;\n").transactional);
  BOOST_TEST(!check_content("-- no-transaction:\nVACUUM;\n").transactional);
  BOOST_TEST(only_problem("--no-transaction: typo\nSELECT 1;\n", 0).find("did you mean") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_indented_directive_is_an_error_saying_so) {
  const auto problem = only_problem("  -- no-transaction\nVACUUM;\n", 0);
  BOOST_TEST(problem.find("must start in the first column of the first line, and this one is indented by 2 "
                          "characters; remove the indentation") != std::string::npos,
             problem);
  BOOST_TEST(check_content("\t-- no-transaction\nVACUUM;\n").transactional);
  BOOST_TEST(only_problem("SELECT 1;\n    -- no-transaction\n", 14).find("first line") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_directive_inside_a_string_or_block_comment_is_not_a_directive) {
  for (const char* sql : {"SELECT 1;\nSELECT '\n-- no-transaction\n';\n",
                          "SELECT 1;\n/* notes\n-- no-transaction\n*/\nSELECT 2;\n",
                          "SELECT 1;\nCREATE TABLE \"a\n-- no-transaction\" (x);\n",
                          "SELECT '-- no-transaction';\n",
                          "SELECT 1; -- no-transaction is not needed here\n",
                          "SELECT 'it''s\n--no-transaction';\n"}) {
    const auto content = check_content(sql);
    BOOST_TEST(content.problems.empty(), sql);
    BOOST_TEST(content.transactional, sql);
  }
}

BOOST_AUTO_TEST_CASE(a_file_without_statements_is_an_error) {
  BOOST_TEST(only_problem("", 0).find("no SQL statement") != std::string::npos);
  BOOST_TEST(only_problem("  \n\n", 0).find("no SQL statement") != std::string::npos);
  BOOST_TEST(only_problem("-- just a note\n/* and this */\n;\n", 0).find("no SQL statement") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(unterminated_last_statement_points_where_the_semicolon_belongs) {
  BOOST_TEST(only_problem("SELECT 1;\nSELECT 2 -- done\n", 18).find("end it with ';'") != std::string::npos);
  // A trigger body without END; is incomplete even though its statements end in ';'.
  only_problem("CREATE TRIGGER tr AFTER INSERT ON t BEGIN\n  SELECT 1;\n", 53);
  only_problem("SELECT 'unclosed;\n", 18);
}

BOOST_AUTO_TEST_CASE(encoding_problems_are_located) {
  BOOST_TEST(only_problem(std::string_view("SELECT 1;\n\0x;", 13), 10).find("NUL byte") != std::string::npos);
  BOOST_TEST(only_problem("SELECT '\xC3(';\n", 8).find("invalid UTF-8 (byte 0xc3)") != std::string::npos);
  BOOST_TEST(only_problem("\xFF\xFES\x00", 0).find("UTF-16") != std::string::npos);
}
