// The copies options::backup made of one database: the only files
// options::backup_keep ever deletes.
//
// The rule for "ours": a file is one of our copies only while it is listed in
// the database's backup list, "<database>.embedded-migrations-backups" beside
// the database, and still has the size and modification time listed for it,
// taken right after apply() finished writing it. apply() lists a copy only
// after making it itself, under a path nothing held before (it never
// overwrites). A file that was replaced, written to or touched since no
// longer matches and is dropped from the list without being deleted. Two
// processes updating one list at once may lose an entry; that copy is then
// never deleted, which errs on the side of keeping.
#pragma once

#include <cstddef>
#include <filesystem>

namespace embedded_migrations::detail {

// The list's file for a database file.
std::filesystem::path backup_list_of(const std::filesystem::path& database);

// Adds `backup` (complete, just written) to the database's list, newest last,
// then, when `keep` is not 0, deletes the oldest listed copies beyond `keep`
// that are still ours. Throws migration_error(backup_failed) when the list
// cannot be read or written; the copy itself stays.
void record_backup(const std::filesystem::path& database, const std::filesystem::path& backup, std::size_t keep);

}  // namespace embedded_migrations::detail
