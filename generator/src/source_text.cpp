#include "source_text.hpp"

namespace embedded_migrations::generator {

std::string normalize_source(std::string_view raw) {
  constexpr std::string_view bom = "\xEF\xBB\xBF";
  if (raw.substr(0, bom.size()) == bom) raw.remove_prefix(bom.size());
  std::string text;
  text.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '\r') {
      text.push_back('\n');
      if (i + 1 < raw.size() && raw[i + 1] == '\n') ++i;
    } else {
      text.push_back(raw[i]);
    }
  }
  return text;
}

std::optional<std::size_t> find_invalid_utf8(std::string_view text) {
  const auto byte_at = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  std::size_t i = 0;
  while (i < text.size()) {
    const unsigned char lead = byte_at(i);
    if (lead < 0x80) {
      ++i;
      continue;
    }
    std::size_t length;
    unsigned char min_second = 0x80, max_second = 0xBF;  // narrowed to rule out overlongs and surrogates
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      if (lead == 0xE0) min_second = 0xA0;
      if (lead == 0xED) max_second = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      if (lead == 0xF0) min_second = 0x90;
      if (lead == 0xF4) max_second = 0x8F;
    } else {
      return i;
    }
    if (i + length > text.size()) return i;
    if (byte_at(i + 1) < min_second || byte_at(i + 1) > max_second) return i;
    for (std::size_t k = 2; k < length; ++k) {
      if (byte_at(i + k) < 0x80 || byte_at(i + k) > 0xBF) return i;
    }
    i += length;
  }
  return std::nullopt;
}

}  // namespace embedded_migrations::generator
