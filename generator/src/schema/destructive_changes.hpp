// What a migration destroys or renames, found by comparing the canonical
// schema before and after it: the build names it, a reviewer sees it, and
// --destructive error lets only an acknowledged one through.
#pragma once

#include "detail/schema/canonical_schema.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace embedded_migrations::generator {

enum class effect_kind {
  drops_table,
  renames_table,
  drops_column,
  renames_column,
  changes_column_type,
};

struct schema_effect {
  effect_kind kind;
  std::string table;   // the table's name after the migration (before it, for drops_table)
  std::string column;  // the column's name before the migration; empty for table effects
  std::string from;    // renames: the old name; changes_column_type: the old type
  std::string to;      // renames: the new name; changes_column_type: the new type
};

// The effects of going from `before` to `after`, both read on the same
// connection (root pages tell an in-place ALTER from a rebuild). Tables are
// matched by final name, so a rebuild (create new, copy, drop old, rename new
// to old) counts as what it does to the columns, not as a drop and a create.
std::vector<schema_effect> destructive_changes(const detail::schema::canonical_schema& before,
                                               const detail::schema::canonical_schema& after);

// "drops column users.legacy_id"; several effects joined by "; ".
std::string describe(const schema_effect& effect);
std::string describe(const std::vector<schema_effect>& effects);

// The reason in a "-- destructive: <reason>" line among the file's leading
// comment lines (before its first statement), or nullopt when there is none.
std::optional<std::string> destructive_reason(std::string_view sql);

}  // namespace embedded_migrations::generator
