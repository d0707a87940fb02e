// Owning handles for SQLite objects, so no early return or exception leaks one.
#pragma once

#include <sqlite3.h>

#include <memory>
#include <string_view>

namespace embedded_migrations::detail {

struct statement_finalizer {
  void operator()(sqlite3_stmt* statement) const noexcept { sqlite3_finalize(statement); }
};
using statement_ptr = std::unique_ptr<sqlite3_stmt, statement_finalizer>;

struct connection_closer {
  void operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }
};
using connection_ptr = std::unique_ptr<sqlite3, connection_closer>;

// Prepares one statement; returns SQLite's result code and leaves `out` empty on failure.
inline int prepare(sqlite3* db, std::string_view sql, statement_ptr& out) {
  sqlite3_stmt* raw = nullptr;
  const int rc = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &raw, nullptr);
  out.reset(raw);
  return rc;
}

}  // namespace embedded_migrations::detail
