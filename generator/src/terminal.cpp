#include "terminal.hpp"

#include <fmt/color.h>
#include <fmt/format.h>

#include <cstdlib>
#include <unistd.h>

namespace embedded_migrations::generator {

bool parse_color_mode(std::string_view text, color_mode& mode) {
  if (text == "auto") {
    mode = color_mode::automatic;
  } else if (text == "always") {
    mode = color_mode::always;
  } else if (text == "never") {
    mode = color_mode::never;
  } else {
    return false;
  }
  return true;
}

bool use_color(color_mode mode, std::FILE* stream) {
  if (mode != color_mode::automatic) return mode == color_mode::always;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && *no_color != '\0') return false;
  return isatty(fileno(stream)) == 1;
}

std::string styled(std::string_view text, style s, bool enabled) {
  if (!enabled) return std::string(text);
  fmt::text_style look;
  switch (s) {
    case style::error: look = fmt::emphasis::bold | fmt::fg(fmt::terminal_color::bright_red); break;
    case style::warning: look = fmt::emphasis::bold | fmt::fg(fmt::terminal_color::bright_yellow); break;
    case style::note: look = fmt::emphasis::bold | fmt::fg(fmt::terminal_color::bright_cyan); break;
    case style::good: look = fmt::fg(fmt::terminal_color::green); break;
    case style::strong: look = fmt::emphasis::bold; break;
  }
  return fmt::format(look, "{}", text);
}

}  // namespace embedded_migrations::generator
