#include "new_migration.hpp"

#include "migration_name.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <limits>
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

// YYYYMMDDHHMMSS for `when`, or nullopt past 9999-12-31 23:59:59, which 14
// digits cannot hold (strftime would fail and leave the buffer undefined).
std::optional<std::string> utc_timestamp(std::time_t when) {
  std::tm utc{};
  if (!gmtime_r(&when, &utc) || utc.tm_year + 1900 > 9999) return std::nullopt;
  char text[timestamp_digits + 1];
  if (std::strftime(text, sizeof text, "%Y%m%d%H%M%S", &utc) != timestamp_digits) return std::nullopt;
  return std::string(text);
}

// The description as a name can hold it: runs of spaces and of the ASCII
// punctuation a name cannot contain become one '_' ("add user email",
// "add.users", "a/b"); letters beyond ASCII have no sensible stand-in and stay,
// so the name check refuses them.
std::string as_description(std::string_view text) {
  std::string result;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    const bool keep = std::isalnum(u) || c == '_' || c == '-' || u >= 0x80;
    if (keep) {
      result.push_back(c);
    } else if (!result.empty() && result.back() != '_') {
      result.push_back('_');
    }
  }
  while (!result.empty() && result.back() == '_') result.pop_back();
  return result;
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
  const auto newest_time = newest == versions.end() ? std::nullopt : parse_timestamp(newest->value);
  if (newest == versions.end()) {
    version = "001";
  } else if (newest->digits == timestamp_digits && newest_time) {
    // Now, or the second after the newest when the clock is behind it.
    const auto next = utc_timestamp(*newest_time >= now ? *newest_time + 1 : now);
    if (!next) {
      return {{}, fmt::format("no timestamp version can follow {}: it is the last second of the year 9999 that 14 "
                              "digits can write; renumber the directory, or name the next file yourself",
                              newest->value)};
    }
    version = *next;
  } else if (newest->value == std::numeric_limits<std::int64_t>::max()) {
    return {{}, fmt::format("no version can follow {}, the largest a version can be (a signed 64-bit integer); "
                            "renumber the directory",
                            newest->value)};
  } else {
    version = fmt::format("{:0{}}", newest->value + 1, newest->digits);
  }

  const std::string filename = fmt::format("{}_{}.sql", version, as_description(description));
  // NAME_MAX on ext4, and the limit of NTFS and APFS: the file system would
  // refuse the name with only "File name too long".
  constexpr std::size_t longest_file_name = 255;
  if (filename.size() > longest_file_name) {
    return {{}, fmt::format("'{}' cannot describe a migration: '{}' would be {} bytes, and file systems allow {}; "
                            "shorten the description",
                            description, filename, filename.size(), longest_file_name)};
  }
  auto parsed = parse_migration_name(filename);
  if (auto* problem = std::get_if<std::string>(&parsed)) {
    return {{}, fmt::format("'{}' cannot describe a migration: {}", description, *problem)};
  }
  return {filename, {}};
}

std::string new_migration_text() {
  // No file name: renumbering the file would leave it stale, and correcting
  // it would change the checksum of a migration that may have been applied.
  return "-- Write this migration's SQL below; until it holds a statement it is a placeholder that runs nothing.\n"
         "-- Once it has been applied anywhere, never edit it again: add a new migration.\n";
}

}  // namespace embedded_migrations::generator
