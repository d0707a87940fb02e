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
std::uint64_t hash_row(sqlite3_stmt* row) {
  std::uint64_t hash = 14695981039346656037ULL;
  const auto mix = [&](const void* data, std::size_t size) {
    const auto value = std::hash<std::string_view>{}(std::string_view(static_cast<const char*>(data), size));
    hash = (hash ^ value) * 1099511628211ULL + (hash >> 29);
  };
  for (int column = 0; column < 5; ++column) {
    const int type = sqlite3_column_type(row, column);
    mix(&type, sizeof type);
    if (type == SQLITE_INTEGER) {  // as stored: asking an integer for bytes would format it as text
      const auto value = sqlite3_column_int64(row, column);
      mix(&value, sizeof value);
    } else if (type == SQLITE_FLOAT) {
      const auto value = sqlite3_column_double(row, column);
      mix(&value, sizeof value);
    } else if (type != SQLITE_NULL) {
      const auto* bytes = sqlite3_column_blob(row, column);
      const auto size = static_cast<std::size_t>(sqlite3_column_bytes(row, column));
      mix(&size, sizeof size);
      if (bytes) mix(bytes, size);
    }
  }
  return hash;
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

void tracking_table::remember_after_record(std::uint64_t fingerprint_before_row, std::int64_t version) {
  // Prepared once, as the insert is: a fresh prepare per migration was a
  // twelfth of a replay's time.
  if (!remember_) {
    remember_ = prepare_bookkeeping("SELECT 'row', version, filename, checksum, applied_at FROM main." + quoted_name_ +
                                        " WHERE version = ?1",
                                    {});
  }
  sqlite3_bind_int64(remember_.get(), 1, version);
  if (sqlite3_step(remember_.get()) != SQLITE_ROW) {
    sqlite3_reset(remember_.get());
    remembered_.reset();
    return;
  }
  // Read under our write lock: no other connection can commit before ours.
  const auto row_hash = hash_row(remember_.get());
  sqlite3_reset(remember_.get());
  remembered_ = remembered_fingerprint{fingerprint_before_row + row_hash, data_version()};
}

std::optional<std::uint64_t> tracking_table::take_remembered() {
  const auto remembered = std::exchange(remembered_, std::nullopt);
  // data_version moves when another connection committed: then read it all again.
  if (!remembered || data_version() != remembered->data_version) return std::nullopt;
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
  int rc;
  while ((rc = sqlite3_step(fingerprint_.get())) == SQLITE_ROW) sum += hash_row(fingerprint_.get());
  sqlite3_reset(fingerprint_.get());
  if (rc != SQLITE_DONE) {
    fingerprint_.reset();  // prepared before a DROP or rename: prepare it again next time
    if (is_lock(rc)) return std::nullopt;
    return 0;
  }
  return sum == 0 ? 1 : sum;
}

}  // namespace embedded_migrations::detail
