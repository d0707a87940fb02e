#include "diagnostic.hpp"

#include "terminal.hpp"

#include <fmt/format.h>

namespace embedded_migrations::generator {

std::string format_diagnostic(const diagnostic& d, bool color) {
  const bool is_error = d.level == severity::error;
  return fmt::format("{}: {} {}", styled(fmt::format("{}:{}:{}", d.path, d.line, d.column), style::strong, color),
                     styled(is_error ? "error:" : "note:", is_error ? style::error : style::note, color), d.message);
}

}  // namespace embedded_migrations::generator
