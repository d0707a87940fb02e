#include "schema/schema_history.hpp"

#include "checks/sqlite_api.hpp"
#include "checks/sqlite_features.hpp"
#include "schema/destructive_changes.hpp"

#include "detail/schema/schema_text.hpp"

#include <algorithm>

namespace embedded_migrations::generator {

void schema_history::record(const schema_changes& changes) {
  // Every other table is the same before and after the migration, which
  // destructive_changes() would find of it too.
  destructive.push_back(describe(destructive_changes(changes.tables_before, changes.tables_after)));
}

void schema_history::read_final_schema(sqlite3* db, const std::string& tracking_table) {
  detail::schema::read_options read;
  read.tracking_table = tracking_table;
  final_schema = detail::schema::read_schema(db, read);
}

std::string snapshot_text(const std::vector<loaded_migration>& migrations, const schema_history& history,
                          int sqlite_requirement) {
  detail::schema::text_header header;
  if (!migrations.empty()) header.version = migrations.back().version;
  // What an app needs to run the set: the migrations' own requirement, or the
  // runtime library's floor when they need nothing newer.
  header.sqlite_requirement = version_text(std::max(sqlite_requirement, checks::runtime_sqlite_floor));
  return detail::schema::to_text(history.final_schema, header);
}

}  // namespace embedded_migrations::generator
