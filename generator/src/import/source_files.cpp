#include "import/source_files.hpp"

#include "source_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace embedded_migrations::generator::import {
namespace fs = std::filesystem;

std::vector<std::string> list_entries(const fs::path& dir, bool directories) {
  std::vector<std::string> names;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    std::error_code type_ec;  // a dangling symlink is neither, and no migration
    const bool wanted = directories ? it->is_directory(type_ec) : it->is_regular_file(type_ec);
    if (wanted && !name.empty() && name.front() != '.') names.push_back(name);
  }
  if (ec) throw std::runtime_error(fmt::format("cannot list {}: {}", dir.string(), ec.message()));
  // Directory order is arbitrary; sorting keeps the report reproducible.
  std::sort(names.begin(), names.end());
  return names;
}

std::string read_source(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream bytes;
  if (in) bytes << in.rdbuf();
  if (!in || in.bad()) throw std::runtime_error(fmt::format("cannot read {}", file.string()));
  return normalize_source(bytes.str());
}

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<leading_version> split_leading_version(std::string_view stem) {
  std::size_t digits = 0;
  while (digits < stem.size() && stem[digits] >= '0' && stem[digits] <= '9') ++digits;
  if (digits == 0) return std::nullopt;
  auto rest = stem.substr(digits);
  if (!rest.empty() && (rest.front() == '_' || rest.front() == '-')) rest.remove_prefix(1);
  return leading_version{std::string(stem.substr(0, digits)), std::string(rest)};
}

std::string clean_description(std::string_view description, std::vector<std::string>& changes) {
  std::string cleaned;
  for (const char c : description) {
    const bool allowed =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    cleaned.push_back(allowed ? c : '_');
  }
  // Our rule needs a description; a bare version ("1.up.sql") gets a neutral one.
  if (cleaned.empty()) cleaned = "migration";
  if (cleaned != description) changes.push_back("description made of [A-Za-z0-9_-]");
  return cleaned;
}

std::string trim_blank_lines(std::string_view text) {
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\n'; };
  std::size_t begin = 0;
  for (std::size_t i = 0; i < text.size() && blank(text[i]); ++i) {
    if (text[i] == '\n') begin = i + 1;  // keep the indentation of the first real line
  }
  std::size_t end = text.size();
  while (end > begin && blank(text[end - 1])) --end;
  if (end == begin) return "";
  return std::string(text.substr(begin, end - begin)) + "\n";
}

rejected_file reject(const fs::path& dir, const std::string& source, std::string message, int line, int column) {
  return {source, {(dir / source).string(), line, column, severity::error, std::move(message)}};
}

}  // namespace embedded_migrations::generator::import
