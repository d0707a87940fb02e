// `embed-migrations import`: reading other tools' directories.
//
// Groups:
//   --- marker sections ---  goose, dbmate and sql-migrate up/down grammars
//   --- file layouts ---     golang-migrate, sqlx, diesel, Flyway, sql-migrate names and order
//   --- the import ---       shared checks, the report, the output directory
// The file-shaped cases (whole directories in, directories and reports out)
// are the corpus in tests/data/import, run by import_case.cmake.
#define BOOST_TEST_MODULE import
#include <boost/test/unit_test.hpp>

#include "import/import_directory.hpp"
#include "import/marker_sections.hpp"

#include "temp_directory.hpp"

#include <algorithm>
#include <set>

using namespace embedded_migrations::generator;
using namespace embedded_migrations::generator::import;
using test_support::read_bytes;
using test_support::temp_directory;

namespace {

up_section up_of(std::string_view text, const marker_grammar& grammar) {
  auto result = keep_up_section(text, grammar, "m.sql");
  if (auto* problem = std::get_if<diagnostic>(&result)) BOOST_FAIL("unexpected problem: " + problem->message);
  return std::get<up_section>(result);
}

diagnostic problem_of(std::string_view text, const marker_grammar& grammar) {
  auto result = keep_up_section(text, grammar, "m.sql");
  BOOST_REQUIRE_MESSAGE(std::holds_alternative<diagnostic>(result), "expected a problem");
  return std::get<diagnostic>(result);
}

bool has_change(const std::vector<std::string>& changes, const std::string& change) {
  return std::find(changes.begin(), changes.end(), change) != changes.end();
}

const imported_migration& migration_from(const conversion& c, const std::string& source) {
  const auto found = std::find_if(c.migrations.begin(), c.migrations.end(),
                                  [&](const imported_migration& m) { return m.source == source; });
  BOOST_REQUIRE_MESSAGE(found != c.migrations.end(), source + " was not imported");
  return *found;
}

std::set<std::string> rejected_sources(const conversion& c) {
  std::set<std::string> sources;
  for (const auto& r : c.rejected) sources.insert(r.source);
  return sources;
}

}  // namespace

// --- marker sections ---

BOOST_AUTO_TEST_CASE(goose_keeps_the_up_section_and_never_the_down_part) {
  const auto up = up_of(
      "-- +goose Up\n-- +goose StatementBegin\nCREATE TABLE users (id INTEGER);\n-- +goose StatementEnd\n\n"
      "-- +goose Down\n-- +goose StatementBegin\nDROP TABLE users;\n-- +goose StatementEnd\n",
      goose_markers);
  BOOST_TEST(up.sql == "CREATE TABLE users (id INTEGER);\n");
  BOOST_TEST(up.transactional);
  BOOST_TEST(has_change(up.changes, "up section kept, down dropped"));
  BOOST_TEST(has_change(up.changes, "StatementBegin/End removed"));
}

BOOST_AUTO_TEST_CASE(goose_annotations_are_case_insensitive_and_no_transaction_applies_anywhere) {
  const auto up =
      up_of("--  +goose up\nCREATE TABLE t (x);\n-- +goose  no   transaction\n-- +GOOSE DOWN\nDROP TABLE t;\n",
            goose_markers);
  BOOST_TEST(up.sql == "CREATE TABLE t (x);\n");
  BOOST_TEST(!up.transactional);
  BOOST_TEST(has_change(up.changes, "no-transaction"));
}

BOOST_AUTO_TEST_CASE(goose_keeps_a_trigger_body_with_semicolons_whole) {
  const std::string trigger =
      "CREATE TRIGGER t_touch AFTER UPDATE ON t\nBEGIN\n  UPDATE t SET x = 1;\n  SELECT 'a; b';\nEND;\n";
  const auto up =
      up_of("-- +goose Up\n-- +goose StatementBegin\n" + trigger + "-- +goose StatementEnd\n", goose_markers);
  BOOST_TEST(up.sql == trigger);
  BOOST_TEST(has_change(up.changes, "up section kept"));
}

