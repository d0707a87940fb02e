// Compiler-style messages ("file:line:col: error: ...") that IDEs can jump to.
#pragma once

#include <string>

namespace embedded_migrations::generator {

enum class severity { error, note };

// "error" or "note", as the text and the JSON output spell it.
const char* to_string(severity level) noexcept;

struct diagnostic {
  std::string path;  // as the user named it, so the message points where they look
  int line;          // 1-based; 1 when nothing better is known
  int column;        // 1-based, in bytes
  severity level;
  std::string message;
};

// "path:line:col: error: message"; with `color`, styled as compilers do.
std::string format_diagnostic(const diagnostic& d, bool color = false);

}  // namespace embedded_migrations::generator
