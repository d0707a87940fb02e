#include "tracking_table.hpp"

#include "failure.hpp"

#include <embedded_migrations/migration_error.hpp>

#include <sqlite3.h>

#include <chrono>
#include <cstdio>

namespace embedded_migrations::detail {
namespace {

constexpr std::size_t max_table_name_length = 64;

bool is_lock(int sqlite_code) { return (sqlite_code & 0xFF) == SQLITE_BUSY || (sqlite_code & 0xFF) == SQLITE_LOCKED; }

bool is_valid_table_name(const std::string& name) {
  if (name.empty() || name.size() > max_table_name_length) return false;
  if (name[0] >= '0' && name[0] <= '9') return false;
  for (const char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  // sqlite_* names are reserved for SQLite's own tables.
  return sqlite3_strnicmp(name.c_str(), "sqlite_", 7) != 0;
}

std::string text_column(sqlite3_stmt* statement, int column) {
  const auto* text = sqlite3_column_text(statement, column);
  return text ? std::string(reinterpret_cast<const char*>(text),
                            static_cast<std::size_t>(sqlite3_column_bytes(statement, column)))
              : std::string();
}

[[noreturn]] void throw_foreign_table(const std::string& name, const std::string& problem, int sqlite_code = 0) {
  throw migration_error(
      error_code::tracking_table_invalid,
      "the tracking table \"" + name + "\" exists but is not one embedded-migrations can use (" + problem +
          "); if another tool owns that table, set options::table_name to a name of your own",
      {}, sqlite_code);
}

}  // namespace

tracking_table::tracking_table(sqlite3* db, const std::string& name) : db_(db), name_(name) {
  if (!is_valid_table_name(name)) {
    throw migration_error(error_code::invalid_argument,
                          "invalid tracking table name \"" + name +
                              "\": use 1 to 64 letters, digits or '_', not starting with a digit or sqlite_");
  }
  quoted_name_ = '"' + name + '"';
}

bool tracking_table::check_shape() {
  // A statement that is prepared and never stepped answers from the schema in
  // memory: the declared types of our columns, and that it is our table, whose
  // rowid is the declared "id INTEGER PRIMARY KEY" (a view's rowid, which
  // SQLite still accepts, has no declared type). sqlite_master, which every
  // migration makes longer, is read only when the prepare fails.
  const std::string probe_sql = "SELECT version, filename, checksum, applied_at, rowid FROM main." + quoted_name_;
  statement_ptr probe;
  if (prepare(db_, probe_sql, probe) != SQLITE_OK) {
    const int code = sqlite3_extended_errcode(db_);
    const std::string problem = sqlite3_errmsg(db_);
    // Reading the schema met another connection's lock: busy, not foreign.
    if (is_lock(code)) throw_sqlite_error(db_, error_code::sqlite_error, "cannot read the database schema");
    statement_ptr query;
    if (prepare(db_, "SELECT type FROM main.sqlite_master WHERE name = ?1 COLLATE NOCASE AND type IN ('table', 'view')",
                query) != SQLITE_OK) {
      throw_sqlite_error(db_, error_code::sqlite_error, "cannot read the database schema");
    }
    sqlite3_bind_text(query.get(), 1, name_.c_str(), static_cast<int>(name_.size()), SQLITE_STATIC);
    const int rc = sqlite3_step(query.get());
    if (rc == SQLITE_DONE) {
      exists_ = false;
      return false;
    }
    if (rc != SQLITE_ROW) throw_sqlite_error(db_, error_code::sqlite_error, "cannot read the database schema");
    const auto type = text_column(query.get(), 0);
    if (type == "view") throw_foreign_table(name_, "it is a view, not a table");
    // The prepare may have judged a stale schema: another connection created
    // the table, then held the lock when SQLite tried to check its schema
    // cookie, and that check gives up on a lock without a word (schemaIsValid
    // in prepare.c), leaving "no such table". The lookup just run read the
    // current schema, so one more prepare tells a foreign table from a race.
    query.reset();
    if (prepare(db_, probe_sql, probe) != SQLITE_OK) {
      if (is_lock(sqlite3_extended_errcode(db_))) {
        throw_sqlite_error(db_, error_code::sqlite_error, "cannot read the database schema");
      }
      throw_foreign_table(name_, sqlite3_errmsg(db_), sqlite3_extended_errcode(db_));
    }
  }
  const auto declared = [&](int column, const char* wanted) {
    const char* type = sqlite3_column_decltype(probe.get(), column);
    return type && sqlite3_stricmp(type, wanted) == 0;
  };
  if (!declared(4, "INTEGER")) {
    throw_foreign_table(name_, "it is a view, or a table without the id INTEGER PRIMARY KEY column");
  }
  if (!declared(0, "INTEGER") || !declared(1, "TEXT") || !declared(2, "TEXT")) {
    throw_foreign_table(name_, "its columns are not version INTEGER, filename TEXT, checksum TEXT, applied_at");
  }
  exists_ = true;
  return true;
}

bool tracking_table::prepare_read(const std::string& sql, statement_ptr& query) {
  if (!check_shape()) return false;
  if (prepare(db_, sql, query) != SQLITE_OK) {
    throw_foreign_table(name_, sqlite3_errmsg(db_), sqlite3_extended_errcode(db_));
  }
  return true;
}

std::vector<recorded_migration> tracking_table::read() {
  statement_ptr query;
  if (!prepare_read("SELECT version, filename, checksum, applied_at FROM main." + quoted_name_ + " ORDER BY version", query)) {
    return {};
  }
  std::vector<recorded_migration> rows;
  int rc;
  while ((rc = sqlite3_step(query.get())) == SQLITE_ROW) {
    if (sqlite3_column_type(query.get(), 0) != SQLITE_INTEGER || sqlite3_column_type(query.get(), 1) != SQLITE_TEXT) {
      throw_foreign_table(name_, "a row's version is not an integer or its filename is not text");
    }
    rows.push_back({sqlite3_column_int64(query.get(), 0), text_column(query.get(), 1),
                    text_column(query.get(), 2), text_column(query.get(), 3),
                    sqlite3_column_type(query.get(), 2) != SQLITE_NULL});
  }
  if (rc != SQLITE_DONE) {
    throw_sqlite_error(db_, error_code::sqlite_error, "cannot read the tracking table \"" + name_ + "\"");
  }
  return rows;
}

void tracking_table::scan(const std::function<void(const scanned_row&)>& visit) {
  statement_ptr query;
  if (!prepare_read("SELECT version, checksum FROM main." + quoted_name_, query)) return;
  int rc;
  rows_hint_ = 0;
  while ((rc = sqlite3_step(query.get())) == SQLITE_ROW) {
    ++rows_hint_;
    if (sqlite3_column_type(query.get(), 0) != SQLITE_INTEGER) {
      throw_foreign_table(name_, "a row's version is not an integer");
    }
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(query.get(), 1));
    const auto size = static_cast<std::size_t>(sqlite3_column_bytes(query.get(), 1));
    visit({sqlite3_column_int64(query.get(), 0), text ? std::string_view(text, size) : std::string_view(),
           text != nullptr});
  }
  if (rc != SQLITE_DONE) {
    throw_sqlite_error(db_, error_code::sqlite_error, "cannot read the tracking table \"" + name_ + "\"");
  }
}

std::string tracking_table::filename_of(std::int64_t version) {
  const auto row = exists_ ? find(version) : std::nullopt;
  return row ? row->filename : std::string();
}

void tracking_table::create_if_missing() {
  if (exists_) return;
  remembered_.reset();  // our own write: data_version would not show it
  const std::string sql = "CREATE TABLE IF NOT EXISTS main." + quoted_name_ +
                          " (\n"
                          "  id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
                          "  version INTEGER NOT NULL UNIQUE,\n"
                          "  filename TEXT NOT NULL UNIQUE,\n"
                          "  checksum TEXT,\n"
                          "  applied_at DATETIME DEFAULT CURRENT_TIMESTAMP\n"
                          ")";
  execute(db_, sql.c_str());
  exists_ = true;
}

namespace {

// Runs a prepared bookkeeping statement to completion; throws on failure.
// `expected_changes`, when not negative, is how many rows it changes: SQLite
// counts the changes of trigger programs too, so more (or fewer) means a
// trigger on the tracking table acted on our write. `outcome` says what the
// caller's transaction then leaves behind, for that message.
void run_bookkeeping(sqlite3* db, sqlite3_stmt* statement, const std::string& table, std::string_view filename,
                     int expected_changes = 1, const char* outcome = "so nothing was committed") {
  const int changes_before = sqlite3_total_changes(db);
  const int rc = sqlite3_step(statement);
  sqlite3_reset(statement);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
    throw_sqlite_error(db, error_code::sqlite_error, "cannot update the tracking table \"" + table + "\"",
                       std::string(filename));
  }
  if (expected_changes >= 0 && sqlite3_total_changes(db) - changes_before != expected_changes) {
    throw migration_error(error_code::tracking_table_invalid,
                          "a trigger on the tracking table \"" + table + "\" acted when " + std::string(filename) +
                              " was recorded, " + outcome + "; the tracking table belongs to "
                              "embedded-migrations: drop the trigger (and the migration statement creating it)",
                          std::string(filename));
  }
}

// The current time in UTC as CURRENT_TIMESTAMP writes it, "YYYY-MM-DD
// HH:MM:SS", from the civil-from-days algorithm (H. Hinnant, "chrono-Compatible
// Low-Level Date Algorithms"): C++17 has no thread-safe gmtime.
std::string utc_now_text() {
  using namespace std::chrono;
  const auto seconds = duration_cast<std::chrono::seconds>(system_clock::now().time_since_epoch()).count();
  const std::int64_t days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
  const std::int64_t in_day = seconds - days * 86400;
  const std::int64_t z = days + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t day_of_era = z - era * 146097;
  const std::int64_t year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const std::int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const std::int64_t mp = (5 * day_of_year + 2) / 153;
  const std::int64_t day = day_of_year - (153 * mp + 2) / 5 + 1;
  const std::int64_t month = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
  char text[128];  // room for any int64 field, which -Wformat-truncation counts
  std::snprintf(text, sizeof text, "%04lld-%02lld-%02lld %02lld:%02lld:%02lld", static_cast<long long>(year),
                static_cast<long long>(month), static_cast<long long>(day), static_cast<long long>(in_day / 3600),
                static_cast<long long>(in_day / 60 % 60), static_cast<long long>(in_day % 60));
  return text;
}

void bind_text(sqlite3_stmt* statement, int index, std::string_view text) {
  sqlite3_bind_text(statement, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
}

}  // namespace

statement_ptr tracking_table::prepare_bookkeeping(const std::string& sql, std::string_view filename) {
  statement_ptr statement;
  if (prepare(db_, sql, statement) != SQLITE_OK) {
    throw_sqlite_error(db_, error_code::sqlite_error, "cannot update the tracking table \"" + name_ + "\"",
                       std::string(filename));
  }
  return statement;
}

void tracking_table::record(const migration& applied) {
  remembered_.reset();  // our own write: data_version would not show it
  if (!insert_) {
    insert_ = prepare_bookkeeping("INSERT INTO main." + quoted_name_ +
                                      " (version, filename, checksum, applied_at) VALUES (?1, ?2, ?3, ?4)",
                                  applied.filename);
  }
  // The time is ours rather than the column's CURRENT_TIMESTAMP default, so
  // that the whole row is known without reading it back (remember_after_record).
  last_recorded_ = {applied.version, std::string(applied.filename), std::string(applied.checksum), utc_now_text(),
                    true};
  sqlite3_bind_int64(insert_.get(), 1, applied.version);
  bind_text(insert_.get(), 2, applied.filename);
  bind_text(insert_.get(), 3, applied.checksum);
  bind_text(insert_.get(), 4, last_recorded_.applied_at);
  run_bookkeeping(db_, insert_.get(), name_, applied.filename);
  ++rows_hint_;
}

std::optional<recorded_migration> tracking_table::find(std::int64_t version) {
  if (!find_) {
    find_ = prepare_bookkeeping(
        "SELECT filename, checksum, applied_at FROM main." + quoted_name_ + " WHERE version = ?1", {});
  }
  sqlite3_bind_int64(find_.get(), 1, version);
  const int rc = sqlite3_step(find_.get());
  std::optional<recorded_migration> row;
  if (rc == SQLITE_ROW) {
    row = recorded_migration{version, text_column(find_.get(), 0), text_column(find_.get(), 1),
                             text_column(find_.get(), 2), sqlite3_column_type(find_.get(), 1) != SQLITE_NULL};
  }
  sqlite3_reset(find_.get());
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
    throw_sqlite_error(db_, error_code::sqlite_error, "cannot read the tracking table \"" + name_ + "\"");
  }
  return row;
}

