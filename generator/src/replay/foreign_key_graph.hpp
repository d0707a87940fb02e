// Which tables have foreign keys to which, kept as the schema changes, so that
// the foreign-key checks after a migration look only at the tables it concerns.
#pragma once

#include "detail/schema/canonical_schema.hpp"

#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace embedded_migrations::generator {

class foreign_key_graph {
 public:
  // A table of main with these foreign keys appears, or goes.
  void add_keys(const std::string& table, const std::vector<detail::schema::foreign_key>& keys);
  void remove_keys(const std::string& table, const std::vector<detail::schema::foreign_key>& keys);
  // A table of main of this name appears or goes: any table, as a foreign key
  // may name SQLite's own or the tracking table.
  void set_table(const std::string& name, bool exists);

  // The tables with a foreign key to `parent` (any letter case), by name.
  std::vector<std::string> children_of(const std::string& parent) const;
  // Some foreign key names a table that does not exist.
  bool has_dangling_parent() const noexcept { return !dangling_.empty(); }

 private:
  void recheck(const std::string& folded_parent);

  // Folded parent name -> child table name -> how many key columns name it.
  std::unordered_map<std::string, std::map<std::string, int>> children_;
  std::set<std::string> tables_;    // folded names of main's tables
  std::set<std::string> dangling_;  // folded parent names with children and no table
};

// `name` folded to lower case as SQLite compares identifiers (ASCII letters only).
std::string folded_name(const std::string& name);

}  // namespace embedded_migrations::generator
