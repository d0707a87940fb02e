// Report, without writing anything, where a database stands against a migration set.
#pragma once

#include <embedded_migrations/migration.hpp>
#include <embedded_migrations/migration_error.hpp>
#include <embedded_migrations/options.hpp>

#include <cstdint>
#include <string>
#include <system_error>
#include <vector>

struct sqlite3;

namespace embedded_migrations {

enum class migration_state {
  applied,   // recorded with the embedded checksum
  pending,   // embedded, not recorded yet
  modified,  // recorded with another checksum: the file was edited after it ran
  unknown,   // recorded, but not in the set (the database is ahead of this binary)
  incomplete,  // a -- no-transaction migration that was started and never finished
};

const char* to_string(migration_state state) noexcept;

struct migration_status {
  std::int64_t version = 0;
  std::string filename{};                      // the embedded file's name (the recorded one when unknown)
  migration_state state = migration_state::pending;
  std::string applied_at{};          // as recorded (UTC, "YYYY-MM-DD HH:MM:SS"); empty when pending
  std::string recorded_checksum{};   // empty when pending or incomplete
  std::string embedded_checksum{};   // empty when unknown
  // The file name the version was applied as; empty when pending. It differs
  // from `filename` when migrations were renumbered after being applied.
  std::string recorded_filename{};
};

// Every migration of the set and every recorded one, by version. Never writes,
// not even the tracking table; throws migration_error when it cannot read
// (busy when another connection's commit locks the read out for longer than
// options::busy_timeout), or tracking_table_invalid when the table is not one
// apply() could use.
std::vector<migration_status> status(sqlite3* db, const migration_set& set, const options& opts = {});

// The noexcept twins: what status() would throw goes to `ec`, or to `error`
// with its message and file, and the list comes back empty.
std::vector<migration_status> status(sqlite3* db, const migration_set& set, const options& opts,
                                     std::error_code& ec) noexcept;
std::vector<migration_status> status(sqlite3* db, const migration_set& set, const options& opts,
                                     error_details& error) noexcept;

}  // namespace embedded_migrations
