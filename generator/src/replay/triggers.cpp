#include "replay/triggers.hpp"

#include "detail/sqlite_handles.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <utility>
#include <vector>

namespace embedded_migrations::generator {
namespace {

std::string text(sqlite3_stmt* statement, int column) {
  const auto* value = reinterpret_cast<const char*>(sqlite3_column_text(statement, column));
  return value ? value : "";
}

std::string quoted(const std::string& identifier) {
  std::string result = "\"";
  for (const char c : identifier) result += c == '"' ? std::string("\"\"") : std::string(1, c);
  return result + "\"";
}

// Statements that fire every trigger on `table`: an UPDATE of each column it
// may set fires every UPDATE OF trigger.
std::vector<std::string> firing_statements(sqlite3* db, const schema_row& t) {
  // A temporary trigger may be on a table of main: leave its name unqualified.
  const std::string table = t.schema == "temp" ? quoted(t.table_name) : quoted(t.schema) + "." + quoted(t.table_name);
  std::string assignments;
  detail::statement_ptr columns;
  // hidden 0 is an ordinary column, 1 a virtual table's hidden one; 2 and 3
  // are generated columns, which UPDATE may not set.
  if (detail::prepare(db, "SELECT name FROM pragma_table_xinfo(?1) WHERE hidden IN (0, 1)", columns) == SQLITE_OK) {
    sqlite3_bind_text(columns.get(), 1, t.table_name.c_str(), -1, SQLITE_TRANSIENT);
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

std::optional<std::string> trigger_problem(sqlite3* db, replay_policy& policy, const schema_changes& changes,
                                           std::set<std::string>& checked) {
  const auto refused = [&](const std::string& statement) {
    policy.refusal.clear();
    policy.current = replay_policy::phase::preparing;
    detail::statement_ptr prepared;
    detail::prepare(db, statement, prepared);
    policy.current = replay_policy::phase::bookkeeping;
    return std::exchange(policy.refusal, {});
  };
  // A view is resolved only when a statement reads it, too.
  for (const auto& v : changes.views) {
    if (!checked.insert("view\n" + v.schema + '\n' + v.name + '\n' + v.sql).second) continue;
    const auto refusal = refused("SELECT * FROM " + quoted(v.schema) + "." + quoted(v.name));
    if (!refusal.empty()) {
      return fmt::format("the view \"{}\" that this migration creates would be refused when it is read: {}", v.name,
                         refusal);
    }
  }
  for (const auto& t : changes.triggers) {
    if (!checked.insert(t.schema + '\n' + t.name + '\n' + t.sql).second) continue;
    for (const auto& statement : firing_statements(db, t)) {
      const auto refusal = refused(statement);
      if (!refusal.empty()) {
        return fmt::format("the trigger \"{}\" on \"{}\" that this migration creates would be refused when it "
                           "fires: {}",
                           t.name, t.table_name, refusal);
      }
    }
  }
  return std::nullopt;
}

}  // namespace embedded_migrations::generator
