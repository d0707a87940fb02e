#include "checks/populated_tables.hpp"

#include "detail/sqlite_handles.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <sqlite3.h>

#include <algorithm>

namespace embedded_migrations::generator {
namespace {

std::string sql_name(std::string_view name) {
  std::string out = "\"";
  for (const char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

bool is_empty(sqlite3* db, const std::string& table) {
  detail::statement_ptr query;
  if (detail::prepare(db, "SELECT 1 FROM main." + sql_name(table) + " LIMIT 1", query) != SQLITE_OK) return false;
  return sqlite3_step(query.get()) == SQLITE_DONE;
}

// Runs one statement to its end: nullopt, or SQLite's message.
std::optional<std::string> run_statement(sqlite3* db, const std::string& sql) {
  detail::statement_ptr statement;
  if (detail::prepare(db, sql, statement) != SQLITE_OK) return std::string(sqlite3_errmsg(db));
  int rc;
  while ((rc = sqlite3_step(statement.get())) == SQLITE_ROW) {
  }
  if (rc == SQLITE_DONE) return std::nullopt;
  return std::string(sqlite3_errmsg(db));
}

// The INSERT of one synthetic row, from what SQLite says of the table's
// columns. The blandest row first: NULL wherever the column allows it and its
// default wherever it has one, so that a CHECK or a generated column that
// involves other columns meets what a real row most often holds; with
// `every`, a value for each column without a default too, for tables whose
// CHECKs or primary key refuse NULL. A value is 1 cast to the declared type,
// so that SQLite, not we, decides what that type holds (STRICT included).
std::optional<std::string> insert_of(sqlite3* db, const std::string& table, bool every) {
  detail::statement_ptr query;
  if (detail::prepare(db,
                      "SELECT name, type FROM pragma_table_xinfo(?1, 'main') "
                      "WHERE hidden = 0 AND dflt_value IS NULL AND (\"notnull\" OR ?2) ORDER BY cid",
                      query) != SQLITE_OK) {
    return std::nullopt;
  }
  sqlite3_bind_text(query.get(), 1, table.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int(query.get(), 2, every ? 1 : 0);
  std::vector<std::string> names, values;
  while (sqlite3_step(query.get()) == SQLITE_ROW) {
    const auto* name = reinterpret_cast<const char*>(sqlite3_column_text(query.get(), 0));
    const auto* type = reinterpret_cast<const char*>(sqlite3_column_text(query.get(), 1));
    names.push_back(sql_name(name ? name : ""));
    values.push_back(type && *type ? fmt::format("CAST(1 AS {})", type) : "1");
  }
  const auto target = "INSERT INTO main." + sql_name(table);
  if (names.empty()) return target + " DEFAULT VALUES";
  return fmt::format("{} ({}) VALUES ({})", target, fmt::join(names, ", "), fmt::join(values, ", "));
}

bool insert_synthetic_row(sqlite3* db, const std::string& table) {
  for (const bool every : {false, true}) {
    const auto insert = insert_of(db, table, every);
    if (insert && !run_statement(db, *insert)) return true;
  }
  return false;
}

// What PRAGMA quick_check finds wrong with the table's rows (a value its
// STRICT type, NOT NULL or CHECK refuses), or nullopt: nothing, or the table
// is gone (renamed).
std::optional<std::string> integrity_problem(sqlite3* db, const std::string& table) {
  detail::statement_ptr query;
  if (detail::prepare(db, "SELECT quick_check FROM pragma_quick_check(?1, 'main')", query) != SQLITE_OK) {
    return std::nullopt;
  }
  sqlite3_bind_text(query.get(), 1, table.c_str(), -1, SQLITE_TRANSIENT);
  if (sqlite3_step(query.get()) != SQLITE_ROW) return std::nullopt;
  const auto* verdict = reinterpret_cast<const char*>(sqlite3_column_text(query.get(), 0));
  if (!verdict || std::string_view(verdict) == "ok") return std::nullopt;
  return std::string(verdict);
}

// The probe's savepoint: whatever happens, the replay's database is left as
// it was. Our own name, innermost, so a migration's savepoints are untouched.
class probe_savepoint {
 public:
  explicit probe_savepoint(sqlite3* db) : db_(db) {
    open_ = sqlite3_exec(db, "SAVEPOINT embedded_migrations_probe", nullptr, nullptr, nullptr) == SQLITE_OK;
  }
  probe_savepoint(const probe_savepoint&) = delete;
  probe_savepoint& operator=(const probe_savepoint&) = delete;
  ~probe_savepoint() { close(); }

  bool is_open() const noexcept { return open_; }
  bool undo() noexcept {
    return sqlite3_exec(db_, "ROLLBACK TO embedded_migrations_probe", nullptr, nullptr, nullptr) == SQLITE_OK;
  }
  // Undoes everything and ends the savepoint; false when SQLite could not.
  bool close() noexcept {
    if (!open_) return true;
    open_ = false;
    const bool undone = undo();
    return sqlite3_exec(db_, "RELEASE embedded_migrations_probe", nullptr, nullptr, nullptr) == SQLITE_OK && undone;
  }

 private:
  sqlite3* db_;
  bool open_ = false;
};

// Never expected: SQLite undoes a savepoint it opened. The replay stops here
// rather than go on from a state the migrations did not make.
std::string undo_failed(sqlite3* db) {
  return fmt::format("the build could not undo its probe of this statement ({}); report this as a bug of "
                     "embedded-migrations, with the migration",
                     sqlite3_errmsg(db));
}

constexpr const char* remedy =
    "write it so that it holds for existing rows: a constant default that the column's type and constraints accept "
    "(ADD COLUMN c TEXT NOT NULL DEFAULT ''; for a REFERENCES column, no default, then an UPDATE that fills it), or "
    "the 12-step table rebuild: create the new table, copy the rows, drop the old one, rename the new one "
    "(https://www.sqlite.org/lang_altertable.html#otheralter)";

}  // namespace

void populated_tables_check::start(const replay_context& context) { db_ = context.db; }

void populated_tables_check::before(std::size_t, const loaded_migration&) { altered_.clear(); }

void populated_tables_check::on_authorize(int action, const char* arg1, const char* arg2) {
  // SQLite names the schema and the table of every ALTER TABLE it prepares;
  // a statement the runtime explains is prepared twice, so once is enough.
  if (action != SQLITE_ALTER_TABLE || !arg1 || !arg2 || sqlite3_stricmp(arg1, "main") != 0) return;
  if (std::find(altered_.begin(), altered_.end(), arg2) == altered_.end()) altered_.emplace_back(arg2);
}

void populated_tables_check::on_statement(sqlite3_stmt*, std::string_view) {}

std::optional<std::string> populated_tables_check::vet(sqlite3_stmt*, std::string_view text) {
  std::vector<std::string> tables;
  tables.swap(altered_);
  for (const auto& table : tables) {
    if (!db_ || !is_empty(db_, table)) continue;  // rows already there: the statement meets them as it runs
    const std::string statement(text);
    probe_savepoint savepoint(db_);
    if (!savepoint.is_open() || !insert_synthetic_row(db_, table)) continue;
    ++probes_;
    // The statement compiled by the replay expires with the schema it
    // changes here and rolls back, and sqlite3_step() prepares it again.
    auto with_row = run_statement(db_, statement);
    std::optional<std::string> integrity;
    if (!with_row) integrity = integrity_problem(db_, table);
    if (!with_row && !integrity) {
      if (!savepoint.close()) return undo_failed(db_);
      continue;
    }
    // Only what the row causes: without it, does the statement pass?
    const bool passes_without_row = savepoint.undo() && !run_statement(db_, statement);
    if (!savepoint.close()) return undo_failed(db_);
    if (!passes_without_row) continue;  // it fails as it is: SQLite says why when it runs
    if (with_row) {
      return fmt::format(
          "this statement fails on any database where table \"{}\" has rows (SQLite, given one, says: {}), "
          "although it passes on the replay's empty table; {}",
          table, *with_row, remedy);
    }
    return fmt::format(
        "on any database where table \"{}\" has rows, this statement leaves rows that the table's own rules "
        "reject (given one, PRAGMA quick_check then says: {}), although it passes on the replay's empty table; {}",
        table, *integrity, remedy);
  }
  return std::nullopt;
}

void populated_tables_check::after(std::size_t, const loaded_migration&) {}

}  // namespace embedded_migrations::generator
