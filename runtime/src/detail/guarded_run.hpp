// A migration's SQL, run with the tracking table guarded: the rules every
// statement is vetted by, and transactional migrations run under a savepoint
// with the table's fingerprint compared around them.
#pragma once

#include "migration_runner.hpp"
#include "script.hpp"
#include "tracking_table.hpp"

#include <embedded_migrations/migration.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace embedded_migrations::detail {

// The rules for a migration's SQL: `fingerprint`, when given, is what the
// tracking table must still hash to after every statement.
script_rules rules_for(const migration& m, tracking_table& table, const run_settings& settings,
                       const std::uint64_t* fingerprint);

struct guarded_failure {
  const migration* failed;
  script_failure failure;
};

// Runs transactional migrations' SQL in the caller's transaction, under a
// savepoint, with the tracking table hashed before and after (once for the
// whole list: one scan, however long the batch). When the hash changed,
// undoes the SQL and runs it again with every statement inspected and the
// hash checked after each, to name the statement; the caller then rolls back.
// `known_before` saves reading the table first when the previous migration
// remembered its hash; `after`, on success, receives the hash it ends with.
// `violations_seen` is set when SQLite counted foreign-key violations after
// some statement (script_result::deferred_violations_seen). Throws
// migration_error for faults around the SQL (the savepoint, the fingerprint).
std::optional<guarded_failure> run_guarded(sqlite3* db, tracking_table& table,
                                           const std::vector<const migration*>& list, const run_settings& settings,
                                           const std::function<void(const migration&)>& on_start,
                                           bool& violations_seen,
                                           std::optional<std::uint64_t> known_before = std::nullopt,
                                           std::uint64_t* after = nullptr);

}  // namespace embedded_migrations::detail
