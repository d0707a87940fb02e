// Normalization of a file's bytes and the UTF-8 check.
#define BOOST_TEST_MODULE source_text
#include <boost/test/unit_test.hpp>

#include "source_text.hpp"

using namespace embedded_migrations::generator;

BOOST_AUTO_TEST_CASE(strips_a_leading_bom_only) {
  BOOST_TEST(normalize_source("\xEF\xBB\xBFSELECT 1;\n") == "SELECT 1;\n");
  BOOST_TEST(normalize_source("SELECT '\xEF\xBB\xBF';\n") == "SELECT '\xEF\xBB\xBF';\n");
}

BOOST_AUTO_TEST_CASE(turns_crlf_and_lone_cr_into_lf) {
  BOOST_TEST(normalize_source("a\r\nb\r\n") == "a\nb\n");
  BOOST_TEST(normalize_source("a\rb\r") == "a\nb\n");
  BOOST_TEST(normalize_source("a\r\r\nb") == "a\n\nb");
  BOOST_TEST(normalize_source("\xEF\xBB\xBF" "a\r\n") == normalize_source("a\n"));
}

BOOST_AUTO_TEST_CASE(accepts_well_formed_utf8) {
  BOOST_TEST(!find_invalid_utf8("plain ascii"));
  BOOST_TEST(!find_invalid_utf8("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 \xF4\x8F\xBF\xBF"));
}

BOOST_AUTO_TEST_CASE(finds_the_first_malformed_byte) {
  BOOST_TEST(*find_invalid_utf8("ab\xFF") == 2u);
  BOOST_TEST(*find_invalid_utf8("a\xC3") == 1u);              // truncated
  BOOST_TEST(*find_invalid_utf8("\xC0\xAF") == 0u);           // overlong '/'
  BOOST_TEST(*find_invalid_utf8("\xE0\x80\xAF") == 0u);       // overlong
  BOOST_TEST(*find_invalid_utf8("x\xED\xA0\x80") == 1u);      // UTF-16 surrogate
  BOOST_TEST(*find_invalid_utf8("\xF4\x90\x80\x80") == 0u);   // past U+10FFFF
  BOOST_TEST(*find_invalid_utf8("\xC3\xA9\x80") == 2u);       // stray continuation
}
