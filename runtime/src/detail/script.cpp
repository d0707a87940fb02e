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

// A COMMIT halfway through would commit half the migration and run the rest
// outside any transaction, so these never run inside the wrapping transaction.
std::optional<std::string> refuse_inside_transaction(std::string_view statement) {
  const auto first = first_token(statement);
  for (const char* keyword : {"BEGIN", "COMMIT", "END", "ROLLBACK"}) {
    if (!is_keyword(first, keyword)) continue;
    if (is_keyword(first, "ROLLBACK") && contains_keyword(statement, "TO")) break;  // to a savepoint: fine
    return std::string(keyword) +
           " cannot run inside the transaction that wraps this migration; make '-- no-transaction' the first line "
           "of the file to manage transactions yourself";
  }
  if (is_keyword(first, "VACUUM")) {
    return "VACUUM cannot run inside a transaction; make '-- no-transaction' the first line of the file";
  }
  return std::nullopt;
}

// Calls hooks.after_statement on every way out of a statement.
struct statement_done {
  const statement_hooks& hooks;
  explicit statement_done(const statement_hooks& h) : hooks(h) {}
  statement_done(const statement_done&) = delete;
  statement_done& operator=(const statement_done&) = delete;
  ~statement_done() {
    if (hooks.after_statement) hooks.after_statement();
  }
};

}  // namespace

std::optional<script_failure> run_script(sqlite3* db, std::string_view sql, bool in_transaction,
                                         const statement_hooks& hooks) {
  // Handed a length that does not end in a NUL, sqlite3_prepare_v2 copies all
  // the remaining text for every statement: quadratic on a large migration.
  // One NUL-terminated copy lets SQLite parse in place.
  const std::string text(sql);
  const char* const begin = text.c_str();
  const char* const end = begin + text.size();
  const char* next = begin;
  while (next < end) {
    const auto prepared_from = static_cast<std::size_t>(next - begin);
    const std::size_t statement_offset = skip_space_and_comments(sql, prepared_from);
    if (statement_offset >= sql.size()) break;

    if (hooks.before_prepare) hooks.before_prepare();
    const statement_done done{hooks};
    sqlite3_stmt* raw = nullptr;
    const char* tail = nullptr;
    const int rc = sqlite3_prepare_v2(db, next, -1, &raw, &tail);
    statement_ptr statement(raw);
    if (rc != SQLITE_OK) return failure_at(db, statement_offset, prepared_from);
    next = tail;
    if (!statement) continue;  // only a ';' or a comment was left

    const auto statement_text =
        sql.substr(statement_offset, static_cast<std::size_t>(tail - begin) - statement_offset);
    auto refusal = in_transaction ? refuse_inside_transaction(statement_text) : std::nullopt;
    if (!refusal && hooks.vet) refusal = hooks.vet(statement.get(), statement_text);
    if (refusal) return script_failure{statement_offset, statement_offset, 0, std::move(*refusal)};

    int step_rc;
    do {
      step_rc = sqlite3_step(statement.get());
    } while (step_rc == SQLITE_ROW);
    if (step_rc != SQLITE_DONE) return failure_at(db, statement_offset, prepared_from);
  }
  return std::nullopt;
}

}  // namespace embedded_migrations::detail
