#include "schema_diff.hpp"

#include <algorithm>
#include <tuple>

namespace embedded_migrations::detail::schema {

std::vector<difference> diff(const canonical_schema& expected, const canonical_schema& actual) {
  std::vector<difference> result;
  for (const auto& want : expected.objects) {
    const auto* have = actual.find(want.type, want.name);
    if (!have) {
      result.push_back({difference_kind::missing, want.type, want.name, want.sql, {}});
    } else if (have->sql != want.sql) {
      result.push_back({difference_kind::changed, want.type, want.name, want.sql, have->sql});
    }
  }
  for (const auto& have : actual.objects) {
    if (!expected.find(have.type, have.name)) {
      result.push_back({difference_kind::unexpected, have.type, have.name, {}, have.sql});
    }
  }
  std::stable_sort(result.begin(), result.end(), [](const difference& a, const difference& b) {
    return std::tie(a.type, a.name) < std::tie(b.type, b.name);
  });
  return result;
}

}  // namespace embedded_migrations::detail::schema
