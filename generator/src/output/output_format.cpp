#include "output/output_format.hpp"

namespace embedded_migrations::generator::output {

const char* to_string(output_format format) noexcept {
  switch (format) {
    case output_format::text: return "text";
    case output_format::json: return "json";
    case output_format::github: return "github";
  }
  return "unknown";
}

std::optional<output_format> parse_output_format(std::string_view text) {
  for (const auto format : {output_format::text, output_format::json, output_format::github}) {
    if (text == to_string(format)) return format;
  }
  return std::nullopt;
}

std::string list_formats(const std::vector<output_format>& formats) {
  std::string list;
  for (std::size_t i = 0; i < formats.size(); ++i) {
    if (i > 0) list += i + 1 == formats.size() ? " or " : ", ";
    list += to_string(formats[i]);
  }
  return list;
}

}  // namespace embedded_migrations::generator::output
