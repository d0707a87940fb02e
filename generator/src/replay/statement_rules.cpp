#include "replay/statement_rules.hpp"

#include "replay/authorizer.hpp"
#include "replay/sandbox.hpp"

#include "detail/sql_text.hpp"
#include "detail/sqlite_handles.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <stdexcept>

namespace embedded_migrations::generator {
namespace {

std::string excerpt(std::string_view sql, std::size_t offset) {
  auto line = sql.substr(offset, sql.find('\n', offset) - offset);
  constexpr std::size_t max_length = 100;  // as the replay quotes a statement
  if (line.size() > max_length) return std::string(line.substr(0, max_length)) + "...";
  return std::string(line);
}

}  // namespace

std::size_t end_of_statement(const std::string& sql, std::size_t from) {
  // Each ';' may end the statement; SQLite says which one does. Only the ';'
  // inside one statement are tried again, so this is linear in practice.
  std::string candidate;
  for (auto semicolon = sql.find(';', from); semicolon != std::string::npos; semicolon = sql.find(';', semicolon + 1)) {
    candidate.assign(sql, from, semicolon + 1 - from);
    if (sqlite3_complete(candidate.c_str())) return semicolon + 1;
  }
  return sql.size();
}

bool check_statement_rules(const std::vector<loaded_migration>& migrations, const std::string& directory,
                           const std::string& tracking_table, std::vector<diagnostic>& diagnostics) {
  sqlite3* raw = nullptr;
  const int open_rc = sqlite3_open_v2(":memory:", &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  detail::connection_ptr db(raw);
  if (open_rc != SQLITE_OK) throw std::runtime_error("cannot open an in-memory SQLite database");
  seal_connection(db.get());
  replay_policy policy;
  policy.tracking_table = tracking_table;
  policy.current = replay_policy::phase::preparing;
  install_authorizer(db.get(), policy);

  bool clean = true;
  for (const auto& m : migrations) {
    const auto path = (std::filesystem::path(directory) / m.filename).string();
    policy.transactional = m.transactional;
    std::size_t next = 0;
    bool told_own_transaction = false;
    while (true) {
      const auto start = detail::skip_space_and_comments(m.sql, next);
      if (start >= m.sql.size()) break;
      next = end_of_statement(m.sql, start);
      // Prepared alone, NUL-terminated: nothing runs, and no later text is parsed.
      const std::string statement = m.sql.substr(start, next - start);
      policy.refusal.clear();
      policy.refusal_needs_own_transaction = false;
      detail::statement_ptr prepared;
      if (detail::prepare(db.get(), statement.c_str(), prepared) == SQLITE_OK || policy.refusal.empty()) continue;
      clean = false;
      if (policy.refusal_needs_own_transaction) {
        if (told_own_transaction) continue;  // the remedy already given covers this statement too
        told_own_transaction = true;
      }
      // Where SQLite stopped (a refused function's name), as the replay reports it.
      const int error_offset = sqlite3_error_offset(db.get());
      const auto at = detail::position_of(m.sql, start + static_cast<std::size_t>(std::max(error_offset, 0)));
      const auto where = detail::position_of(m.sql, start);
      diagnostics.push_back({path, at.line, at.column, severity::error, policy.refusal});
      diagnostics.push_back({path, where.line, where.column, severity::note,
                             fmt::format("in the statement: {}", excerpt(m.sql, start))});
    }
  }
  return clean;
}

}  // namespace embedded_migrations::generator
