#include "migration_name.hpp"

#include <fmt/format.h>

#include <cctype>
#include <limits>
#include <utility>

namespace embedded_migrations::generator {
namespace {

constexpr std::string_view extension = ".sql";

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_description_char(char c) { return is_ascii_letter(c) || is_digit(c) || c == '_' || c == '-'; }

bool ends_with_ignoring_case(std::string_view text, std::string_view suffix) {
  if (text.size() < suffix.size()) return false;
  const auto tail = text.substr(text.size() - suffix.size());
  for (std::size_t i = 0; i < suffix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(tail[i])) != suffix[i]) return false;
  }
  return true;
}

std::string describe_char(char c) {
  const auto byte = static_cast<unsigned char>(c);
  if (byte >= 0x21 && byte < 0x7f) return fmt::format("'{}'", c);
  if (c == ' ') return "a space";
  return fmt::format("byte 0x{:02x}", byte);
}

}  // namespace

const char* to_string(name_kind kind) {
  switch (kind) {
    case name_kind::plain: return "plain";
    case name_kind::up: return "up";
    case name_kind::down: return "down";
  }
  return "unknown";
}

bool is_sql_file_name(std::string_view filename) {
  return !filename.empty() && filename.front() != '.' && ends_with_ignoring_case(filename, extension);
}

std::variant<migration_name, std::string> parse_migration_name(std::string_view filename) {
  constexpr std::string_view rule = "name migrations <version>_<description>.sql, for example 001_create_users.sql";
  if (filename.substr(filename.size() - extension.size()) != extension) {
    return fmt::format("the extension of '{}' must be '.sql' in lower case; rename it to '{}.sql'", filename,
                       filename.substr(0, filename.size() - extension.size()));
  }
  auto stem = filename.substr(0, filename.size() - extension.size());
  auto kind = name_kind::plain;
  for (const auto& [suffix, role] : {std::pair<std::string_view, name_kind>{".up", name_kind::up},
                                     std::pair<std::string_view, name_kind>{".down", name_kind::down}}) {
    if (stem.size() > suffix.size() && stem.substr(stem.size() - suffix.size()) == suffix) {
      stem.remove_suffix(suffix.size());
      kind = role;
    }
  }

  std::size_t digits = 0;
  while (digits < stem.size() && is_digit(stem[digits])) ++digits;
  if (digits == 0) return fmt::format("'{}' does not start with a version number; {}", filename, rule);
  if (digits == stem.size() || stem[digits] != '_') {
    return fmt::format("in '{}' the version must be followed by '_' and a description; {}", filename, rule);
  }

  std::int64_t version = 0;
  for (std::size_t i = 0; i < digits; ++i) {
    const int digit = stem[i] - '0';
    if (version > (std::numeric_limits<std::int64_t>::max() - digit) / 10) {
      return fmt::format("the version of '{}' does not fit in 64 bits (at most {}); use a smaller number", filename,
                         std::numeric_limits<std::int64_t>::max());
    }
    version = version * 10 + digit;
  }

  const auto description = stem.substr(digits + 1);
  if (description.empty()) return fmt::format("'{}' has an empty description; {}", filename, rule);
  for (const char c : description) {
    if (!is_description_char(c)) {
      return fmt::format("the description of '{}' contains {}; use only ASCII letters, digits, '_' and '-'",
                         filename, describe_char(c));
    }
  }
  return migration_name{version, std::string(description), kind};
}

}  // namespace embedded_migrations::generator