BOOST_AUTO_TEST_CASE(goose_files_goose_refuses_or_that_substitute_variables_are_not_imported) {
  BOOST_TEST(problem_of("CREATE TABLE t (x);\n", goose_markers).message.find("no '-- +goose Up'") == 0u);
  BOOST_TEST(problem_of("-- +goose Down\nDROP TABLE t;\n-- +goose Up\nCREATE TABLE t (x);\n", goose_markers).line == 1);
  BOOST_TEST(problem_of("-- +goose Up\nSELECT 1;\n-- +goose Up\nSELECT 2;\n", goose_markers).line == 3);
  BOOST_TEST(problem_of("-- comment\nCREATE TABLE t (x);\n-- +goose Up\nSELECT 1;\n", goose_markers).line == 2);
  const auto unknown = problem_of("-- +goose Up\n-- +goose StatementBeginn\nSELECT 1;\n", goose_markers);
  BOOST_TEST(unknown.line == 2);
  const auto envsub = problem_of("-- +goose ENVSUB ON\n-- +goose Up\nSELECT '${NAME}';\n", goose_markers);
  BOOST_TEST(envsub.line == 3);
  BOOST_TEST(envsub.message.find("; ") != std::string::npos);  // fault; remedy
  // Substitution switched on only for the down part does not touch what we keep.
  BOOST_TEST(
      up_of("-- +goose Up\nSELECT 1;\n-- +goose Down\n-- +goose ENVSUB ON\nSELECT '${X}';\n", goose_markers).sql ==
      "SELECT 1;\n");
}

BOOST_AUTO_TEST_CASE(dbmate_directives_are_lower_case_and_carry_transaction_false) {
  const auto up = up_of("-- migrate:up transaction:false\nVACUUM;\n-- migrate:down\nDROP TABLE t;\n", dbmate_markers);
  BOOST_TEST(up.sql == "VACUUM;\n");
  BOOST_TEST(!up.transactional);
  BOOST_TEST(up_of("--migrate:up\nSELECT 1;\n", dbmate_markers).transactional);
  // Only the up directive's options matter for what we keep.
  BOOST_TEST(
      up_of("-- migrate:up\nSELECT 1;\n-- migrate:down transaction:false\nSELECT 2;\n", dbmate_markers).transactional);
  BOOST_TEST(problem_of("-- MIGRATE:UP\nSELECT 1;\n", dbmate_markers).message.find("no '-- migrate:up'") == 0u);
  BOOST_TEST(problem_of("-- migrate:upgrade\nSELECT 1;\n", dbmate_markers).message.find("no '-- migrate:up'") == 0u);
  BOOST_TEST(problem_of("PRAGMA foreign_keys = ON;\n-- migrate:up\nSELECT 1;\n", dbmate_markers).line == 1);
}

BOOST_AUTO_TEST_CASE(sql_migrate_sections_alternate_and_its_own_lines_are_dropped) {
  const auto up = up_of(
      "SELECT 'ignored by sql-migrate';\n-- +migrate Up notransaction\nCREATE TABLE a (x);\n-- +migrate Down\n"
      "DROP TABLE a;\n-- +migrate Up\n-- +migrate StatementBegin\nCREATE TABLE b (x);\n-- +migrate StatementEnd\n"
      "-- +goose Up\n",
      sql_migrate_markers);
  BOOST_TEST(up.sql == "CREATE TABLE a (x);\nCREATE TABLE b (x);\n");
  BOOST_TEST(!up.transactional);
  BOOST_TEST(has_change(up.changes, "text before the first marker dropped (sql-migrate never ran it)"));
  // Commands are case-sensitive: "-- +migrate up" is no command.
  BOOST_TEST(problem_of("-- +migrate up\nSELECT 1;\n", sql_migrate_markers).message.find("no '-- +migrate Up'") == 0u);
  BOOST_TEST(up_of("-- +migrate Up\nSELECT 1;\n-- +migrate Down notransaction\nSELECT 2;\n", sql_migrate_markers)
                 .transactional);
}

BOOST_AUTO_TEST_CASE(goose_files_with_a_bom_and_crlf_are_read_as_normalized_text) {
  temp_directory dir;
  dir.write("00001_users.sql",
            "\xEF\xBB\xBF-- +goose Up\r\nCREATE TABLE users (id INTEGER);\r\n-- +goose Down\r\nDROP TABLE users;\r\n");
  const auto c = convert_goose(dir.path());
  BOOST_REQUIRE(c.migrations.size() == 1u);
  BOOST_TEST(c.migrations[0].sql == "CREATE TABLE users (id INTEGER);\n");
}

BOOST_AUTO_TEST_CASE(every_marker_kind_has_a_distinct_name) {
  std::set<std::string> names;
  for (const auto kind : {marker_kind::up, marker_kind::down, marker_kind::statement_begin, marker_kind::statement_end,
                          marker_kind::no_transaction, marker_kind::envsub_on, marker_kind::envsub_off,
                          marker_kind::ignored, marker_kind::unrecognized}) {
    names.insert(to_string(kind));
  }
  BOOST_TEST(names.size() == 9u);
}

