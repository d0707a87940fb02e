#include "diagnostic.hpp"

#include "terminal.hpp"

#include <fmt/format.h>

#include <string_view>

namespace embedded_migrations::generator {

const char* to_string(severity level) noexcept {
  switch (level) {
    case severity::error: return "error";
    case severity::note: return "note";
  }
  return "unknown";
}

std::string printable(std::string_view text) {
  std::string shown;
  shown.reserve(text.size());
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && c != '\n' && c != '\t') || byte == 0x7f) {
      shown += fmt::format("\\x{:02x}", byte);
    } else {
      shown += c;
    }
  }
  return shown;
}

std::string format_diagnostic(const diagnostic& d, bool color) {
  const bool is_error = d.level == severity::error;
  return fmt::format("{}: {} {}",
                     styled(fmt::format("{}:{}:{}", printable(d.path), d.line, d.column), style::strong, color),
                     styled(fmt::format("{}:", to_string(d.level)), is_error ? style::error : style::note, color),
                     printable(d.message));
}

}  // namespace embedded_migrations::generator
