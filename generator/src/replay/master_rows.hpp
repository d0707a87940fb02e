// The rows of main.sqlite_master the replay has read, indexed by rowid, name
// and table, held in memory of their own (schema_tracker.hpp says why).
#pragma once

#include <cstdint>
#include <map>
#include <memory_resource>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace embedded_migrations::generator {

class master_rows {
 public:
  enum class kind : unsigned char { table, index, view, trigger, other };
  using text = std::pmr::string;
  struct row {
    kind type = kind::other;
    text name;
    text table_name;  // tbl_name: the table an index or trigger belongs to
    text sql;
    std::int64_t root_page = 0;
    bool in_model = false;  // else SQLite's own, an automatic index or the tracking table's
  };

  explicit master_rows(std::pmr::memory_resource* memory);

  // A row of these fields, in this memory.
  row make(const std::string& type, const std::string& name, const std::string& table_name, const std::string& sql,
           std::int64_t root_page, bool in_model) const;
  void place(std::int64_t rowid, row r);
  // Removes the row, returning it; false when there is none.
  bool take(std::int64_t rowid, row& out);
  // Empties the index, returning every row.
  std::pmr::map<std::int64_t, row> take_all();

  const row* find(std::int64_t rowid) const;
  // The rowid of the object of that name (any letter case), 0 when none.
  // Triggers have a namespace of their own; tables, indexes and views share one.
  std::int64_t rowid_of(const std::string& name, bool trigger) const;
  // The rows whose tbl_name is `table` (the table itself, its indexes and triggers).
  std::vector<std::int64_t> rowids_on(const std::string& table) const;
  std::int64_t last_rowid() const { return rows_.empty() ? 0 : rows_.rbegin()->first; }
  const std::pmr::map<std::int64_t, row>& all() const noexcept { return rows_; }

 private:
  text key(const std::string& name) const;

  std::pmr::memory_resource* memory_;
  std::pmr::map<std::int64_t, row> rows_;
  std::pmr::unordered_map<text, std::int64_t> names_;
  std::pmr::unordered_map<text, std::int64_t> trigger_names_;
  std::pmr::unordered_map<text, std::pmr::set<std::int64_t>> by_table_;
};

}  // namespace embedded_migrations::generator
