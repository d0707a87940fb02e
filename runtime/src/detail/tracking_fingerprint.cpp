// The tracking table's fingerprint: what apply() compares around a migration
// to catch one that changed the table.
#include "tracking_table.hpp"

#include "busy_wait.hpp"
#include "failure.hpp"

#include <sqlite3.h>

#include <functional>
#include <string_view>
#include <utility>

namespace embedded_migrations::detail {
namespace {

bool is_lock(int sqlite_code) { return (sqlite_code & 0xFF) == SQLITE_BUSY || (sqlite_code & 0xFF) == SQLITE_LOCKED; }

// A fingerprint row's five values, with their types and lengths, hashed by
// the standard library's string hash (a byte-at-a-time hash made this scan,
// run after every migration, the largest cost of a fresh apply). It guards
// against a migration's mistakes, not against forged collisions: the hash
// only has to change when a row does.
class row_hash {
 public:
  void integer(std::int64_t value) {
    type(SQLITE_INTEGER);
    mix(&value, sizeof value);
  }
  void text(std::string_view value) {
    type(SQLITE_TEXT);
    bytes(value.data(), value.size());
  }
  void column(sqlite3_stmt* row, int column) {
    const int kind = sqlite3_column_type(row, column);
    if (kind == SQLITE_INTEGER) return integer(sqlite3_column_int64(row, column));  // as stored, not as text
    type(kind);
    if (kind == SQLITE_FLOAT) {
      const auto value = sqlite3_column_double(row, column);
      mix(&value, sizeof value);
    } else if (kind != SQLITE_NULL) {
      const auto* data = sqlite3_column_blob(row, column);
      bytes(data, static_cast<std::size_t>(sqlite3_column_bytes(row, column)));
    }
  }
  std::uint64_t value() const noexcept { return hash_; }

 private:
  void type(int kind) { mix(&kind, sizeof kind); }
  void bytes(const void* data, std::size_t size) {
    mix(&size, sizeof size);
    if (data) mix(data, size);
  }
  void mix(const void* data, std::size_t size) {
    const auto value = std::hash<std::string_view>{}(std::string_view(static_cast<const char*>(data), size));
    hash_ = (hash_ ^ value) * 1099511628211ULL + (hash_ >> 29);
  }
  std::uint64_t hash_ = 14695981039346656037ULL;
};

std::uint64_t hash_row(sqlite3_stmt* row) {
  row_hash hash;
  for (int column = 0; column < 5; ++column) hash.column(row, column);
  return hash.value();
}

}  // namespace

std::uint64_t tracking_table::fingerprint(steady_time deadline) {
  for (int attempt = 0;; ++attempt) {
    if (const auto hash = try_fingerprint()) return *hash;
    // Outside a transaction (a -- no-transaction migration) another
    // connection's commit can lock us out for a moment: read again.
    if (!wait_before_retry(attempt, deadline)) {
      throw_sqlite_error(db_, error_code::sqlite_error, "cannot read the tracking table \"" + name_ + "\"");
    }
  }
}

std::int64_t tracking_table::data_version() {
  if (!data_version_) data_version_ = prepare_bookkeeping("PRAGMA main.data_version", {});
  const int rc = sqlite3_step(data_version_.get());
  const auto value = rc == SQLITE_ROW ? sqlite3_column_int64(data_version_.get(), 0) : -1;
  sqlite3_reset(data_version_.get());
  return value;
}

void tracking_table::remember_after_record(std::uint64_t fingerprint_before_row) {
  const recorded_migration& row = last_recorded_;
  // The row as the fingerprint query reads it back: record() wrote these
  // values, none of them computed by SQLite, and the table's declared types
  // (check_shape) store them as given. Read under our write lock: no other
  // connection can commit before ours.
  row_hash hash;
  hash.text("row");
  hash.integer(row.version);
  hash.text(row.filename);
  hash.text(row.checksum);
  hash.text(row.applied_at);
  remembered_ = remembered_fingerprint{fingerprint_before_row + hash.value(), data_version()};
}

std::optional<std::uint64_t> tracking_table::take_remembered() {
  const auto remembered = std::exchange(remembered_, std::nullopt);
  // data_version moves when another connection committed: then read it all
  // again, root pages too (a VACUUM there renumbers them).
  if (!remembered || data_version() != remembered->data_version) {
    root_pages_.forget();
    return std::nullopt;
  }
  return remembered->fingerprint;
}

std::optional<std::uint64_t> tracking_table::try_fingerprint() {
  // What a migration could change about the table, from the schema SQLite
  // holds in memory rather than from sqlite_master (which grows with every
  // migration): its columns, its indexes, any temp object of its name, and
  // its rows. A trigger on it shows when it fires on our own INSERT (see
  // record()); a table dropped or renamed makes this query fail.
  if (!fingerprint_) {
    const std::string sql =
        "SELECT 'column', name, type, \"notnull\", dflt_value FROM pragma_table_xinfo(?1, 'main') "
        "UNION ALL SELECT 'index', name, \"unique\", origin, partial FROM pragma_index_list(?1, 'main') "
        "UNION ALL SELECT 'temp', name, type, \"notnull\", dflt_value FROM pragma_table_xinfo(?1, 'temp') "
        "UNION ALL SELECT 'row', version, filename, checksum, applied_at FROM main." + quoted_name_;
    if (prepare(db_, sql, fingerprint_) != SQLITE_OK) {
      if (is_lock(sqlite3_extended_errcode(db_))) return std::nullopt;
      return 0;  // the table is gone: nothing else hashes to 0
    }
    sqlite3_bind_text(fingerprint_.get(), 1, name_.c_str(), static_cast<int>(name_.size()), SQLITE_STATIC);
  }
  // The rows' hashes are added, so the order SQLite returns them in (PRAGMA
  // reverse_unordered_selects) does not matter, and a row can be added later.
  std::uint64_t sum = 0;
  std::size_t rows = 0;
  int rc;
  while ((rc = sqlite3_step(fingerprint_.get())) == SQLITE_ROW) {
    sum += hash_row(fingerprint_.get());
    ++rows;
  }
  if (rc == SQLITE_DONE) rows_hint_ = rows;
  sqlite3_reset(fingerprint_.get());
  if (rc != SQLITE_DONE) {
    fingerprint_.reset();  // prepared before a DROP or rename: prepare it again next time
    if (is_lock(rc)) return std::nullopt;
    return 0;
  }
  return sum == 0 ? 1 : sum;
}

}  // namespace embedded_migrations::detail
