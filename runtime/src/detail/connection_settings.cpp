#include "connection_settings.hpp"

#include "failure.hpp"
#include "foreign_key_check.hpp"
#include "sqlite_handles.hpp"

#include <sqlite3.h>

#include <optional>

namespace embedded_migrations::detail {
namespace {

// Per-connection settings with a getter. temp_store is set again only when it
// changed, as setting it drops the temp database. Some change what the
// application's own statements do afterwards: max_page_count fails its writes
// as "disk full", count_changes makes an INSERT return a row, the
// *_column_names flags rename result columns, wal_autocheckpoint 0 lets the
// WAL grow without end. The deprecated flags read as nothing, and are left
// alone, in an SQLite built without them (SQLITE_OMIT_DEPRECATED).
constexpr const char* restorable[] = {
    "foreign_keys",       "recursive_triggers", "defer_foreign_keys",        "query_only",
    "trusted_schema",     "temp_store",         "cache_size",                "main.synchronous",
    "legacy_alter_table", "reverse_unordered_selects", "automatic_index",    "cell_size_check",
    "ignore_check_constraints", "writable_schema", "main.secure_delete",     "cache_spill",
    "fullfsync",          "checkpoint_fullfsync", "main.locking_mode",       "busy_timeout",
    "main.max_page_count", "main.journal_size_limit", "main.mmap_size",      "wal_autocheckpoint",
    "threads",            "read_uncommitted",   "count_changes",             "full_column_names",
    "short_column_names", "empty_result_callbacks",
};

std::optional<std::string> read_pragma(sqlite3* db, const char* name) {
  statement_ptr query;
  if (prepare(db, std::string("PRAGMA ") + name, query) != SQLITE_OK) return std::nullopt;
  if (sqlite3_step(query.get()) != SQLITE_ROW) return std::nullopt;
  const auto* text = sqlite3_column_text(query.get(), 0);
  return text ? std::string(reinterpret_cast<const char*>(text)) : std::string();
}

}  // namespace

connection_settings_scope::connection_settings_scope(sqlite3* db) : db_(db) {
  for (const char* name : restorable) {
    if (auto value = read_pragma(db, name)) saved_.emplace_back(name, std::move(*value));
  }
}

connection_settings_scope::~connection_settings_scope() {
  for (const auto& [name, value] : saved_) {
    const auto now = read_pragma(db_, name);
    if (!now || *now == value) continue;
    const std::string sql = std::string("PRAGMA ") + name + " = " + value;
    sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr);
  }
}

void use_foreign_keys_mode(sqlite3* db, foreign_keys_mode mode) {
  if (mode == foreign_keys_mode::unspecified) return;
  const bool on = mode == foreign_keys_mode::on;
  if (foreign_keys_enabled(db) == on) return;
  execute(db, on ? "PRAGMA foreign_keys = ON" : "PRAGMA foreign_keys = OFF");
}

bool query_only(sqlite3* db) {
  statement_ptr query;
  return prepare(db, "PRAGMA query_only", query) == SQLITE_OK && sqlite3_step(query.get()) == SQLITE_ROW &&
         sqlite3_column_int(query.get(), 0) != 0;
}

void allow_bookkeeping_writes(sqlite3* db) {
  if (query_only(db)) execute(db, "PRAGMA query_only = OFF");
}

}  // namespace embedded_migrations::detail
