#include "diagnostic.hpp"

#include <fmt/format.h>

namespace embedded_migrations::generator {

std::string format_diagnostic(const diagnostic& d) {
  return fmt::format("{}:{}:{}: {}: {}", d.path, d.line, d.column, d.level == severity::error ? "error" : "note",
                     d.message);
}

}  // namespace embedded_migrations::generator
