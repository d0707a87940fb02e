// The forms a command's report takes: text for people, json for scripts, github for GitHub Actions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace embedded_migrations::generator::output {

enum class output_format {
  text,    // the default: tables and file:line:col diagnostics
  json,    // one JSON document on stdout (output/json.hpp)
  github,  // GitHub Actions workflow commands (output/github.hpp)
};

// "text", "json" or "github": the value --format takes.
const char* to_string(output_format format) noexcept;

// The format --format names, or nullopt for any other text.
std::optional<output_format> parse_output_format(std::string_view text);

// The formats as a usage message lists them: "text or json", "text, json or github".
std::string list_formats(const std::vector<output_format>& formats);

}  // namespace embedded_migrations::generator::output
