// What the importers share about reading a tool's directory and naming its files.
#pragma once

#include "import/import_format.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace embedded_migrations::generator::import {

// Names of the visible entries directly in `dir` (hidden ones such as .gitkeep
// are no tool's migrations), sorted; `directories` selects directories instead
// of regular files. Throws std::runtime_error when the directory cannot be listed.
std::vector<std::string> list_entries(const std::filesystem::path& dir, bool directories = false);

// The file's text, normalized as our checks normalize it (no BOM, LF endings).
// Throws std::runtime_error when it cannot be read.
std::string read_source(const std::filesystem::path& file);

bool ends_with(std::string_view text, std::string_view suffix);
bool starts_with(std::string_view text, std::string_view prefix);
bool all_digits(std::string_view text);

// "<digits><separator><rest>" split at the end of the leading digits; nullopt
// when the name does not start with a digit.
struct leading_version {
  std::string version;
  std::string rest;  // after the digits, one leading '_' or '-' removed
};
std::optional<leading_version> split_leading_version(std::string_view stem);

// A description valid for our rule: every character outside [A-Za-z0-9_-]
// becomes '_'; notes the change when there was one.
std::string clean_description(std::string_view description, std::vector<std::string>& changes);

// Drops blank lines at both ends and ends the text with exactly one newline.
std::string trim_blank_lines(std::string_view text);

// A rejected file with its diagnostic at line:column of dir/source.
rejected_file reject(const std::filesystem::path& dir, const std::string& source, std::string message, int line = 1,
                     int column = 1);

}  // namespace embedded_migrations::generator::import