// --- file layouts ---

BOOST_AUTO_TEST_CASE(golang_migrate_keeps_up_files_and_refuses_a_lone_down_file) {
  temp_directory dir;
  dir.write("001_users.up.sql", "CREATE TABLE users (id INTEGER);\n");
  dir.write("1_users.down.sql", "DROP TABLE users;\n");  // version 1 as golang-migrate reads it
  dir.write("2_posts.down.sql", "DROP TABLE posts;\n");
  dir.write("3_index.up.json", "{}\n");
  dir.write("notes.txt", "\n");
  const auto c = convert_golang_migrate(dir.path());
  BOOST_TEST(migration_from(c, "001_users.up.sql").version == "001");
  BOOST_TEST(migration_from(c, "001_users.up.sql").description == "users");
  BOOST_TEST((rejected_sources(c) == std::set<std::string>{"2_posts.down.sql", "3_index.up.json"}));
  BOOST_TEST(c.skipped.size() == 2u);
}

BOOST_AUTO_TEST_CASE(sqlx_no_transaction_directive_becomes_ours) {
  temp_directory dir;
  dir.write("20230101000000_vacuum.sql", "-- no-transaction\nVACUUM;\n");
  dir.write("20230102000000_posts.up.sql", "CREATE TABLE posts (id INTEGER);\n");
  dir.write("20230102000000_posts.down.sql", "DROP TABLE posts;\n");
  dir.write("20230103000000_gone.down.sql", "DROP TABLE gone;\n");
  dir.write("v2_bad.sql", "SELECT 1;\n");
  const auto c = convert_sqlx(dir.path());
  const auto& vacuum = migration_from(c, "20230101000000_vacuum.sql");
  BOOST_TEST(!vacuum.transactional);
  BOOST_TEST(vacuum.sql == "VACUUM;\n");
  BOOST_TEST(target_text(vacuum, "sqlx") == "-- no-transaction\nVACUUM;\n");
  BOOST_TEST(migration_from(c, "20230102000000_posts.up.sql").sql.find("DROP") == std::string::npos);
  BOOST_TEST((rejected_sources(c) == std::set<std::string>{"20230103000000_gone.down.sql", "v2_bad.sql"}));
}

BOOST_AUTO_TEST_CASE(diesel_versions_lose_their_dashes_and_only_postgres_setup_is_skipped) {
  temp_directory dir;
  dir.write("2023-01-02-123456_create_users/up.sql", "CREATE TABLE users (id INTEGER);\n");
  dir.write("2023-01-02-123456_create_users/down.sql", "DROP TABLE users;\n");
  dir.write("2023-01-03-000000_compact/up.sql", "VACUUM;\n");
  dir.write("2023-01-03-000000_compact/metadata.toml", "run_in_transaction = false # VACUUM\n");
  dir.write("00000000000000_diesel_initial_setup/up.sql", "CREATE FUNCTION diesel_manage_updated_at() ...;\n");
  dir.write("2023-01-04-000000_no_up/down.sql", "SELECT 1;\n");
  const auto c = convert_diesel(dir.path());
  const auto& users = migration_from(c, "2023-01-02-123456_create_users/up.sql");
  BOOST_TEST(users.version == "20230102123456");
  BOOST_TEST(users.description == "create_users");
  BOOST_TEST(!migration_from(c, "2023-01-03-000000_compact/up.sql").transactional);
  BOOST_TEST(c.migrations.size() == 2u);
  BOOST_TEST((rejected_sources(c) == std::set<std::string>{"2023-01-04-000000_no_up/down.sql"}));

  // The same directory name holding SQLite SQL of the user's own is imported.
  temp_directory own;
  own.write("00000000000000_diesel_initial_setup/up.sql", "CREATE TABLE settings (k TEXT);\n");
  BOOST_TEST(convert_diesel(own.path()).migrations.size() == 1u);
  temp_directory empty_setup;
  empty_setup.write("00000000000000_diesel_initial_setup/up.sql", "-- nothing here\n");
  BOOST_TEST(convert_diesel(empty_setup.path()).skipped.size() == 1u);
}

