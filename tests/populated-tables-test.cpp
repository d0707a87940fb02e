// The populated-table probe (checks/populated_tables.hpp) riding on the real
// replay: what it refuses, what it leaves alone, and that it leaves the
// replay's database as it found it. Each kind of statement it refuses is a
// corpus case too (tests/data/validation/bad/populated-*).
//
// Groups: --- refusals --- --- no false errors --- --- the probe leaves no trace ---
#define BOOST_TEST_MODULE populated_tables
#include <sqlite3.h>

#include <boost/test/unit_test.hpp>

#include "checks/populated_tables.hpp"
#include "checksum.hpp"
#include "replay/replay.hpp"

#include <string>
#include <vector>

using namespace embedded_migrations::generator;

namespace {

loaded_migration make(std::int64_t version, std::string sql) {
  auto checksum = sha256_hex(sql);
  const bool transactional = sql.rfind("-- no-transaction", 0) != 0;
  return {version, "00" + std::to_string(version) + "_m.sql", std::move(sql), std::move(checksum), transactional};
}

// Dumps the schema and every row after each migration, to compare replays.
class state_recorder final : public replay_check {
 public:
  void start(const replay_context& context) override { db_ = context.db; }
  void before(std::size_t, const loaded_migration&) override {}
  void on_authorize(int, const char*, const char*) override {}
  void on_statement(sqlite3_stmt*, std::string_view) override {}
  void after(std::size_t, const loaded_migration&) override {
    std::string state;
    read("SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_schema ORDER BY name", state);
    std::vector<std::string> tables;
    read("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name", state,
         &tables);
    for (const auto& t : tables) read("SELECT * FROM \"" + t + "\"", state);
    read("SELECT name, seq FROM sqlite_sequence", state);
    read("PRAGMA schema_version", state);
    states.push_back(std::move(state));
  }
  std::vector<std::string> states;

 private:
  void read(const std::string& sql, std::string& out, std::vector<std::string>* names = nullptr) {
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &raw, nullptr) != SQLITE_OK) {
      out += "(" + std::string(sqlite3_errmsg(db_)) + ")\n";
      return;
    }
    while (sqlite3_step(raw) == SQLITE_ROW) {
      for (int c = 0; c < sqlite3_column_count(raw); ++c) {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(raw, c));
        out += text ? text : "NULL";
        out += c + 1 < sqlite3_column_count(raw) ? "|" : "\n";
        if (names && text) names->push_back(text);
      }
    }
    sqlite3_finalize(raw);
  }
  sqlite3* db_ = nullptr;
};

struct replayed {
  bool passed = false;
  std::vector<diagnostic> diagnostics;
  std::size_t probes = 0;
  std::vector<std::string> states;
};

replayed replay(const std::vector<loaded_migration>& migrations, bool probe = true, bool foreign_keys = false) {
  populated_tables_check check;
  state_recorder recorder;
  replay_options options;
  options.foreign_keys = foreign_keys;
  if (probe) options.checks.push_back(&check);
  options.checks.push_back(&recorder);
  replayed out;
  out.passed = replay_migrations(migrations, "m", options, out.diagnostics);
  out.probes = check.probes();
  out.states = recorder.states;
  return out;
}

std::string first_error(const replayed& r) {
  for (const auto& d : r.diagnostics) {
    if (d.level != severity::error) continue;
    return d.path + ":" + std::to_string(d.line) + ":" + std::to_string(d.column) + ": " + d.message;
  }
  return "";
}

}  // namespace

// --- refusals ---

BOOST_AUTO_TEST_CASE(a_statement_that_fails_only_on_rows_is_refused_at_the_statement) {
  const auto result = replay({make(1, "CREATE TABLE t (id INTEGER PRIMARY KEY);\n"),
                              make(2, "SELECT 1;\n  ALTER TABLE t ADD COLUMN c TEXT NOT NULL;\n")});
  BOOST_TEST(!result.passed);
  BOOST_TEST(first_error(result).rfind(
                 "m/002_m.sql:2:3: this statement fails on any database where table \"t\" has rows (SQLite, given "
                 "one, says: Cannot add a NOT NULL column with default value NULL)",
                 0) == 0u,
             first_error(result));
  BOOST_TEST(result.probes == 1u);
}

BOOST_AUTO_TEST_CASE(a_references_column_with_a_default_is_refused_only_with_foreign_keys_on) {
  const std::vector<loaded_migration> set = {
      make(1, "CREATE TABLE p (id INTEGER PRIMARY KEY);\nCREATE TABLE t (id INTEGER PRIMARY KEY);\n"),
      make(2, "ALTER TABLE t ADD COLUMN p_id INTEGER REFERENCES p (id) DEFAULT 1;\n")};
  BOOST_TEST(replay(set, true, false).passed);
  const auto on = replay(set, true, true);
  BOOST_TEST(!on.passed);
  BOOST_TEST(first_error(on).find("Cannot add a REFERENCES column with non-NULL default value") != std::string::npos,
             first_error(on));
}

