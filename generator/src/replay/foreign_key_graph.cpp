#include "replay/foreign_key_graph.hpp"

#include <algorithm>
#include <cctype>

namespace embedded_migrations::generator {

std::string folded_name(const std::string& name) {
  std::string result(name);
  std::transform(result.begin(), result.end(), result.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return result;
}

void foreign_key_graph::add_keys(const std::string& table, const std::vector<detail::schema::foreign_key>& keys) {
  for (const auto& k : keys) {
    const auto parent = folded_name(k.parent_table);
    ++children_[parent][table];
    recheck(parent);
  }
}

void foreign_key_graph::remove_keys(const std::string& table, const std::vector<detail::schema::foreign_key>& keys) {
  for (const auto& k : keys) {
    const auto parent = folded_name(k.parent_table);
    const auto found = children_.find(parent);
    if (found == children_.end()) continue;
    const auto child = found->second.find(table);
    if (child != found->second.end() && --child->second == 0) found->second.erase(child);
    if (found->second.empty()) children_.erase(found);
    recheck(parent);
  }
}

void foreign_key_graph::set_table(const std::string& name, bool exists) {
  const auto folded = folded_name(name);
  if (exists) {
    tables_.insert(folded);
  } else {
    tables_.erase(folded);
  }
  recheck(folded);
}

std::vector<std::string> foreign_key_graph::children_of(const std::string& parent) const {
  std::vector<std::string> result;
  const auto found = children_.find(folded_name(parent));
  if (found == children_.end()) return result;
  for (const auto& [child, count] : found->second) result.push_back(child);
  return result;
}

void foreign_key_graph::recheck(const std::string& folded_parent) {
  if (children_.count(folded_parent) && !tables_.count(folded_parent)) {
    dangling_.insert(folded_parent);
  } else {
    dangling_.erase(folded_parent);
  }
}

}  // namespace embedded_migrations::generator
