// The replay connection's one authorizer (SQLite keeps only one per
// connection): what a migration may not do, decided by SQLite's own parser.
#pragma once

#include <string>
#include <vector>

struct sqlite3;

namespace embedded_migrations::generator {

class replay_check;

// What the authorizer needs to know about the moment it is called. The hooks
// of run_script() move the phase: SQLite authorizes a statement while it is
// prepared, so `preparing` is the migration's own SQL; `running` is a
// migration statement being stepped (VACUUM attaches its scratch copy then);
// `bookkeeping` is our tracking-table statements and transactions; `seeding`
// is a seed file's SQL (checks/seed_data.hpp) while it is prepared, which may
// only read and write rows.
struct replay_policy {
  enum class phase { bookkeeping, preparing, running, seeding };
  phase current = phase::bookkeeping;
  bool transactional = true;   // the migration runs inside our transaction
  std::string tracking_table;  // the name the replay records migrations in
  std::string refusal;         // why the statement being run was refused, if it was
  // Set with a refusal that '-- no-transaction' and the file's own transaction
  // cure (BEGIN, COMMIT, PRAGMA foreign_keys): one such error per file says it all.
  bool refusal_needs_own_transaction = false;
  // Set when a statement alters a temporary table: renaming one is the way to
  // shadow the tracking table that the authorizer cannot see (it is not told
  // the new name), so the replay looks at the temp schema after it.
  bool altered_temporary_table = false;
  // Set when a statement renames or drops a table: either can leave another
  // table's foreign key naming a table that is gone (checked after the migration).
  bool renamed_or_dropped_table = false;
  // Told of every authorization while the migration's SQL is prepared.
  std::vector<replay_check*> checks;
  // Set while a VACUUM runs: it attaches its scratch copy under an empty name
  // and then copies every table, the tracking table too, with SQL of its own.
  bool vacuuming = false;
  // The tables a seed file's statements write (INSERT, UPDATE, DELETE, and
  // what their triggers write), as SQLite names them while seeding.
  std::vector<std::string> seeded_tables;
  // How many authorizations the seed statement being prepared asked for: a
  // statement that asks none (VACUUM) reads and writes no rows either.
  int seed_authorizations = 0;
};

// Installs the authorizer on `db`, reading `policy`, which must outlive the
// connection's use. Called once: nothing else sets an authorizer on the replay.
void install_authorizer(sqlite3* db, replay_policy& policy);

}  // namespace embedded_migrations::generator
