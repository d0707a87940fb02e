#include "checks/sqlite_features.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <charconv>

namespace embedded_migrations::generator {

bool names_contain(std::string_view names, std::string_view name) {
  while (!names.empty()) {
    const auto comma = names.find(',');
    const auto entry = names.substr(0, comma);
    if (entry.size() == name.size() &&
        sqlite3_strnicmp(entry.data(), name.data(), static_cast<int>(name.size())) == 0) {
      return true;
    }
    if (comma == std::string_view::npos) break;
    names.remove_prefix(comma + 1);
  }
  return false;
}

const sqlite_feature* feature_for_action(int action, std::string_view name) {
  detection wanted;
  switch (action) {
    case SQLITE_FUNCTION:
      wanted = detection::function;
      break;
    case SQLITE_READ:
      wanted = detection::table_valued_function;
      break;
    case SQLITE_PRAGMA:
      wanted = detection::pragma;
      break;
    default:
      return nullptr;
  }
  for (const auto& feature : sqlite_features) {
    if (feature.detected_by == wanted && names_contain(feature.names, name)) return &feature;
  }
  return nullptr;
}

const sqlite_feature* feature_for_rule(syntax_rule rule) {
  for (const auto& feature : sqlite_features) {
    if (feature.detected_by == detection::syntax && feature.rule == rule) return &feature;
  }
  return nullptr;
}

std::string version_text(int version) {
  return fmt::format("{}.{}.{}", version / 1000000, version / 1000 % 1000, version % 1000);
}

std::variant<int, std::string> parse_sqlite_version(std::string_view text) {
  const auto wrong = [&] {
    return fmt::format("'{}' is not a SQLite 3 version; write it as 3.MINOR.PATCH, e.g. 3.31.0", text);
  };
  int parts[3] = {0, 0, 0};
  std::size_t count = 0;
  const char* at = text.data();
  const char* const end = text.data() + text.size();
  while (count < 3) {
    const auto [next, ec] = std::from_chars(at, end, parts[count]);
    // Each part is 0..999: sqlite3_libversion_number() keeps three digits for each.
    if (ec != std::errc() || next == at || parts[count] < 0 || parts[count] > 999) return wrong();
    ++count;
    at = next;
    if (at == end) break;
    if (*at != '.') return wrong();
    ++at;
    if (at == end) return wrong();
  }
  if (at != end || count < 2 || parts[0] != 3) return wrong();
  return parts[0] * 1000000 + parts[1] * 1000 + parts[2];
}

}  // namespace embedded_migrations::generator
