// Real SQLite databases for runtime tests, and migration sets built by hand.
#pragma once

#include <embedded_migrations/apply.hpp>
#include <embedded_migrations/migration.hpp>
#include <embedded_migrations/migration_error.hpp>
#include <embedded_migrations/status.hpp>
#include <embedded_migrations/verify_schema.hpp>

#include <sqlite3.h>

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

namespace test_support {

struct database_closer {
  void operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }
};
using database = std::unique_ptr<sqlite3, database_closer>;

inline database open_database(const std::string& path = ":memory:",
                              int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  database db(raw);
  if (rc != SQLITE_OK) throw std::runtime_error("cannot open " + path + ": " + sqlite3_errmsg(raw));
  return db;
}

inline void exec(sqlite3* db, const std::string& sql) {
  char* error = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error ? error : "unknown error";
    sqlite3_free(error);
    throw std::runtime_error(sql + ": " + message);
  }
}

// Every row of the query, columns joined by '|', NULL as "NULL".
inline std::vector<std::string> rows(sqlite3* db, const std::string& sql) {
  std::vector<std::string> result;
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &raw, nullptr) != SQLITE_OK) {
    throw std::runtime_error(sql + ": " + sqlite3_errmsg(db));
  }
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> statement(raw, sqlite3_finalize);
  while (sqlite3_step(statement.get()) == SQLITE_ROW) {
    std::string row;
    for (int i = 0; i < sqlite3_column_count(statement.get()); ++i) {
      if (i) row += '|';
      const auto* text = sqlite3_column_text(statement.get(), i);
      row += text ? reinterpret_cast<const char*>(text) : "NULL";
    }
    result.push_back(row);
  }
  return result;
}

inline bool table_exists(sqlite3* db, const std::string& name) {
  return !rows(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name = '" + name + "'").empty();
}

// The whole schema and every row of the tracking table: equal dumps mean an
// unchanged database as far as migrations are concerned.
inline std::vector<std::string> schema_dump(sqlite3* db, const std::string& tracking_table = "migrations") {
  auto dump = rows(db, "SELECT type, name, sql FROM sqlite_master ORDER BY type, name");
  if (table_exists(db, tracking_table)) {
    for (auto& row : rows(db, "SELECT version, filename, checksum FROM \"" + tracking_table + "\" ORDER BY version")) {
      dump.push_back(std::move(row));
    }
  }
  return dump;
}

// The migration_error apply() throws; fails the test when it throws none.
template <typename... Options>
embedded_migrations::migration_error apply_error(sqlite3* db, const embedded_migrations::migration_set& set,
                                                 const Options&... opts) {
  try {
    embedded_migrations::apply(db, set, opts...);
  } catch (const embedded_migrations::migration_error& e) {
    return e;
  }
  throw std::runtime_error("apply() did not throw");
}

// Owns the text of hand-written migrations; set() views them like generated code does.
class migration_list {
 public:
  migration_list& add(std::int64_t version, const std::string& filename, const std::string& sql,
                      bool transactional = true) {
    const auto& name = text_.emplace_back(filename);
    const auto& body = text_.emplace_back(sql);
    const auto& checksum = text_.emplace_back(checksum_of(sql));
    list_.push_back({version, name, body, checksum, transactional});
    return *this;
  }
  embedded_migrations::migration_set set() const { return {list_.data(), list_.size()}; }
  // As the generator emits a set built with FOREIGN_KEYS ON or OFF.
  embedded_migrations::migration_set set(embedded_migrations::foreign_keys_mode foreign_keys) const {
    return {list_.data(), list_.size(), {}, 0, {}, {}, {}, {}, foreign_keys};
  }

  // Stands in for the generator's SHA-256: the runtime only compares checksums.
  static std::string checksum_of(const std::string& sql) { return "sum" + std::to_string(std::hash<std::string>{}(sql)); }

 private:
  std::deque<std::string> text_;
  std::vector<embedded_migrations::migration> list_;
};

}  // namespace test_support

namespace embedded_migrations {

// Lets Boost.Test print the runtime's enums by name in failed assertions.
inline std::ostream& boost_test_print_type(std::ostream& out, error_code code) { return out << to_string(code); }
inline std::ostream& boost_test_print_type(std::ostream& out, migration_state state) { return out << to_string(state); }
inline std::ostream& boost_test_print_type(std::ostream& out, schema_state state) { return out << to_string(state); }

}  // namespace embedded_migrations
