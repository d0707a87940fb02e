#include "script.hpp"

#include "sql_text.hpp"
#include "sqlite_handles.hpp"

#include <sqlite3.h>

namespace embedded_migrations::detail {
namespace {

script_failure failure_at(sqlite3* db, std::size_t statement_offset, std::size_t prepared_from) {
  const int error_offset = sqlite3_error_offset(db);
  return script_failure{
      statement_offset,
      error_offset >= 0 ? prepared_from + static_cast<std::size_t>(error_offset) : statement_offset,
      sqlite3_extended_errcode(db), sqlite3_errmsg(db)};
}

}  // namespace

std::optional<script_failure> run_script(sqlite3* db, std::string_view sql) {
  const char* const begin = sql.data();
  const char* const end = begin + sql.size();
  const char* next = begin;
  while (next < end) {
    const auto prepared_from = static_cast<std::size_t>(next - begin);
    const std::size_t statement_offset = skip_space_and_comments(sql, prepared_from);
    if (statement_offset >= sql.size()) break;

    sqlite3_stmt* raw = nullptr;
    const char* tail = nullptr;
    const int rc = sqlite3_prepare_v2(db, next, static_cast<int>(end - next), &raw, &tail);
    statement_ptr statement(raw);
    if (rc != SQLITE_OK) return failure_at(db, statement_offset, prepared_from);
    next = tail;
    if (!statement) continue;  // only a ';' or a comment was left

    int step_rc;
    do {
      step_rc = sqlite3_step(statement.get());
    } while (step_rc == SQLITE_ROW);
    if (step_rc != SQLITE_DONE) return failure_at(db, statement_offset, prepared_from);
  }
  return std::nullopt;
}

}  // namespace embedded_migrations::detail