BOOST_AUTO_TEST_CASE(flyway_keeps_integer_versions_where_the_order_allows_and_records_the_rest) {
  temp_directory dir;
  for (const char* name :
       {"V001__users.sql", "V1.5__posts.sql", "V10__index.sql", "V10.1__more.sql", "V11__last.sql"}) {
    dir.write(name, "SELECT 1;\n");
  }
  const auto c = convert_flyway(dir.path());
  BOOST_TEST(migration_from(c, "V001__users.sql").version == "001");
  BOOST_TEST(migration_from(c, "V001__users.sql").origin.empty());
  BOOST_TEST(migration_from(c, "V1.5__posts.sql").version == "2");
  BOOST_TEST(migration_from(c, "V1.5__posts.sql").origin == "version 1.5 (V1.5__posts.sql)");
  BOOST_TEST(migration_from(c, "V10__index.sql").version == "10");
  BOOST_TEST(migration_from(c, "V10.1__more.sql").version == "11");
  // 11 is taken by 10.1, so V11 moves on and says where it came from.
  BOOST_TEST(migration_from(c, "V11__last.sql").version == "12");
  BOOST_TEST(has_change(migration_from(c, "V11__last.sql").changes, "renumbered from 11"));
  BOOST_TEST(target_text(migration_from(c, "V1.5__posts.sql"), "flyway") ==
             "-- imported from flyway version 1.5 (V1.5__posts.sql)\nSELECT 1;\n");
}

BOOST_AUTO_TEST_CASE(flyway_files_whose_meaning_cannot_be_kept_are_not_imported) {
  temp_directory dir;
  dir.write("V1__users.sql", "CREATE TABLE users (name TEXT);\n");
  dir.write("V1_0__again.sql", "SELECT 1;\n");  // Flyway reads 1.0 as 1
  dir.write("U1__users.sql", "DROP TABLE users;\n");
  dir.write("U7__lonely.sql", "SELECT 1;\n");
  dir.write("R__view.sql", "CREATE VIEW v AS SELECT 1;\n");
  dir.write("V2__seed.sql", "SELECT 1;\nINSERT INTO users VALUES ('${admin}');\n");
  dir.write("db/V3__Backfill.java", "class V3__Backfill {}\n");
  dir.write("afterMigrate.sql", "ANALYZE;\n");
  const auto c = convert_flyway(dir.path());
  BOOST_TEST(c.migrations.empty());
  BOOST_TEST(
      (rejected_sources(c) == std::set<std::string>{"V1__users.sql", "V1_0__again.sql", "U7__lonely.sql", "R__view.sql",
                                                    "V2__seed.sql", "db/V3__Backfill.java", "afterMigrate.sql"}));
  for (const auto& r : c.rejected) {
    if (r.source == "V2__seed.sql") {
      BOOST_TEST(r.problem.line == 2);
      BOOST_TEST(r.problem.column == 28);
    }
  }
}

BOOST_AUTO_TEST_CASE(sql_migrate_numbers_files_in_its_own_order) {
  temp_directory dir;
  for (const char* name : {"2_b.sql", "10_c.sql", "1_a.sql", "x y.sql"}) dir.write(name, "-- +migrate Up\nSELECT 1;\n");
  const auto c = convert_sql_migrate(dir.path());
  BOOST_TEST(migration_from(c, "1_a.sql").version == "001");
  BOOST_TEST(migration_from(c, "2_b.sql").version == "002");
  BOOST_TEST(migration_from(c, "10_c.sql").version == "003");
  BOOST_TEST(migration_from(c, "10_c.sql").description == "c");
  BOOST_TEST(migration_from(c, "10_c.sql").origin == "id 10_c.sql");
  BOOST_TEST(migration_from(c, "x y.sql").version == "004");
  BOOST_TEST(migration_from(c, "x y.sql").description == "x_y");
}

// --- the import ---

BOOST_AUTO_TEST_CASE(every_tool_has_one_distinct_format) {
  std::set<std::string> names;
  for (const auto& format : formats()) names.insert(std::string(format.name));
  BOOST_TEST(names.size() == 7u);
  for (const char* name : {"goose", "dbmate", "sql-migrate", "golang-migrate", "sqlx", "diesel", "flyway"}) {
    BOOST_TEST(find_format(name) != nullptr, name);
  }
  BOOST_TEST(find_format("liquibase") == nullptr);
}

