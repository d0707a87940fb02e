#include "reconcile.hpp"

#include <embedded_migrations/migration_error.hpp>

#include <string>

namespace embedded_migrations::detail {

void check_version_order(const migration_set& set) {
  for (std::size_t i = 1; i < set.size(); ++i) {
    if (set[i].version <= set[i - 1].version) {
      throw migration_error(error_code::invalid_argument,
                            "migration set is not in strictly increasing version order: " +
                                std::string(set[i - 1].filename) + " comes before " + std::string(set[i].filename),
                            std::string(set[i].filename));
    }
  }
}

std::vector<reconciled_migration> reconcile(const migration_set& set, const std::vector<recorded_migration>& recorded) {
  std::vector<reconciled_migration> result;
  result.reserve(set.size() + recorded.size());
  auto embedded = set.begin();
  auto row = recorded.begin();
  while (embedded != set.end() || row != recorded.end()) {
    if (row == recorded.end() || (embedded != set.end() && embedded->version < row->version)) {
      result.push_back({embedded++, nullptr});
    } else if (embedded == set.end() || row->version < embedded->version) {
      result.push_back({nullptr, &*row++});
    } else {
      result.push_back({embedded++, &*row++});
    }
  }
  return result;
}

}  // namespace embedded_migrations::detail
