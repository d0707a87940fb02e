// The emitter's byte-exact round trip: migrations compiled into this test
// (tests/data/roundtrip plus a long line made at configure time) must equal
// the normalized bytes of their files.
#define BOOST_TEST_MODULE roundtrip
#include <boost/test/unit_test.hpp>

#include "checksum.hpp"
#include "temp_directory.hpp"
#include "test_database.hpp"

#include <embedded_migrations/embedded_migrations.hpp>
#include <roundtrip/schema.hpp>

#include <filesystem>

namespace fs = std::filesystem;

namespace {

std::string expected_text(const std::string& filename) {
  const fs::path normalized_twin = fs::path(ROUNDTRIP_EXPECTED_DIR) / filename;
  return test_support::read_bytes(fs::exists(normalized_twin) ? normalized_twin
                                                              : fs::path(ROUNDTRIP_MIGRATIONS_DIR) / filename);
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_migration_round_trips_byte_for_byte) {
  const auto& set = roundtrip::schema::migrations();
  BOOST_REQUIRE_EQUAL(set.size(), 6u);
  std::int64_t previous = 0;
  for (const auto& m : set) {
    BOOST_TEST_CONTEXT(m.filename) {
      BOOST_TEST(m.version > previous);
      previous = m.version;
      const auto expected = expected_text(std::string(m.filename));
      BOOST_TEST(m.sql.size() == expected.size());
      BOOST_TEST((m.sql == expected));
      BOOST_TEST(m.checksum == embedded_migrations::generator::sha256_hex(expected));
    }
  }
  BOOST_TEST(set[5].sql.size() > 100000u);  // the long line
  BOOST_TEST(!set[4].transactional);
  BOOST_TEST(set[3].transactional);
}

BOOST_AUTO_TEST_CASE(embedded_set_applies_to_a_real_database) {
  auto db = test_support::open_database();
  const auto result = embedded_migrations::apply(db.get(), roundtrip::schema::migrations());
  BOOST_TEST(result.applied.size() == 6u);
  BOOST_TEST(test_support::rows(db.get(), "SELECT v FROM t WHERE v LIKE 'it%'").front() == "it's \"quoted\"");
}

BOOST_AUTO_TEST_CASE(embedded_schema_matches_the_database_the_set_produces) {
  const auto& set = roundtrip::schema::migrations();
  BOOST_TEST(!set.schema().empty());
  auto db = test_support::open_database();
  embedded_migrations::options opts;
  opts.verify_schema = true;
  embedded_migrations::apply(db.get(), set, opts);
  const auto report = embedded_migrations::verify_schema(db.get(), set);
  BOOST_TEST(report.state == embedded_migrations::schema_state::comparable);
  BOOST_TEST(report.differences.empty(), embedded_migrations::describe(report));
  // FRESH_SNAPSHOT: a -- no-transaction file makes the set ineligible, and the set says so.
  BOOST_TEST(set.fresh_snapshot().empty());
  BOOST_TEST(set.fresh_snapshot_refusal() == "005_no_transaction.sql runs outside a transaction (-- no-transaction)");
}
