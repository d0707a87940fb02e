// The noexcept twins of apply(), status(), plan(), restore(), verify_schema()
// and check_sqlite_support() report what the throwing forms throw: the same
// code in the std::error_code, and the same code, message, file, SQLite code,
// line and column in error_details.
#define BOOST_TEST_MODULE noexcept_call
#include <boost/test/unit_test.hpp>

#include "apply_scenarios.hpp"
#include "temp_directory.hpp"

#include <new>
#include <stdexcept>

using namespace embedded_migrations;
using namespace test_support;

namespace {

// What a call threw, as the twins should report it; nullopt when it did not.
template <typename Call>
std::optional<error_details> thrown_by(Call&& call) {
  try {
    call();
  } catch (const migration_error& e) {
    return error_details{make_error_code(e.code()), e.what(), e.filename(), e.sqlite_code(), e.line(), e.column()};
  }
  return std::nullopt;
}

void expect_same(const std::optional<error_details>& thrown, const std::error_code& ec, const error_details& details) {
  if (!thrown) {
    BOOST_TEST(!ec, ec.message());
    BOOST_TEST(!details, details.message);
    return;
  }
  BOOST_TEST((ec == thrown->code), thrown->message);
  BOOST_TEST((details.code == thrown->code));
  BOOST_TEST(details.message == thrown->message);
  BOOST_TEST(details.filename == thrown->filename);
  BOOST_TEST(details.sqlite_code == thrown->sqlite_code);
  BOOST_TEST(details.line == thrown->line);
  BOOST_TEST(details.column == thrown->column);
}

// Builds the scenario afresh for the throwing form and for each twin.
template <typename Throwing, typename WithCode, typename WithDetails>
void compare(const scenario& s, const std::filesystem::path& dir, Throwing throwing, WithCode with_code,
             WithDetails with_details) {
  const auto thrown = thrown_by([&] { throwing(*build(s, dir)); });
  std::error_code ec = make_error_code(error_code::busy);  // the twins must clear what they are given
  with_code(*build(s, dir), ec);
  error_details details{make_error_code(error_code::busy), "stale", "stale.sql", 1, 2, 3};
  with_details(*build(s, dir), details);
  expect_same(thrown, ec, details);
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_twin_reports_what_its_throwing_form_throws_in_every_scenario) {
  temp_directory root;
  const auto dir = root.path() / "run";
  int failures = 0;
  for (const auto& s : apply_scenarios()) {
    BOOST_TEST_CONTEXT(s.name << ", apply()") {
      const auto thrown = thrown_by([&] { auto r = build(s, dir); apply(r->connection(), r->set(), r->opts); });
      if (thrown) ++failures;
      compare(
          s, dir, [](scenario_run& r) { apply(r.connection(), r.set(), r.opts); },
          [](scenario_run& r, std::error_code& ec) { apply(r.connection(), r.set(), r.opts, ec); },
          [](scenario_run& r, error_details& e) { apply(r.connection(), r.set(), r.opts, e); });
    }
    BOOST_TEST_CONTEXT(s.name << ", status()") {
      compare(
          s, dir, [](scenario_run& r) { status(r.connection(), r.set(), r.opts); },
          [](scenario_run& r, std::error_code& ec) { status(r.connection(), r.set(), r.opts, ec); },
          [](scenario_run& r, error_details& e) { status(r.connection(), r.set(), r.opts, e); });
    }
    BOOST_TEST_CONTEXT(s.name << ", plan()") {
      compare(
          s, dir, [](scenario_run& r) { plan(r.connection(), r.set(), r.opts); },
          [](scenario_run& r, std::error_code& ec) { plan(r.connection(), r.set(), r.opts, ec); },
          [](scenario_run& r, error_details& e) { plan(r.connection(), r.set(), r.opts, e); });
    }
    BOOST_TEST_CONTEXT(s.name << ", verify_schema()") {
      compare(
          s, dir, [](scenario_run& r) { verify_schema(r.connection(), r.set(), r.opts); },
          [](scenario_run& r, std::error_code& ec) { verify_schema(r.connection(), r.set(), r.opts, {}, ec); },
          [](scenario_run& r, error_details& e) { verify_schema(r.connection(), r.set(), r.opts, {}, e); });
    }
    BOOST_TEST_CONTEXT(s.name << ", check_sqlite_support()") {
      compare(
          s, dir, [](scenario_run& r) { check_sqlite_support(r.connection(), r.set()); },
          [](scenario_run& r, std::error_code& ec) { check_sqlite_support(r.connection(), r.set(), ec); },
          [](scenario_run& r, error_details& e) { check_sqlite_support(r.connection(), r.set(), e); });
    }
  }
  BOOST_TEST(failures >= 20);  // the scenarios do fail apply(), in many ways
}

BOOST_AUTO_TEST_CASE(restore_twins_report_what_restore_throws) {
  temp_directory root;
  const auto dir = root.path() / "run";
  const std::vector<scenario> restores = {
      {"a backup", [](scenario_run& r) {
         scenario_steps::applied(r, 1);
         auto copy = open_database((r.dir / "copy.db").string());
         exec(copy.get(), "CREATE TABLE t (x)");
       }},
      {"no such file", [](scenario_run& r) { scenario_steps::open(r); }},
      {"not a database", [](scenario_run& r) {
         scenario_steps::open(r);
         scenario_steps::write_file(r.dir / "copy.db", std::string(4096, 'x'));
       }},
      {"an open transaction", [](scenario_run& r) {
         scenario_steps::open(r);
         exec(open_database((r.dir / "copy.db").string()).get(), "CREATE TABLE t (x)");
         exec(r.db.get(), "BEGIN");
       }},
      {"no connection", [](scenario_run& r) { r.null_connection = true; }},
  };
  for (const auto& s : restores) {
    BOOST_TEST_CONTEXT(s.name) {
      const auto copy = [](const scenario_run& r) { return (r.dir / "copy.db").string(); };
      compare(
          s, dir, [&](scenario_run& r) { restore(r.connection(), copy(r)); },
          [&](scenario_run& r, std::error_code& ec) { restore(r.connection(), copy(r), ec); },
          [&](scenario_run& r, error_details& e) { restore(r.connection(), copy(r), e); });
    }
  }
}

BOOST_AUTO_TEST_CASE(an_exception_from_a_callback_is_reported_not_thrown) {
  auto db = open_database();
  const auto list = scenario_steps::three();
  options opts;
  opts.on_event = [](const event&) { throw std::runtime_error("the application's logger failed"); };
  BOOST_CHECK_THROW(apply(db.get(), list.set(), opts), std::runtime_error);

  auto fresh = open_database();
  error_details details;
  const auto result = apply(fresh.get(), list.set(), opts, details);
  BOOST_TEST((details.code == error_code::unexpected_exception));
  BOOST_TEST(details.message.find("the application's logger failed") != std::string::npos, details.message);
  BOOST_TEST(result.applied.empty());

  opts.on_event = [](const event&) { throw std::bad_alloc(); };
  std::error_code ec;
  apply(open_database().get(), list.set(), opts, ec);
  BOOST_TEST((ec == std::errc::not_enough_memory), ec.message());
}

BOOST_AUTO_TEST_CASE(a_failing_migration_reports_its_file_line_and_column) {
  auto db = open_database();
  migration_list m;
  m.add(1, "001_typo.sql", "CREATE TABLE t (x);\n\n   SELEC 1;\n");
  error_details details;
  apply(db.get(), m.set(), {}, details);
  BOOST_TEST((details.code == error_code::migration_failed));
  BOOST_TEST(details.filename == "001_typo.sql");
  BOOST_TEST(details.line == 3);
  BOOST_TEST(details.column == 4);  // where the statement starts: the runtime's SQLite may predate error offsets
  BOOST_TEST(details.message.find("001_typo.sql:3:4: migration failed") == 0u, details.message);
}
