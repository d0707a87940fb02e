#include "destructive_changes.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace embedded_migrations::generator {
namespace {

using detail::schema::canonical_schema;
using detail::schema::column;
using detail::schema::schema_object;

bool same_name(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

const column* find_column(const schema_object& table, const std::string& name) {
  for (const auto& c : table.columns) {
    if (same_name(c.name, name)) return &c;
  }
  return nullptr;
}

bool same_column_names(const schema_object& a, const schema_object& b) {
  return a.columns.size() == b.columns.size() &&
         std::equal(a.columns.begin(), a.columns.end(), b.columns.begin(),
                    [](const column& x, const column& y) { return same_name(x.name, y.name); });
}

// An in-place ALTER TABLE keeps the b-tree and the column positions: RENAME
// COLUMN changes a name where it stands, ADD COLUMN appends, DROP COLUMN
// removes. So with the root page kept and as many columns, an old name gone
// from a position that now holds a name the table did not have is a rename.
// Otherwise (a rebuild) columns match by name only.
void compare_columns(const schema_object& before, const schema_object& after, std::vector<schema_effect>& out) {
  const bool in_place = before.root_page != 0 && before.root_page == after.root_page &&
                        before.columns.size() == after.columns.size();
  for (std::size_t i = 0; i < before.columns.size(); ++i) {
    const auto& old_column = before.columns[i];
    if (const column* kept = find_column(after, old_column.name)) {
      // Declared types are compared as SQLite reads them: letter case is not a change.
      if (!same_name(old_column.type, kept->type)) {
        out.push_back({effect_kind::changes_column_type, after.name, kept->name, old_column.type, kept->type});
      }
    } else if (in_place && !find_column(before, after.columns[i].name)) {
      out.push_back(
          {effect_kind::renames_column, after.name, old_column.name, old_column.name, after.columns[i].name});
    } else {
      out.push_back({effect_kind::drops_column, after.name, old_column.name, {}, {}});
    }
  }
}

}  // namespace

std::vector<schema_effect> destructive_changes(const canonical_schema& before, const canonical_schema& after) {
  std::vector<schema_effect> effects;
  for (const auto& old_table : before.objects) {
    if (old_table.type != "table") continue;
    const auto* same = after.find("table", old_table.name);
    if (same && same->root_page == old_table.root_page) {  // altered in place
      compare_columns(old_table, *same, effects);
      continue;
    }
    // ALTER TABLE RENAME keeps the b-tree and the columns; a page freed by a
    // DROP and reused by a CREATE rarely comes with the same column names.
    // Looked for even when a table of the old name exists again: renamed
    // aside and replaced by a new, empty one, its rows are under the new name.
    const schema_object* renamed = nullptr;
    for (const auto& candidate : after.objects) {
      if (candidate.type == "table" && old_table.root_page != 0 && candidate.root_page == old_table.root_page &&
          !before.find("table", candidate.name) && same_column_names(old_table, candidate)) {
        renamed = &candidate;
      }
    }
    if (renamed) {
      effects.push_back({effect_kind::renames_table, renamed->name, {}, old_table.name, renamed->name});
    } else if (same) {  // rebuilt: the columns tell what it did
      compare_columns(old_table, *same, effects);
    } else {
      effects.push_back({effect_kind::drops_table, old_table.name, {}, {}, {}});
    }
  }
  return effects;
}

std::string describe(const schema_effect& effect) {
  switch (effect.kind) {
    case effect_kind::drops_table: return fmt::format("drops table {}", effect.table);
    case effect_kind::renames_table: return fmt::format("renames table {} to {}", effect.from, effect.to);
    case effect_kind::drops_column: return fmt::format("drops column {}.{}", effect.table, effect.column);
    case effect_kind::renames_column:
      return fmt::format("renames column {}.{} to {}", effect.table, effect.from, effect.to);
    case effect_kind::changes_column_type:
      return fmt::format("changes the type of column {}.{} from '{}' to '{}'", effect.table, effect.column,
                         effect.from, effect.to);
  }
  return {};
}

std::string describe(const std::vector<schema_effect>& effects) {
  std::string text;
  for (const auto& effect : effects) text += (text.empty() ? "" : "; ") + describe(effect);
  return text;
}

std::optional<std::string> destructive_reason(std::string_view sql) {
  std::size_t start = 0;
  while (start < sql.size()) {
    const auto end = std::min(sql.find('\n', start), sql.size());
    auto line = sql.substr(start, end - start);
    start = end + 1;
    const auto first = line.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) continue;  // blank lines between comments
    line.remove_prefix(first);
    if (line.substr(0, 2) != "--") return std::nullopt;  // the first statement: the header is over
    line.remove_prefix(2);
    line.remove_prefix(std::min(line.find_first_not_of(" \t"), line.size()));
    constexpr std::string_view key = "destructive:";
    if (line.size() < key.size() || !same_name(line.substr(0, key.size()), key)) continue;
    line.remove_prefix(key.size());
    const auto reason_start = line.find_first_not_of(" \t");
    if (reason_start == std::string_view::npos) continue;  // a reason is required
    const auto reason_end = line.find_last_not_of(" \t\r");
    return std::string(line.substr(reason_start, reason_end - reason_start + 1));
  }
  return std::nullopt;
}

}  // namespace embedded_migrations::generator
