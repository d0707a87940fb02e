// GitHub Actions workflow commands: escaping as actions/toolkit packages/core/src/command.ts does
// (escapeData, escapeProperty), and one command per diagnostic.
#define BOOST_TEST_MODULE github
#include <boost/test/unit_test.hpp>

#include "output/github.hpp"

#include <string>

using namespace embedded_migrations::generator;
using namespace embedded_migrations::generator::output;

BOOST_AUTO_TEST_CASE(data_escapes_percent_cr_and_lf_only) {
  BOOST_TEST(escape_data("50% done\r\nnext: a, b") == "50%25 done%0D%0Anext: a, b");
  // '%' is escaped first in the toolkit, so an escape already in the text survives the round trip.
  BOOST_TEST(escape_data("%0A") == "%250A");
  BOOST_TEST(escape_data("") == "");
}

BOOST_AUTO_TEST_CASE(properties_also_escape_colon_and_comma) {
  BOOST_TEST(escape_property("a,b:c%\r\n") == "a%2Cb%3Ac%25%0D%0A");
  BOOST_TEST(escape_property("migrations/001_users.sql") == "migrations/001_users.sql");
}

BOOST_AUTO_TEST_CASE(an_error_is_an_error_command_and_a_note_a_notice) {
  const diagnostic error{"dir/002,x:y.sql", 3, 8, severity::error, "near \"TABL\": syntax error; 100%\nfix it"};
  BOOST_TEST(workflow_command(error) ==
             "::error file=dir/002%2Cx%3Ay.sql,line=3,col=8::near \"TABL\": syntax error; 100%25%0Afix it");
  const diagnostic note{"dir/001_a.sql", 1, 1, severity::note, "'001_a.sql' is the other file"};
  BOOST_TEST(workflow_command(note) == "::notice file=dir/001_a.sql,line=1,col=1::'001_a.sql' is the other file");
}
