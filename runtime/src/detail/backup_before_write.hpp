// options::backup: apply() copies the database right before its first write,
// and names the copy when it then fails.
#pragma once

#include "planner.hpp"
#include "tracking_table.hpp"

#include <embedded_migrations/migration.hpp>
#include <embedded_migrations/migration_error.hpp>
#include <embedded_migrations/options.hpp>

#include <cstdint>
#include <optional>
#include <string>

struct sqlite3;

namespace embedded_migrations::detail {

// Refuses options::backup for a database that has no file (in memory,
// temporary): invalid_argument. Reads nothing, so it runs on every start.
void check_backup_option(sqlite3* db, const options& opts);

struct backup_target {
  std::string path;     // as options::backup named it
  std::uintmax_t bytes;  // what the copy needs: the database's pages
};

// Where options::backup copies the database before `plan` is written, once
// checked: not the database or one of its journals (invalid_argument),
// nothing there yet and its directory present (backup_failed), room for the
// copy on its file system (backup_no_space). nullopt when the option is
// unset, its callback returns an empty path, nothing is to be written, or the
// database has no schema object. Reads only; plan() reports it.
std::optional<backup_target> plan_backup(sqlite3* db, const migration_plan& plan, const options& opts);

// apply()'s copy, after its refusals and right before its first write. In
// one read transaction on `db`, it plans again (another process may have
// migrated since), and when something is still to be written, copies the
// database into a temporary file beside the target, then links it in under
// the target's name, which fails if a file got there first. It then lists
// the copy and prunes to options::backup_keep (backup_list.hpp). Returns the
// path, or an empty string when no copy was made. Throws migration_error
// (backup_failed, backup_no_space, or the database's own faults: the database
// is then untouched).
std::string back_up_before_writing(sqlite3* db, const migration_set& set, tracking_table& table, const options& opts);

// Throws `error` again, its message naming the copy at `backup` and how to put it back.
[[noreturn]] void throw_naming_backup(const migration_error& error, const std::string& backup);

}  // namespace embedded_migrations::detail
