// What apply(), plan() and status() can be told, and the progress events apply() reports.
#pragma once

#include <embedded_migrations/adopt.hpp>
#include <embedded_migrations/backup.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace embedded_migrations {

enum class event_kind {
  started,       // a pending migration is about to run
  applied,       // it ran and its tracking row is committed
  failed,        // it failed; apply() throws right after this event
  out_of_order,  // it is pending but older than the newest applied one (merged branches); it runs next
  baselined,     // recorded as applied without running (options::baseline_version)
  adopted,       // recorded as applied without running, because another tool applied it (options::adopt_from)
  destructive,   // it is about to run and drops or renames something; `message` says what
};

// Stable snake_case name of a kind, e.g. "out_of_order", for logs.
const char* to_string(event_kind kind) noexcept;

struct event {
  event_kind kind = event_kind::started;
  std::int64_t version = 0;
  std::string_view filename{};
  std::size_t position = 0;                // 1-based position among this run's pending migrations
  std::size_t pending_count = 0;           // how many migrations this run applies
  std::chrono::microseconds duration{};    // time spent in the migration (applied, failed)
  std::string_view message{};              // the error message (failed), the effects (destructive); else empty
};

// What apply() does with a pending migration older than the newest applied one,
// as happens when branches that each added migrations are merged.
enum class out_of_order_policy {
  apply,  // run it, after an out_of_order event (the default)
  fail,   // throw migration_error(out_of_order) before running anything
};

// Every member has a default, so `apply(db, set, {.atomic = true})` compiles
// warning-free under C++20 designated initializers.
struct options {
  // Name of the table recording applied migrations: letters, digits and '_',
  // not starting with a digit or sqlite_, at most 64 characters. Empty (the
  // default): the table the set was built against (migration_set::table_name),
  // or "migrations" when the set names none.
  std::string table_name{};

  // Called synchronously for every event; the runtime itself never prints.
  std::function<void(const event&)> on_event{};

  // How long to wait for another connection's write lock (or its unfinished
  // -- no-transaction migration). Unset: the connection's own busy timeout if
  // it has one, else 5 seconds. apply() waits with its own retry loop, after
  // whatever busy handler the connection has: it never installs one, so the
  // application's sqlite3_busy_handler() or sqlite3_busy_timeout() stays as
  // it was. milliseconds::max() waits without limit.
  std::optional<std::chrono::milliseconds> busy_timeout{};

  // Tolerate applied migrations this binary does not know (an older binary on
  // a database a newer one migrated) instead of failing with database_ahead.
  bool allow_unknown_applied = false;

  out_of_order_policy out_of_order = out_of_order_policy::apply;

  // Apply every pending migration in one transaction: all or nothing, for apps
  // that must never run on a half-upgraded schema. Refused (invalid_argument)
  // when a pending migration is -- no-transaction.
  bool atomic = false;

  // Adopt a database whose schema was created without this library: when the
  // tracking table is missing or empty, record every migration up to this
  // version as applied without running it, then apply the rest.
  std::optional<std::int64_t> baseline_version{};

  // Carry on a database another tool migrated: when our tracking table is
  // missing or empty, read that tool's table (left untouched), record every
  // migration it applied as applied without running it, then apply the rest.
  // The set must hold every version the tool applied (embed-migrations import
  // keeps them). A failed or dirty migration there stops apply() before any
  // write. Cannot be combined with baseline_version.
  adopt_format adopt_from = adopt_format::none;

  // Keep PRAGMA user_version equal to the highest applied version, in the same
  // transaction, for tools that read it. Off by default: the app may own
  // user_version. Versions must then fit its 32 bits.
  bool sync_user_version = false;

  // After migrating, compare the schema with the one the build embedded and
  // throw migration_error(schema_drift) when they differ (see verify_schema()).
  bool verify_schema = false;

  // Give an empty database (no objects at all) the final schema and the rows
  // the migrations insert in one transaction, and record every migration as
  // applied (baselined events), instead of running them one by one. Only for
  // sets the build proved equivalent (FRESH_SNAPSHOT in add_embedded_migrations);
  // refused with invalid_argument, naming the reason, for any other set. A
  // database that is not empty is migrated as usual.
  bool fresh_from_snapshot = false;

  // Copy the database here (a path, or a callback naming each copy; see
  // backup.hpp) before apply() first writes to it, with SQLite's online
  // backup API; restore() puts the copy back. Taken only when something is
  // to be written, so an up-to-date start still only reads, and never of a
  // database without any schema object (a new one: nothing to restore).
  // apply() never overwrites a file: when one exists at the path it stops
  // with backup_failed before writing. It checks first that the file system
  // has room for the copy (backup_no_space). Refused (invalid_argument) for
  // an in-memory or temporary database, and for the database's own path, its
  // -journal, -wal or -shm files or its backup list. The copy is written to
  // "<path>.partial-<n>" and linked in under `path` once complete, so a file at
  // `path` is always a whole copy (a crash mid-copy may leave the partial
  // file). When a migration then fails, the error message names the copy.
  backup_destination backup{};

  // Keep at most this many of the copies options::backup made for this
  // database, deleting the oldest after each new one; 0 keeps them all. A
  // copy counts as one of them only while it is listed in the database's
  // backup list (the file "<database>.embedded-migrations-backups" beside it,
  // where apply() adds every copy it makes) and still has the size and
  // modification time it had when apply() finished writing it: a file apply()
  // did not make, or that was changed since, is never deleted.
  std::size_t backup_keep = 0;
};

}  // namespace embedded_migrations