BOOST_AUTO_TEST_CASE(a_statement_in_a_no_transaction_file_is_probed_too) {
  const auto result = replay({make(1, "CREATE TABLE t (id INTEGER PRIMARY KEY);\n"),
                              make(2, "-- no-transaction\nALTER TABLE t ADD COLUMN c TEXT DEFAULT (random());\n")});
  BOOST_TEST(!result.passed);
  BOOST_TEST(first_error(result).find("m/002_m.sql:2:1: this statement fails on any database where table \"t\"") == 0u,
             first_error(result));
}

// --- no false errors ---

BOOST_AUTO_TEST_CASE(a_statement_that_fails_anyway_gets_sqlites_own_error) {
  const auto result = replay({make(1, "CREATE TABLE t (id INTEGER PRIMARY KEY, c);\n"),
                              make(2, "ALTER TABLE t ADD COLUMN c TEXT NOT NULL;\n")});
  BOOST_TEST(!result.passed);
  BOOST_TEST(first_error(result) == "m/002_m.sql:1:1: duplicate column name: c");
}

BOOST_AUTO_TEST_CASE(a_table_with_rows_is_not_probed_and_sqlite_answers_as_the_statement_runs) {
  const auto result = replay({make(1, "CREATE TABLE t (id INTEGER PRIMARY KEY);\nINSERT INTO t DEFAULT VALUES;\n"),
                              make(2, "ALTER TABLE t ADD COLUMN c TEXT NOT NULL;\n")});
  BOOST_TEST(!result.passed);
  BOOST_TEST(result.probes == 0u);
  BOOST_TEST(first_error(result) == "m/002_m.sql:1:1: Cannot add a NOT NULL column with default value NULL");
}

BOOST_AUTO_TEST_CASE(a_table_that_refuses_the_synthetic_row_is_left_alone) {
  const auto result = replay(
      {make(1, "CREATE TABLE codes (code TEXT NOT NULL CHECK (length(code) = 3));\n"
               "CREATE TABLE frozen (x);\n"
               "CREATE TRIGGER no_rows BEFORE INSERT ON frozen BEGIN SELECT RAISE(ABORT, 'frozen'); END;\n"),
       make(2, "ALTER TABLE codes ADD COLUMN c TEXT NOT NULL;\nALTER TABLE frozen ADD COLUMN c TEXT NOT NULL;\n")});
  BOOST_TEST(result.passed);
  BOOST_TEST(result.probes == 0u);
}

BOOST_AUTO_TEST_CASE(a_table_whose_columns_refuse_null_gets_a_value_in_each) {
  // The blandest row (NULLs) is refused by the CHECK; the second has 1 cast to each type.
  const auto result = replay({make(1, "CREATE TABLE t (a TEXT CHECK (a IS NOT NULL), b BLOB, c REAL) STRICT;\n"),
                              make(2, "ALTER TABLE t ADD COLUMN d INTEGER NOT NULL;\n")});
  BOOST_TEST(!result.passed);
  BOOST_TEST(result.probes == 1u);
}

// --- the probe leaves no trace ---

BOOST_AUTO_TEST_CASE(the_replay_ends_in_the_same_state_with_and_without_the_probe) {
  const std::vector<loaded_migration> set = {
      make(1,
           "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL);\n"
           "CREATE TABLE audit (what TEXT);\n"
           "CREATE TRIGGER t_audit AFTER INSERT ON t BEGIN INSERT INTO audit VALUES ('insert ' || new.name); END;\n"
           "CREATE TABLE kept (x);\nINSERT INTO kept VALUES ('row');\n"),
      make(2,
           "ALTER TABLE t ADD COLUMN email TEXT NOT NULL DEFAULT '';\n"
           "INSERT INTO t (name) VALUES ('ann');\n"
           "ALTER TABLE audit ADD COLUMN at TEXT DEFAULT 'then';\n"
           "ALTER TABLE t RENAME TO people;\n"),
      make(3, "-- no-transaction\nALTER TABLE kept ADD COLUMN y DEFAULT 1;\nPRAGMA foreign_keys = OFF;\n"
              "CREATE TABLE empty_one (a);\nALTER TABLE empty_one ADD COLUMN b NOT NULL DEFAULT 0;\n"
              "PRAGMA foreign_keys = ON;\n")};
  const auto with = replay(set, true);
  const auto without = replay(set, false);
  BOOST_TEST_REQUIRE(with.passed);
  BOOST_TEST_REQUIRE(without.passed);
  BOOST_TEST(with.probes == 2u);  // t and empty_one while empty; audit and kept hold rows by then
  BOOST_TEST(with.states == without.states, boost::test_tools::per_element());
}
