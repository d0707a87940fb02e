#include "diagnostic.hpp"

#include "terminal.hpp"

#include <fmt/format.h>

namespace embedded_migrations::generator {

const char* to_string(severity level) noexcept {
  switch (level) {
    case severity::error: return "error";
    case severity::note: return "note";
  }
  return "unknown";
}

std::string format_diagnostic(const diagnostic& d, bool color) {
  const bool is_error = d.level == severity::error;
  return fmt::format("{}: {} {}", styled(fmt::format("{}:{}:{}", d.path, d.line, d.column), style::strong, color),
                     styled(fmt::format("{}:", to_string(d.level)), is_error ? style::error : style::note, color),
                     d.message);
}

}  // namespace embedded_migrations::generator
