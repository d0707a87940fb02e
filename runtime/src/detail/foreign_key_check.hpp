// Rows whose foreign keys point to no row, found the way SQLite finds them.
#pragma once

#include "script.hpp"

#include <embedded_migrations/migration.hpp>

#include <optional>
#include <string>

struct sqlite3;

namespace embedded_migrations::detail {

// Whether a transaction on `db` holds foreign-key violations SQLite will
// refuse to commit: deferred constraints, or any constraint while PRAGMA
// defer_foreign_keys is on. SQLite keeps the count (SQLITE_DBSTATUS_DEFERRED_FKS,
// 3.12.0), so asking costs nothing; it counts only while foreign keys are on.
bool has_deferred_violations(sqlite3* db) noexcept;

// Runs PRAGMA main.foreign_key_check, which reads every table with a foreign
// key: "the rows ... of table(s) posts (2), comments (1) ..." naming each
// table with dangling rows, or SQLite's message when a foreign key cannot be
// checked at all (its parent table is missing); nullopt when every row is fine.
std::optional<std::string> dangling_rows(sqlite3* db);

// Whether PRAGMA foreign_keys is on for `db`.
bool foreign_keys_enabled(sqlite3* db);

// The message for dangling rows `found` (dangling_rows()'s text): at a
// -- no-transaction migration's own COMMIT, or when the migration ends.
std::string dangling_message(const std::string& found, bool own_commit);

// Before a -- no-transaction migration's own COMMIT, in a set of foreign-key
// `mode`: the refusal when it would commit dangling rows. `violations_seen`:
// SQLite counted violations after a statement of this transaction.
std::optional<std::string> dangling_rows_before_commit(sqlite3* db, foreign_keys_mode mode, bool violations_seen);

// Before our COMMIT of transactional migrations ending with `m`: the failure
// when they leave dangling rows SQLite counted (deferred constraints, or
// PRAGMA defer_foreign_keys), or counted and then forgot (`violations_seen`).
std::optional<script_failure> dangling_rows_at_end(sqlite3* db, const migration& m, bool violations_seen);

}  // namespace embedded_migrations::detail
