#include "replay/triggers.hpp"

#include "detail/sqlite_handles.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <utility>
#include <vector>

namespace embedded_migrations::generator {
namespace {

struct trigger {
  std::string schema, name, table, sql;
};

std::string text(sqlite3_stmt* statement, int column) {
  const auto* value = reinterpret_cast<const char*>(sqlite3_column_text(statement, column));
  return value ? value : "";
}

std::string quoted(const std::string& identifier) {
  std::string result = "\"";
  for (const char c : identifier) result += c == '"' ? std::string("\"\"") : std::string(1, c);
  return result + "\"";
}

std::vector<trigger> objects_of(sqlite3* db, const char* type) {
  std::vector<trigger> result;
  for (const char* schema : {"main", "temp"}) {
    detail::statement_ptr query;
    const auto sql = fmt::format("SELECT name, tbl_name, sql FROM {}.sqlite_schema WHERE type = '{}'", schema, type);
    if (detail::prepare(db, sql.c_str(), query) != SQLITE_OK) continue;
    while (sqlite3_step(query.get()) == SQLITE_ROW) {
      result.push_back({schema, text(query.get(), 0), text(query.get(), 1), text(query.get(), 2)});
    }
  }
  return result;
}

// Statements that fire every trigger on `table`: an UPDATE of each column it
// may set fires every UPDATE OF trigger.
std::vector<std::string> firing_statements(sqlite3* db, const trigger& t) {
  // A temporary trigger may be on a table of main: leave its name unqualified.
  const std::string table = t.schema == "temp" ? quoted(t.table) : quoted(t.schema) + "." + quoted(t.table);
  std::string assignments;
  detail::statement_ptr columns;
  // hidden 0 is an ordinary column, 1 a virtual table's hidden one; 2 and 3
  // are generated columns, which UPDATE may not set.
  if (detail::prepare(db, "SELECT name FROM pragma_table_xinfo(?1) WHERE hidden IN (0, 1)", columns) == SQLITE_OK) {
    sqlite3_bind_text(columns.get(), 1, t.table.c_str(), -1, SQLITE_TRANSIENT);
    while (sqlite3_step(columns.get()) == SQLITE_ROW) {
      const auto column = quoted(text(columns.get(), 0));
      assignments += (assignments.empty() ? "" : ", ") + column + " = " + column;
    }
  }
  std::vector<std::string> result = {"INSERT INTO " + table + " DEFAULT VALUES", "DELETE FROM " + table};
  if (!assignments.empty()) result.push_back("UPDATE " + table + " SET " + assignments);
  return result;
}

}  // namespace

std::optional<std::string> trigger_problem(sqlite3* db, replay_policy& policy, std::set<std::string>& checked) {
  const auto refused = [&](const std::string& statement) {
    policy.refusal.clear();
    policy.current = replay_policy::phase::preparing;
    detail::statement_ptr prepared;
    detail::prepare(db, statement, prepared);
    policy.current = replay_policy::phase::bookkeeping;
    return std::exchange(policy.refusal, {});
  };
  // A view is resolved only when a statement reads it, too.
  for (const auto& v : objects_of(db, "view")) {
    if (!checked.insert("view\n" + v.schema + '\n' + v.name + '\n' + v.sql).second) continue;
    const auto refusal = refused("SELECT * FROM " + quoted(v.schema) + "." + quoted(v.name));
    if (!refusal.empty()) {
      return fmt::format("the view \"{}\" that this migration creates would be refused when it is read: {}", v.name,
                         refusal);
    }
  }
  for (const auto& t : objects_of(db, "trigger")) {
    if (!checked.insert(t.schema + '\n' + t.name + '\n' + t.sql).second) continue;
    for (const auto& statement : firing_statements(db, t)) {
      const auto refusal = refused(statement);
      if (!refusal.empty()) {
        return fmt::format("the trigger \"{}\" on \"{}\" that this migration creates would be refused when it "
                           "fires: {}",
                           t.name, t.table, refusal);
      }
    }
  }
  return std::nullopt;
}

}  // namespace embedded_migrations::generator
