// Bring a database up to date with an embedded migration set.
#pragma once

#include <embedded_migrations/migration.hpp>
#include <embedded_migrations/migration_error.hpp>
#include <embedded_migrations/options.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

struct sqlite3;

namespace embedded_migrations {

struct applied_migration {
  std::int64_t version = 0;
  std::string_view filename{};
  std::chrono::microseconds duration{};
};

struct apply_result {
  std::vector<applied_migration> applied{};  // what this call ran, in order
  std::size_t already_applied = 0;         // how many were recorded before the call
  std::size_t baselined = 0;               // recorded without running (options::baseline_version)
  std::size_t adopted = 0;                 // recorded without running, as another tool applied them (adopt_from)
  std::string backup{};                    // the copy options::backup made before writing; empty when none

  bool was_up_to_date() const noexcept { return applied.empty() && baselined == 0 && adopted == 0; }
};

// Applies every migration of `set` not yet recorded in the tracking table, in
// version order, each in one BEGIN IMMEDIATE transaction together with its
// tracking row, re-checked under the lock so that concurrent starts apply each
// migration exactly once. When nothing is pending the database is only read,
// with one query. The connection is left as it was found: no busy handler is
// installed, and the per-connection settings a migration changes are set back.
// With options::backup, the database is first copied (see backup.hpp); the
// copy is made only when something is to be written.
// Throws migration_error.
apply_result apply(sqlite3* db, const migration_set& set, const options& opts = {});

// The noexcept twins (see error_details in migration_error.hpp): the same
// work, with what apply() would throw reported in `ec`, or in `error` with its
// message, file, line and column, and an empty apply_result returned.
apply_result apply(sqlite3* db, const migration_set& set, const options& opts, std::error_code& ec) noexcept;
apply_result apply(sqlite3* db, const migration_set& set, const options& opts, error_details& error) noexcept;

}  // namespace embedded_migrations
