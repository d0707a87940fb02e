#include "fresh_snapshot.hpp"

#include "replay/replay_check.hpp"

#include "detail/schema/canonical_schema.hpp"
#include "detail/sqlite_handles.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <set>
#include <stdexcept>

namespace embedded_migrations::generator {
namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// SQLite flags the date and time functions deterministic (SQLITE_SLOCHNG),
// yet they read the clock when given 'now' or no argument.
const std::set<std::string> clock_functions = {"date",     "time",          "datetime",     "julianday",
                                               "strftime", "unixepoch",     "timediff",     "current_date",
                                               "current_time", "current_timestamp"};
// Header fields a transaction can change and a snapshot does not carry.
const std::set<std::string> persistent_pragmas = {"user_version", "application_id", "page_size", "auto_vacuum",
                                                  "encoding"};

std::string text_of(sqlite3_stmt* s, int column) {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(s, column));
  return text ? std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(s, column))) : std::string();
}

std::string quoted(const std::string& name) {
  std::string out = "\"";
  for (const char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// Each row as an INSERT naming its columns (and the rowid, which later rows
// may reference), values as SQL literals: quote(), except REAL as %!.17g,
// which round-trips every double where quote() keeps 15 digits.
void append_rows(sqlite3* db, const detail::schema::schema_object& table, std::string& script) {
  // A WITHOUT ROWID table has no rowid to select; its primary key orders it.
  detail::statement_ptr probe;
  const bool has_rowid = detail::prepare(db, "SELECT rowid FROM main." + quoted(table.name), probe) == SQLITE_OK;
  std::vector<std::string> names;
  std::vector<std::string> values;
  if (has_rowid) {
    names.push_back("rowid");
    values.push_back("quote(rowid)");
  }
  for (const auto& c : table.columns) {
    if (c.hidden != 0) continue;  // generated columns are computed again
    names.push_back(quoted(c.name));
    values.push_back(
        fmt::format("CASE WHEN typeof({0}) = 'real' THEN printf('%!.17g', {0}) ELSE quote({0}) END", quoted(c.name)));
  }
  const auto select = fmt::format("SELECT {} FROM main.{}{}", fmt::join(values, " || ', ' || "), quoted(table.name),
                                  has_rowid ? " ORDER BY rowid" : "");
  detail::statement_ptr rows;
  if (detail::prepare(db, select, rows) != SQLITE_OK) throw std::runtime_error(sqlite3_errmsg(db));
  while (sqlite3_step(rows.get()) == SQLITE_ROW) {
    script += fmt::format("INSERT INTO {} ({}) VALUES ({});\n", quoted(table.name), fmt::join(names, ", "),
                          text_of(rows.get(), 0));
  }
}

std::string build_script(sqlite3* db, const std::string& table) {
  detail::schema::read_options read;
  read.tracking_table = table;
  const auto schema = detail::schema::read_schema(db, read);
  std::string script = "PRAGMA defer_foreign_keys = ON;\n";  // rows go in by table name, not by reference
  for (const auto& o : schema.objects) {
    if (o.type == "table") script += o.sql + ";\n";
  }
  for (const auto& o : schema.objects) {
    if (o.type == "table") append_rows(db, o, script);
  }
  detail::statement_ptr counters;
  if (detail::prepare(db, "SELECT name, seq FROM main.sqlite_sequence ORDER BY name", counters) == SQLITE_OK) {
    while (sqlite3_step(counters.get()) == SQLITE_ROW) {
      const auto name = text_of(counters.get(), 0);
      if (lower(name) == lower(table)) continue;
      std::string literal = "'";
      for (const char c : name) literal += c == '\'' ? std::string("''") : std::string(1, c);
      literal += "'";
      script += fmt::format("DELETE FROM sqlite_sequence WHERE name = {0};\n"
                            "INSERT INTO sqlite_sequence (name, seq) VALUES ({0}, {1});\n",
                            literal, sqlite3_column_int64(counters.get(), 1));
    }
  }
  for (const auto& o : schema.objects) {  // after the rows, so triggers do not fire on them
    if (o.type != "table") script += o.sql + ";\n";
  }
  return script;
}

// Rides on the replay: judges each migration from what SQLite authorizes
// while its statements are prepared and from the rows it changes, and reads
// the final schema and rows once the last one replayed.
class observer final : public replay_check {
 public:
  observer(const std::vector<loaded_migration>& migrations, std::string table)
      : migrations_(migrations), table_(std::move(table)) {}

  // The replay's connection, before the first migration.
  void start(sqlite3* db, const std::vector<declared_function>& functions) {
    db_ = db;
    // 0x800 is SQLITE_DETERMINISTIC in PRAGMA function_list's flags (SQLite 3.30+);
    // without that pragma every function counts as non-deterministic.
    detail::statement_ptr list;
    if (detail::prepare(db, "SELECT name FROM pragma_function_list WHERE flags & 0x800", list) == SQLITE_OK) {
      while (sqlite3_step(list.get()) == SQLITE_ROW) deterministic_.insert(lower(text_of(list.get(), 0)));
    }
    for (const auto& function : functions) deterministic_.erase(lower(function.name));
    if (migrations_.empty()) finish();
  }
  void before(std::size_t, const loaded_migration&) override {
    functions_seen_.clear();
    pragma_set_.clear();
    preparing_ = {};
    changes_before_ = sqlite3_total_changes64(db_);
  }
  // What a statement is authorized counts once it compiled: the replay's
  // trigger check prepares statements of its own after the migration (to
  // judge the triggers it created), and the functions those would call are
  // not the migration's.
  void on_authorize(int action, const char* arg1, const char* arg2) override {
    if (action == SQLITE_FUNCTION && arg2) preparing_.functions.insert(lower(arg2));
    if (action == SQLITE_PRAGMA && arg1 && arg2 && persistent_pragmas.count(lower(arg1))) {
      preparing_.pragma_set = lower(arg1);
    }
  }
  void on_statement(sqlite3_stmt*, std::string_view) override {
    functions_seen_.insert(preparing_.functions.begin(), preparing_.functions.end());
    if (!preparing_.pragma_set.empty()) pragma_set_ = preparing_.pragma_set;
    preparing_ = {};
  }
  void after(std::size_t index, const loaded_migration& migration) override {
    if (!verdict_.refusal.empty()) return;  // the first reason is the one given
    const bool wrote_rows = sqlite3_total_changes64(db_) - changes_before_ > 1;  // 1: its tracking row
    for (const auto& name : functions_seen_) {
      if (wrote_rows && (!deterministic_.count(name) || clock_functions.count(name))) {
        verdict_.refusal = fmt::format("{} writes rows and calls {}(), whose result can differ on each run",
                                       migration.filename, name);
        return;
      }
    }
    if (!pragma_set_.empty()) {
      verdict_.refusal =
          fmt::format("{} sets PRAGMA {}, which the snapshot does not carry", migration.filename, pragma_set_);
      return;
    }
    if (index + 1 == migrations_.size()) finish();
  }
  fresh_snapshot take_verdict() { return std::move(verdict_); }

 private:
  void finish() {
    detail::statement_ptr special;
    detail::prepare(db_,
                    "SELECT name FROM main.sqlite_master WHERE name LIKE 'sqlite\\_stat%' ESCAPE '\\' "
                    "OR sql LIKE 'CREATE VIRTUAL TABLE%' LIMIT 1",
                    special);
    if (special && sqlite3_step(special.get()) == SQLITE_ROW) {
      verdict_.refusal = fmt::format("the migrations create {}, which the snapshot cannot recreate as it is",
                                     text_of(special.get(), 0));
      return;
    }
    verdict_.script = build_script(db_, table_);
  }

  const std::vector<loaded_migration>& migrations_;
  std::string table_;
  sqlite3* db_ = nullptr;
  std::set<std::string> deterministic_;  // from PRAGMA function_list
  struct statement_seen {
    std::set<std::string> functions;
    std::string pragma_set;
  };
  statement_seen preparing_;  // the statement being prepared
  std::set<std::string> functions_seen_;
  std::string pragma_set_;
  std::int64_t changes_before_ = 0;
  fresh_snapshot verdict_;
};

}  // namespace

fresh_snapshot make_fresh_snapshot(const std::vector<loaded_migration>& migrations,
                                   const std::vector<declared_function>& functions, const std::string& table,
                                   const replay_limits& limits, bool foreign_keys) {
  for (const auto& m : migrations) {
    if (!m.transactional) {
      fresh_snapshot verdict;
      verdict.refusal = m.filename + " runs outside a transaction (-- no-transaction)";
      return verdict;
    }
  }
  // The build replay's sandbox, authorizer and runner, on a database of its
  // own that nothing but the migrations touches, in the set's foreign-key
  // mode, as apply() runs it (a cascade changes the rows the snapshot holds).
  observer seen(migrations, table);
  replay_options options;
  options.foreign_keys = foreign_keys;
  options.functions = functions;
  options.tracking_table = table;
  options.limits = limits;
  options.checks = {&seen};
  options.configure_connection = [&](sqlite3* db) { seen.start(db, functions); };
  std::vector<diagnostic> diagnostics;
  if (!replay_migrations(migrations, {}, options, diagnostics)) {
    std::string message = "a migration does not replay";
    for (const auto& d : diagnostics) {
      if (d.level == severity::error) {
        message = fmt::format("{}: {}", d.path, d.message);
        break;
      }
    }
    throw std::runtime_error(message);
  }
  return seen.take_verdict();
}

}  // namespace embedded_migrations::generator
