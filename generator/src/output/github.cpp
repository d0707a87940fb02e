#include "output/github.hpp"

#include <fmt/format.h>

namespace embedded_migrations::generator::output {
namespace {

// Replaces each character of `text` found in `escaped` with its percent-encoding.
std::string percent_encode(std::string_view text, std::string_view escaped) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    if (escaped.find(c) == std::string_view::npos) {
      out += c;
    } else {
      out += fmt::format("%{:02X}", static_cast<unsigned char>(c));
    }
  }
  return out;
}

const char* command_of(severity level) {
  switch (level) {
    case severity::error: return "error";
    case severity::note: return "notice";
  }
  return "notice";
}

}  // namespace

// The toolkit replaces '%' first so that its own escapes are not escaped again; one pass over the
// characters gives the same result.
std::string escape_data(std::string_view text) { return percent_encode(text, std::string_view("%\r\n", 3)); }

std::string escape_property(std::string_view text) { return percent_encode(text, std::string_view("%\r\n:,", 5)); }

std::string workflow_command(const diagnostic& d) {
  return fmt::format("::{} file={},line={},col={}::{}", command_of(d.level), escape_property(d.path), d.line,
                     d.column, escape_data(printable(d.message)));
}

}  // namespace embedded_migrations::generator::output
