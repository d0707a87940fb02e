// Compiler-style messages ("file:line:col: error: ...") that IDEs can jump to.
#pragma once

#include <string>
#include <string_view>

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

// `text` with its control characters written as \xNN, line breaks and tabs
// kept (messages span lines: the schema diff). A file name or a migration
// brings them in: SQLite quotes a stray one in its message (a DOS end-of-file
// mark read as 'unrecognized token: ""'), and the statement a note quotes may
// hold escape sequences that would drive the terminal showing the build log.
// Every output format shows messages so.
std::string printable(std::string_view text);

// "path:line:col: error: message"; with `color`, styled as compilers do.
std::string format_diagnostic(const diagnostic& d, bool color = false);

}  // namespace embedded_migrations::generator
