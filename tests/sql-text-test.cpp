// The runtime's lexical helpers: comments, statements and positions.
#define BOOST_TEST_MODULE sql_text
#include <boost/test/unit_test.hpp>

#include "detail/sql_text.hpp"

using namespace embedded_migrations::detail;

BOOST_AUTO_TEST_CASE(skips_whitespace_and_both_comment_styles) {
  const std::string_view sql = "  -- a; comment\n /* block; \n */\tSELECT 1;";
  BOOST_TEST(skip_space_and_comments(sql) == sql.find("SELECT"));
  BOOST_TEST(skip_space_and_comments("/* never closed") == 15u);
  BOOST_TEST(skip_space_and_comments("-- no newline") == 13u);
}

BOOST_AUTO_TEST_CASE(statement_means_a_token_besides_semicolons) {
  BOOST_TEST(!has_statement(""));
  BOOST_TEST(!has_statement("  \n-- only a comment\n/* and another */\n"));
  BOOST_TEST(!has_statement(" ; ;\n-- x\n;"));
  BOOST_TEST(has_statement("-- c\nSELECT 1"));
}

BOOST_AUTO_TEST_CASE(last_token_ignores_trailing_comments_but_not_quoted_text) {
  BOOST_TEST(end_of_last_token("SELECT 1 -- trailing\n") == 8u);
  BOOST_TEST(end_of_last_token("SELECT '--not a comment' /* c */ \n") == 24u);
  BOOST_TEST(end_of_last_token("SELECT \"a;b\"") == 12u);
  BOOST_TEST(end_of_last_token("SELECT [x y]  ") == 12u);
  BOOST_TEST(end_of_last_token("SELECT 'it''s'") == 14u);
  BOOST_TEST(end_of_last_token("-- nothing\n") == 0u);
}

BOOST_AUTO_TEST_CASE(positions_are_one_based_lines_and_byte_columns) {
  const std::string_view text = "ab\ncd\n\nxyz";
  BOOST_TEST(position_of(text, 0).line == 1);
  BOOST_TEST(position_of(text, 0).column == 1);
  BOOST_TEST(position_of(text, 4).line == 2);
  BOOST_TEST(position_of(text, 4).column == 2);
  BOOST_TEST(position_of(text, 8).line == 4);
  BOOST_TEST(position_of(text, 8).column == 2);
  BOOST_TEST(position_of(text, 100).line == 4);  // clamped to the end
}

BOOST_AUTO_TEST_CASE(keywords_are_found_outside_strings_and_comments) {
  BOOST_TEST(first_token("  -- note\n  commit;") == "commit");
  BOOST_TEST(is_keyword(first_token("  -- note\n  commit;"), "COMMIT"));
  BOOST_TEST(is_keyword(first_token("/* x */ Vacuum INTO 'f'"), "VACUUM"));
  BOOST_TEST(!is_keyword(first_token("VACUUMS"), "VACUUM"));
  BOOST_TEST(first_token("'text' x") == "'text'");
  BOOST_TEST(first_token("  -- only a comment").empty());
  BOOST_TEST(contains_keyword("VACUUM main INTO 'x.db'", "INTO"));
  BOOST_TEST(!contains_keyword("VACUUM 'into'", "INTO"));
  BOOST_TEST(!contains_keyword("VACUUM -- into\n", "INTO"));
  BOOST_TEST(!contains_keyword("SELECT into_x FROM t", "INTO"));
}
