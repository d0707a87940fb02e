#include "replay/master_rows.hpp"

#include "replay/foreign_key_graph.hpp"

#include <utility>

namespace embedded_migrations::generator {

master_rows::master_rows(std::pmr::memory_resource* memory)
    : memory_(memory), rows_(memory), names_(memory), trigger_names_(memory), by_table_(memory) {}

master_rows::text master_rows::key(const std::string& name) const { return text(folded_name(name), memory_); }

master_rows::row master_rows::make(const std::string& type, const std::string& name, const std::string& table_name,
                                   const std::string& sql, std::int64_t root_page, bool in_model) const {
  row r{kind::other, text(name, memory_), text(table_name, memory_), text(sql, memory_), root_page, in_model};
  if (type == "table") r.type = kind::table;
  if (type == "index") r.type = kind::index;
  if (type == "view") r.type = kind::view;
  if (type == "trigger") r.type = kind::trigger;
  return r;
}

void master_rows::place(std::int64_t rowid, row r) {
  (r.type == kind::trigger ? trigger_names_ : names_)[key(std::string(r.name))] = rowid;
  by_table_[key(std::string(r.table_name))].insert(rowid);
  rows_.insert_or_assign(rowid, std::move(r));
}

bool master_rows::take(std::int64_t rowid, row& out) {
  const auto found = rows_.find(rowid);
  if (found == rows_.end()) return false;
  out = std::move(found->second);
  rows_.erase(found);
  auto& names = out.type == kind::trigger ? trigger_names_ : names_;
  const auto named = names.find(key(std::string(out.name)));
  if (named != names.end() && named->second == rowid) names.erase(named);
  const auto on = by_table_.find(key(std::string(out.table_name)));
  if (on != by_table_.end() && on->second.erase(rowid) && on->second.empty()) by_table_.erase(on);
  return true;
}

std::pmr::map<std::int64_t, master_rows::row> master_rows::take_all() {
  auto all = std::move(rows_);
  rows_.clear();
  names_.clear();
  trigger_names_.clear();
  by_table_.clear();
  return all;
}

const master_rows::row* master_rows::find(std::int64_t rowid) const {
  const auto found = rows_.find(rowid);
  return found == rows_.end() ? nullptr : &found->second;
}

std::int64_t master_rows::rowid_of(const std::string& name, bool trigger) const {
  const auto& names = trigger ? trigger_names_ : names_;
  const auto found = names.find(key(name));
  return found == names.end() ? 0 : found->second;
}

std::vector<std::int64_t> master_rows::rowids_on(const std::string& table) const {
  const auto found = by_table_.find(key(table));
  if (found == by_table_.end()) return {};
  return std::vector<std::int64_t>(found->second.begin(), found->second.end());
}

}  // namespace embedded_migrations::generator
