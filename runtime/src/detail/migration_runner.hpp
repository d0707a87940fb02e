// Runs one migration exactly as apply() does; the generator's build-time
// replay calls this too, so what passes the build is what runs on the device.
#pragma once

#include "script.hpp"
#include "tracking_table.hpp"

#include <embedded_migrations/migration.hpp>

#include <optional>

namespace embedded_migrations::detail {

// A transactional migration runs in BEGIN IMMEDIATE together with its tracking
// row and is rolled back if its SQL fails. A -- no-transaction one runs as it
// is, and its row is written right after it succeeds. Returns the failure of
// the migration's own SQL; throws migration_error when SQLite fails around it.
std::optional<script_failure> run_migration(sqlite3* db, tracking_table& table, const migration& pending,
                                            const statement_check& extra_check = {});

}  // namespace embedded_migrations::detail
