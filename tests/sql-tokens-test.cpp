// The tokenizer under the feature table's token rules (checks/sql_tokens.hpp).
#define BOOST_TEST_MODULE sql_tokens
#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

#include "checks/sql_tokens.hpp"

using namespace embedded_migrations::generator;

namespace {

std::vector<std::string> texts(std::string_view sql) {
  std::vector<std::string> out;
  for (const auto& token : tokenize(sql)) out.emplace_back(token.text);
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(comments_and_whitespace_are_skipped_and_offsets_point_into_the_text) {
  const std::string sql = "  SELECT -- DROP\n /* RETURNING */ a\t;";
  const auto tokens = tokenize(sql);
  BOOST_TEST_REQUIRE(tokens.size() == 3u);
  BOOST_TEST(tokens[0].offset == 2u);
  BOOST_TEST(tokens[1].offset == sql.find('a'));
  BOOST_TEST(tokens[2].text == ";");
}

BOOST_AUTO_TEST_CASE(strings_and_quoted_identifiers_are_single_tokens_that_are_never_words) {
  const auto tokens = tokenize("'it''s DROP' \"a \"\"b\"\" DROP\" `DROP` [DROP] X'0A' DROP");
  BOOST_TEST_REQUIRE(tokens.size() == 6u);
  BOOST_TEST((tokens[0].type == sql_token::kind::string));
  BOOST_TEST((tokens[1].type == sql_token::kind::quoted));
  BOOST_TEST((tokens[2].type == sql_token::kind::quoted));
  BOOST_TEST((tokens[3].type == sql_token::kind::quoted));
  BOOST_TEST((tokens[4].type == sql_token::kind::string));
  for (std::size_t i = 0; i < 5; ++i) BOOST_TEST(!is_word(tokens[i], "DROP"));
  BOOST_TEST(is_word(tokens[5], "DROP"));
  BOOST_TEST(is_word(tokenize("drop")[0], "DROP"));
}

BOOST_AUTO_TEST_CASE(operators_take_the_longest_match) {
  BOOST_TEST(
      texts("a->>'$'->b||c<>d") == (std::vector<std::string>{"a", "->>", "'$'", "->", "b", "||", "c", "<>", "d"}),
      boost::test_tools::per_element());
  BOOST_TEST(
      texts("1.5e-3 - .5 ?1 :name $x @y") == (std::vector<std::string>{"1.5e-3", "-", ".5", "?1", ":name", "$x", "@y"}),
      boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(unterminated_strings_identifiers_and_comments_run_to_the_end) {
  for (std::string_view sql : {"'abc", "\"abc", "[abc", "`abc", "/* abc", "-- abc", "X'"}) {
    const auto tokens = tokenize(sql);
    BOOST_TEST(tokens.size() <= 1u, sql);
    for (const auto& token : tokens) BOOST_TEST(token.offset + token.text.size() == sql.size(), sql);
  }
}

BOOST_AUTO_TEST_CASE(utf8_letters_belong_to_words) {
  BOOST_TEST(texts("café DROP") == (std::vector<std::string>{"café", "DROP"}), boost::test_tools::per_element());
}
