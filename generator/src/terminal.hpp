// Colour on a terminal, none when piped or when NO_COLOR is set.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

namespace embedded_migrations::generator {

enum class color_mode { automatic, always, never };

// Parses --color's value: auto, always or never.
bool parse_color_mode(std::string_view text, color_mode& mode);

// Whether output to `stream` gets colour: always, never, or (automatic) when
// it is a terminal and NO_COLOR is unset or empty (https://no-color.org).
bool use_color(color_mode mode, std::FILE* stream);

enum class style { error, warning, note, good, strong };

// `text` in the style's ANSI colour when `enabled`, else as it is.
std::string styled(std::string_view text, style s, bool enabled);

}  // namespace embedded_migrations::generator