BOOST_AUTO_TEST_CASE(import_refuses_duplicate_versions_and_keeps_files_left_without_a_statement) {
  temp_directory dir;
  dir.write("1_a.sql", "-- +goose Up\nSELECT 1;\n");
  dir.write("001_b.sql", "-- +goose Up\nSELECT 2;\n");
  dir.write("2_empty.sql", "-- +goose Up\n-- +goose Down\nDROP TABLE t;\n");
  const auto c = run_import(*find_format("goose"), dir.path());
  // An up section without statements is a placeholder that runs nothing, as goose itself runs it.
  BOOST_TEST(c.migrations.size() == 2u);
  BOOST_TEST((rejected_sources(c) == std::set<std::string>{"1_a.sql"}));
  const auto report = format_report(c);
  BOOST_TEST(report.find("001_b.sql    001_b.sql    up section kept\n") != std::string::npos, report);
  BOOST_TEST(report.find("2 imported, 0 left out, 1 not importable\n") != std::string::npos, report);
}

BOOST_AUTO_TEST_CASE(output_directory_must_be_new_or_empty_and_outside_the_source) {
  temp_directory dir;
  dir.write("src/1_a.sql", "SELECT 1;\n");
  dir.write("full/x", "");
  std::filesystem::create_directory(dir.path() / "empty");
  const auto src = dir.path() / "src";
  BOOST_TEST(output_directory_problem(src, src).find("the same directory as") != std::string::npos);
  BOOST_TEST(output_directory_problem(src, src / "out").find("inside") != std::string::npos);
  BOOST_TEST(output_directory_problem(src, dir.path() / "src/../src/").find("the same") != std::string::npos);
  BOOST_TEST(output_directory_problem(src, dir.path() / "full").find("not empty") != std::string::npos);
  BOOST_TEST(output_directory_problem(src, dir.path() / "src" / "1_a.sql").find("inside") != std::string::npos);
  BOOST_TEST(output_directory_problem(dir.path() / "none", dir.path() / "new").find("does not exist") !=
             std::string::npos);
  BOOST_TEST(output_directory_problem(src, dir.path() / "empty").empty());
  BOOST_TEST(output_directory_problem(src, dir.path() / "srcx").empty());  // a sibling, not inside
}

BOOST_AUTO_TEST_CASE(output_is_written_whole_with_no_temporary_directory_left) {
  temp_directory dir;
  std::filesystem::create_directory(dir.path() / "out");
  conversion c;
  c.migrations.push_back({"a.sql", "001", "first", "SELECT 1;\n", false, "id a.sql", {}});
  c.migrations.push_back({"b.sql", "002", "second", "SELECT 2;\n", true, "", {}});
  write_output(c, "sql-migrate", dir.path() / "out");
  BOOST_TEST(read_bytes(dir.path() / "out/001_first.sql") ==
             "-- no-transaction\n-- imported from sql-migrate id a.sql\nSELECT 1;\n");
  BOOST_TEST(read_bytes(dir.path() / "out/002_second.sql") == "SELECT 2;\n");
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.path())) ++entries;
  BOOST_TEST(entries == 1u);
  write_output(c, "sql-migrate", dir.path() / "nested/new/");
  BOOST_TEST(std::filesystem::exists(dir.path() / "nested/new/002_second.sql"));
}

BOOST_AUTO_TEST_CASE(a_whole_file_import_refuses_another_tools_down_section) {
  temp_directory dir;
  dir.write("20230101000000_users.sql",
            "-- +goose Up\nCREATE TABLE users (id INTEGER);\n-- +goose Down\nDROP TABLE users;\n");
  dir.write("20230102000000_posts.up.sql", "CREATE TABLE posts (id INTEGER);\n--migrate:down\nDROP TABLE posts;\n");
  const auto c = run_import(*find_format("sqlx"), dir.path());
  BOOST_TEST(c.migrations.empty());
  BOOST_REQUIRE(c.rejected.size() == 2u);
  BOOST_TEST(c.rejected[0].problem.line == 3);
  BOOST_TEST(c.rejected[0].problem.message.find("--from goose") != std::string::npos);
  BOOST_TEST(c.rejected[1].problem.message.find("--from dbmate") != std::string::npos);
  BOOST_TEST(!find_down_marker("CREATE TABLE t (x);\n-- the down migration drops it\n", "m.sql").has_value());
  BOOST_TEST((formats_that_fit(dir.path(), "sqlx") == std::vector<std::string_view>{}));
}

BOOST_AUTO_TEST_CASE(the_formats_that_fit_a_directory_are_suggested) {
  temp_directory dir;
  dir.write("1_users.up.sql", "CREATE TABLE users (id INTEGER);\n");
  dir.write("1_users.down.sql", "DROP TABLE users;\n");
  BOOST_TEST((formats_that_fit(dir.path(), "goose") == std::vector<std::string_view>{"golang-migrate", "sqlx"}));
}
