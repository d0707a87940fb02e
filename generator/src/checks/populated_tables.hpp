// Statements SQLite accepts while a table is empty and refuses once it has
// rows: ALTER TABLE ... ADD COLUMN with NOT NULL and no default, a
// non-constant default, a REFERENCES column with a default under foreign
// keys, a CHECK the default fails, a NOT NULL or STORED generated column
// (sqlite3ErrorIfNotEmpty and the pragma_quick_check in SQLite's alter.c).
// The replay's tables are empty, so this check gives SQLite a row and lets it
// answer, instead of re-listing its rules.
#pragma once

#include "replay/replay_check.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace embedded_migrations::generator {

// Before a migration statement that alters an empty table of main runs:
// under a savepoint, inserts one synthetic row into the table (built from
// pragma_table_xinfo: NULL where allowed, the defaults, else 1 cast to the
// declared type), runs the statement's text, notes SQLite's answer and PRAGMA
// quick_check's verdict on the table, and rolls all of it back. A statement
// that fails only with the row present is refused, at the statement, with
// how to write it instead. Where the row itself cannot be inserted (a CHECK,
// a foreign key, a trigger that raises), the table is not probed: a missed
// case, never a false error.
class populated_tables_check final : public replay_check {
 public:
  void start(const replay_context& context) override;
  void before(std::size_t index, const loaded_migration& migration) override;
  void on_authorize(int action, const char* arg1, const char* arg2) override;
  void on_statement(sqlite3_stmt* statement, std::string_view text) override;
  std::optional<std::string> vet(sqlite3_stmt* statement, std::string_view text) override;
  void after(std::size_t index, const loaded_migration& migration) override;

  // How many statements were run again on a row, for the benchmark.
  std::size_t probes() const noexcept { return probes_; }

 private:
  sqlite3* db_ = nullptr;
  std::vector<std::string> altered_;  // tables of main the statement being prepared alters
  std::size_t probes_ = 0;
};

}  // namespace embedded_migrations::generator
