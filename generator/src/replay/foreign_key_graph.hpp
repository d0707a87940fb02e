// Which tables have foreign keys to which, kept as the schema changes, so that
// the foreign-key checks after a migration look only at the tables it concerns.
#pragma once

#include <map>
#include <memory_resource>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace embedded_migrations::generator {

class foreign_key_graph {
 public:
  // Everything the graph holds lives in `memory` (schema_tracker.hpp says why).
  explicit foreign_key_graph(std::pmr::memory_resource* memory);

  // `table` of main now has foreign keys to `parents` (none: forgets it).
  void set_keys(const std::string& table, const std::vector<std::string>& parents);
  // A table of main of this name appears or goes: any table, as a foreign key
  // may name SQLite's own or the tracking table.
  void set_table(const std::string& name, bool exists);

  bool has_keys(const std::string& table) const;
  // The tables with a foreign key to `parent` (any letter case), by folded
  // name, which SQLite's lookups take as the table's.
  std::vector<std::string> children_of(const std::string& parent) const;
  // Some foreign key names a table that does not exist.
  bool has_dangling_parent() const noexcept { return !dangling_.empty(); }

 private:
  using text = std::pmr::string;
  void recheck(const text& folded_parent);

  std::pmr::unordered_map<text, std::pmr::vector<text>> parents_;  // folded child -> folded parent names
  std::pmr::unordered_map<text, std::pmr::map<text, int>> children_;  // folded parent -> child -> keys naming it
  std::pmr::set<text> tables_;    // folded names of main's tables
  std::pmr::set<text> dangling_;  // folded parent names with children and no table
};

// `name` folded to lower case as SQLite compares identifiers (ASCII letters only).
std::string folded_name(const std::string& name);

}  // namespace embedded_migrations::generator
