// SHA-256 against published test vectors.
#define BOOST_TEST_MODULE checksum
#include <boost/test/unit_test.hpp>

#include "checksum.hpp"
#include "source_text.hpp"

#include <string>

using namespace embedded_migrations::generator;

BOOST_AUTO_TEST_CASE(matches_fips_180_vectors) {
  BOOST_TEST(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  BOOST_TEST(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  BOOST_TEST(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
             "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  BOOST_TEST(sha256_hex(std::string(1000000, 'a')) ==
             "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

BOOST_AUTO_TEST_CASE(crlf_and_bom_checkouts_get_the_lf_checksum) {
  const std::string lf = "CREATE TABLE t (x);\nINSERT INTO t VALUES (1);\n";
  const std::string crlf_bom = "\xEF\xBB\xBF" "CREATE TABLE t (x);\r\nINSERT INTO t VALUES (1);\r\n";
  BOOST_TEST(sha256_hex(normalize_source(crlf_bom)) == sha256_hex(normalize_source(lf)));
  BOOST_TEST(sha256_hex(normalize_source(lf)) == sha256_hex(lf));  // what sha256sum prints for the LF file
}