void tracking_table::claim(const migration& starting) {
  remembered_.reset();  // our own write: data_version would not show it
  auto statement = prepare_bookkeeping(
      "INSERT INTO main." + quoted_name_ + " (version, filename, checksum) VALUES (?1, ?2, NULL)", starting.filename);
  sqlite3_bind_int64(statement.get(), 1, starting.version);
  bind_text(statement.get(), 2, starting.filename);
  run_bookkeeping(db_, statement.get(), name_, starting.filename);
}

void tracking_table::complete(const migration& finished) {
  remembered_.reset();  // our own write: data_version would not show it
  auto statement = prepare_bookkeeping("UPDATE main." + quoted_name_ +
                                           " SET checksum = ?2, applied_at = CURRENT_TIMESTAMP WHERE version = ?1",
                                       finished.filename);
  sqlite3_bind_int64(statement.get(), 1, finished.version);
  bind_text(statement.get(), 2, finished.checksum);
  // The migration ran and committed outside a transaction: only its row is
  // left as it was (the caller says what that means).
  run_bookkeeping(db_, statement.get(), name_, finished.filename, 1, "so its row was not completed");
}

void tracking_table::release_claim(std::int64_t version) {
  remembered_.reset();  // our own write: data_version would not show it
  auto statement =
      prepare_bookkeeping("DELETE FROM main." + quoted_name_ + " WHERE version = ?1 AND checksum IS NULL", {});
  sqlite3_bind_int64(statement.get(), 1, version);
  run_bookkeeping(db_, statement.get(), name_, {}, -1);
}

void tracking_table::sync_user_version() {
  // PRAGMA takes no parameters; the value comes from the table itself.
  auto highest = prepare_bookkeeping(
      "SELECT coalesce(max(version), 0) FROM main." + quoted_name_ + " WHERE checksum IS NOT NULL", {});
  if (sqlite3_step(highest.get()) != SQLITE_ROW) {
    throw_sqlite_error(db_, error_code::sqlite_error, "cannot read the tracking table \"" + name_ + "\"");
  }
  const std::string pragma = "PRAGMA main.user_version = " + std::to_string(sqlite3_column_int64(highest.get(), 0));
  execute(db_, pragma.c_str());
}

}  // namespace embedded_migrations::detail
