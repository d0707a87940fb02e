#include "script.hpp"

#include "busy_wait.hpp"
#include "foreign_key_check.hpp"
#include "sql_text.hpp"
#include "sqlite_handles.hpp"
#include "statement_program.hpp"

#include <sqlite3.h>

#include <initializer_list>
#include <string_view>

namespace embedded_migrations::detail {
namespace {

script_failure failure_at(sqlite3* db, std::size_t statement_offset, std::size_t prepared_from,
                          const statement_hooks& hooks) {
  const int error_offset = hooks.error_offset ? hooks.error_offset(db) : -1;
  return script_failure{
      statement_offset,
      error_offset >= 0 ? prepared_from + static_cast<std::size_t>(error_offset) : statement_offset,
      sqlite3_extended_errcode(db), sqlite3_errmsg(db)};
}

const char* const own_transaction_hint =
    "make '-- no-transaction' the first line of the file to manage transactions yourself";

// Whether SQLite compiled `statement` as an EXPLAIN or EXPLAIN QUERY PLAN,
// from its result columns: it runs nothing of what it explains, and cannot
// be explained again. (sqlite3_stmt_isexplain() says so directly, but came
// with SQLite 3.28.0, above the runtime's floor.)
bool is_explain(sqlite3_stmt* statement) {
  const auto named = [&](std::initializer_list<const char*> names) {
    if (sqlite3_column_count(statement) != static_cast<int>(names.size())) return false;
    int column = 0;
    for (const char* name : names) {
      const char* actual = sqlite3_column_name(statement, column++);
      if (actual == nullptr || std::string_view(actual) != name) return false;
    }
    return true;
  };
  return named({"addr", "opcode", "p1", "p2", "p3", "p4", "p5", "comment"}) ||
         named({"id", "parent", "notused", "detail"});
}

// Why a statement must not run, from what SQLite compiled for it.
std::optional<std::string> refusal_of(const statement_program& program, const script_rules& rules,
                                      std::string_view statement) {
  using control = statement_program::transaction_control;
  if (rules.in_transaction && program.control != control::none) {
    // SQLite decided; the first token only names the keyword as the author wrote it (END is COMMIT's synonym).
    const char* what = program.control == control::begin      ? "BEGIN"
                       : program.control == control::rollback ? "ROLLBACK"
                       : is_keyword(first_token(statement), "END") ? "END"
                                                                   : "COMMIT";
    return std::string(what) + " cannot run inside the transaction that wraps this migration; " +
           own_transaction_hint;
  }
  // Even VACUUM INTO '' (an in-memory copy, which the replay's authorizer
  // cannot tell from VACUUM's own scratch copy): the statement exists to
  // write a file, which no migration may do.
  if (program.vacuums_into) {
    return "VACUUM INTO is not allowed in a migration: this one writes '" + program.vacuum_target +
           "', and a migration changes only the application's database (the build, which replays it, must never "
           "touch files outside its output); take backups in the application, outside its migrations";
  }
  if (rules.in_transaction && program.vacuums) {
    return "VACUUM cannot run inside a transaction; make '-- no-transaction' the first line of the file";
  }
  if (!rules.own_savepoint.empty() && !program.savepoint_ended.empty() &&
      sqlite3_stricmp(program.savepoint_ended.c_str(), std::string(rules.own_savepoint).c_str()) == 0) {
    return "this statement releases or rolls back to " + program.savepoint_ended +
           ", the savepoint embedded-migrations runs the migration under (to undo it if it changed the tracking "
           "table); give the migration's own savepoints other names";
  }
  if (program.attaches) {
    return "ATTACH and DETACH are not allowed in a migration: they would change the application's connection; copy "
           "the data through SQL on the main database instead";
  }
  if (program.touches_tracking_table) {
    return "this statement reads or changes the tracking table \"" + rules.tracking_table->table() +
           "\", which belongs to embedded-migrations (it records every migration itself); remove the statement "
           "from the migration, or, if the application needs a table of that name, record migrations in "
           "another one (TABLE in add_embedded_migrations, or options::table_name)";
  }
  return std::nullopt;
}

// Calls hooks.after_statement once per statement: as soon as it ran, before
// our own checks run SQL of theirs (which a replay's authorizer must not take
// for the migration's), or on any earlier way out.
struct statement_done {
  const statement_hooks& hooks;
  bool called = false;
  explicit statement_done(const statement_hooks& h) : hooks(h) {}
  statement_done(const statement_done&) = delete;
  statement_done& operator=(const statement_done&) = delete;
  void finish() {
    if (!called && hooks.after_statement) hooks.after_statement();
    called = true;
  }
  ~statement_done() { finish(); }
};

}  // namespace

script_result run_script(sqlite3* db, std::string_view sql, const script_rules& rules, const statement_hooks& hooks) {
  // Handed a length that does not end in a NUL, sqlite3_prepare_v2 copies all
  // the remaining text for every statement: quadratic on a large migration.
  // One NUL-terminated copy lets SQLite parse in place.
  const std::string text(sql);
  const char* const begin = text.c_str();
  const char* const end = begin + text.size();
  const char* next = begin;
  script_result result;
  std::size_t inspected_bytes = 0;  // writing statements' text explained so far
  bool violations_in_transaction = false;  // deferred_violations_seen, since the current transaction began
  while (next < end) {
    const auto prepared_from = static_cast<std::size_t>(next - begin);
    // Empty statements (";") before the first token are SQLite's to skip too.
    std::size_t statement_offset = skip_space_and_comments(sql, prepared_from);
    while (statement_offset < sql.size() && sql[statement_offset] == ';') {
      statement_offset = skip_space_and_comments(sql, statement_offset + 1);
    }
    if (statement_offset >= sql.size()) break;

    if (hooks.before_prepare) hooks.before_prepare();
    statement_done done{hooks};
    sqlite3_stmt* raw = nullptr;
    const char* tail = nullptr;
    const int rc = sqlite3_prepare_v2(db, next, -1, &raw, &tail);
    statement_ptr statement(raw);
    if (rc != SQLITE_OK) {
      result.failure = failure_at(db, statement_offset, prepared_from, hooks);
      return result;
    }
    if (tail == next) {  // SQLite stops at a NUL byte: the text cannot go on
      result.failure = script_failure{statement_offset, statement_offset, 0,
                                      "the migration's text holds a NUL byte, which SQL cannot contain; remove it"};
      return result;
    }
    next = tail;
    if (!statement) continue;  // only a ';' or a comment was left

    const auto statement_text =
        sql.substr(statement_offset, static_cast<std::size_t>(tail - begin) - statement_offset);
    // The caller's own vetting speaks first: the replay words its refusals for
    // a build. It also comes before our EXPLAIN, so that the replay's
    // authorizer judges the statement's own compile, not our second one.
    if (auto refusal = hooks.vet ? hooks.vet(statement.get(), statement_text) : std::nullopt) {
      result.failure = script_failure{statement_offset, statement_offset, 0, std::move(*refusal)};
      return result;
    }
    const bool read_only = sqlite3_stmt_readonly(statement.get()) != 0;
    std::optional<statement_program> program;
    const std::size_t explain_cost = statement_text.size() + explain_overhead_bytes;
    const bool within_budget = inspected_bytes + explain_cost <= rules.inspection_budget;
    if (rules.inspect_every_statement || read_only || within_budget) {
      if (!read_only) inspected_bytes += explain_cost;
      // Between two statements outside a transaction another connection may
      // have moved the tracking table's pages. (It can still commit between
      // this check and the EXPLAIN: microseconds, and the fingerprint taken
      // after each such statement names the change, once committed.)
      if (rules.tracking_table && sqlite3_get_autocommit(db)) rules.tracking_table->forget_if_committed_elsewhere(db);
      auto read = read_program(db, statement_text, rules.tracking_table);
      if (!read.program && is_explain(statement.get())) read.program = statement_program{};
      if (!read.program) {
        result.failure = script_failure{statement_offset, statement_offset, 0,
                                        "SQLite could not explain this statement: " + read.error};
        return result;
      }
      program = read.program;
    }
    const bool authorized = hooks.authorized_whole && hooks.authorized_whole();
    if (!authorized && (!program || program->runs_other_code)) result.fully_inspected = false;
    std::optional<std::string> refusal;
    if (program) refusal = refusal_of(*program, rules, statement_text);
    if (!refusal && program && program->control == statement_program::transaction_control::commit &&
        rules.before_commit) {
      refusal = rules.before_commit(violations_in_transaction);
    }
    if (refusal) {
      result.failure = script_failure{statement_offset, statement_offset, 0, std::move(*refusal)};
      return result;
    }

    const bool autocommit_before = sqlite3_get_autocommit(db) != 0;
    int step_rc;
    for (int attempt = 0;; ++attempt) {
      do {
        step_rc = sqlite3_step(statement.get());
      } while (step_rc == SQLITE_ROW);
      // Outside any transaction a statement that met a lock changed nothing
      // and may run again; inside one the caller decides.
      if (step_rc == SQLITE_DONE || !is_other_connections_lock(sqlite3_extended_errcode(db)) || !autocommit_before ||
          !sqlite3_get_autocommit(db) || !wait_before_retry(attempt, rules.busy_deadline)) {
        break;
      }
      sqlite3_reset(statement.get());
    }
    done.finish();
    if (!program && !read_only && rules.tracking_table) rules.tracking_table->after_unread_statement();
    if (step_rc != SQLITE_DONE) {
      result.failure = failure_at(db, statement_offset, prepared_from, hooks);
      if (rules.in_transaction && !program) {  // name the cure for what SQLite refuses inside a transaction
        const auto read = read_program(db, statement_text, rules.tracking_table);
        if (read.program && read.program->vacuums) result.failure->message = *refusal_of(*read.program, rules, statement_text);
      }
      return result;
    }
    const bool autocommit_after = sqlite3_get_autocommit(db) != 0;
    if (autocommit_after) {
      violations_in_transaction = false;  // committed or rolled back: SQLite counts from zero again
    } else if (has_deferred_violations(db)) {
      violations_in_transaction = true;
      result.deferred_violations_seen = true;
    }
    if (autocommit_before && autocommit_after && !read_only) result.committed_something = true;
    // A transaction that ended without an error and without ROLLBACK was
    // committed: by COMMIT or END, or by RELEASE of the savepoint that began it.
    if (!autocommit_before && autocommit_after &&
        !(program && program->control == statement_program::transaction_control::rollback)) {
      result.committed_something = true;
    }
    if (rules.in_transaction && autocommit_after) {  // second line of defence: the transaction must survive
      result.failure = script_failure{statement_offset, statement_offset, 0,
                                      std::string("this statement ended the transaction that wraps this migration; ") +
                                          own_transaction_hint};
      return result;
    }
    if (rules.after_statement) {
      if (auto message = rules.after_statement()) {
        result.failure = script_failure{statement_offset, statement_offset, 0, std::move(*message)};
        return result;
      }
    }
  }
  return result;
}

}  // namespace embedded_migrations::detail
