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

foreign_key_graph::foreign_key_graph(std::pmr::memory_resource* memory)
    : parents_(memory), children_(memory), tables_(memory), dangling_(memory) {}

void foreign_key_graph::set_keys(const std::string& table, const std::vector<std::string>& parents) {
  const text child(folded_name(table), parents_.get_allocator());
  if (const auto old = parents_.find(child); old != parents_.end()) {
    for (const auto& parent : old->second) {
      const auto found = children_.find(parent);
      if (found == children_.end()) continue;
      const auto entry = found->second.find(child);
      if (entry != found->second.end() && --entry->second == 0) found->second.erase(entry);
      if (found->second.empty()) children_.erase(found);
      recheck(parent);
    }
    parents_.erase(old);
  }
  if (parents.empty()) return;
  auto& list = parents_[child];
  for (const auto& parent : parents) {
    list.emplace_back(folded_name(parent));
    ++children_[list.back()][child];
    recheck(list.back());
  }
}

void foreign_key_graph::set_table(const std::string& name, bool exists) {
  const text folded(folded_name(name), tables_.get_allocator());
  if (exists) {
    tables_.insert(folded);
  } else {
    tables_.erase(folded);
  }
  recheck(folded);
}

bool foreign_key_graph::has_keys(const std::string& table) const {
  return parents_.count(text(folded_name(table), parents_.get_allocator())) > 0;
}

std::vector<std::string> foreign_key_graph::children_of(const std::string& parent) const {
  std::vector<std::string> result;
  const auto found = children_.find(text(folded_name(parent), children_.get_allocator()));
  if (found == children_.end()) return result;
  for (const auto& [child, count] : found->second) result.emplace_back(child);
  return result;
}

void foreign_key_graph::recheck(const text& folded_parent) {
  if (children_.count(folded_parent) && !tables_.count(folded_parent)) {
    dangling_.insert(folded_parent);
  } else {
    dangling_.erase(folded_parent);
  }
}

}  // namespace embedded_migrations::generator
