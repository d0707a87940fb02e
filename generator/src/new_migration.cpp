#include "new_migration.hpp"

#include "migration_name.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <optional>

namespace embedded_migrations::generator {
namespace {

constexpr std::size_t timestamp_digits = 14;

struct existing_version {
  std::int64_t value;
  std::size_t digits;
};

// The time a YYYYMMDDHHMMSS version stands for, when it is one.
std::optional<std::time_t> parse_timestamp(std::int64_t version) {
  const std::string text = std::to_string(version);
  std::tm utc{};
  if (text.size() != timestamp_digits || strptime(text.c_str(), "%Y%m%d%H%M%S", &utc) != text.c_str() + text.size()) {
    return std::nullopt;
  }
  return timegm(&utc);
}

std::string utc_timestamp(std::time_t now) {
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[timestamp_digits + 1];
  std::strftime(text, sizeof text, "%Y%m%d%H%M%S", &utc);
  return text;
}

}  // namespace

next_name next_migration_filename(const std::vector<std::string>& existing, std::string_view description,
                                  std::time_t now) {
  std::vector<existing_version> versions;
  for (const auto& filename : existing) {
    if (!is_sql_file_name(filename)) continue;
    auto parsed = parse_migration_name(filename);
    if (const auto* name = std::get_if<migration_name>(&parsed)) {
      versions.push_back({name->version, filename.find('_')});
    }
  }
  const auto newest = std::max_element(versions.begin(), versions.end(),
                                       [](const auto& a, const auto& b) { return a.value < b.value; });

  std::string version;
  if (newest == versions.end()) {
    version = "001";
  } else if (newest->digits == timestamp_digits) {
    // Now, or the second after the newest when the clock is behind it.
    const auto newest_time = parse_timestamp(newest->value);
    version = newest_time && *newest_time >= now ? utc_timestamp(*newest_time + 1) : utc_timestamp(now);
    if (std::stoll(version) <= newest->value) version = std::to_string(newest->value + 1);
  } else {
    version = fmt::format("{:0{}}", newest->value + 1, newest->digits);
  }

  const std::string filename = fmt::format("{}_{}.sql", version, description);
  auto parsed = parse_migration_name(filename);
  if (auto* problem = std::get_if<std::string>(&parsed)) {
    return {{}, fmt::format("'{}' cannot describe a migration: {}", description, *problem)};
  }
  return {filename, {}};
}

std::string new_migration_text(std::string_view filename) {
  return fmt::format(
      "-- {}\n"
      "-- Write this migration's SQL below; the build fails until it holds a statement.\n"
      "-- Once it has been applied anywhere, never edit it again: add a new migration.\n",
      filename);
}

}  // namespace embedded_migrations::generator
