// Bytes of a migration file to the normalized text that is embedded and checksummed.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace embedded_migrations::generator {

// Strips a UTF-8 byte order mark and turns CRLF and lone CR into LF, so a
// file's checksum does not depend on the checkout's line endings.
std::string normalize_source(std::string_view raw);

// Offset of the first byte that does not belong to a well-formed UTF-8
// sequence (overlong forms, surrogates and code points past U+10FFFF included).
std::optional<std::size_t> find_invalid_utf8(std::string_view text);

}  // namespace embedded_migrations::generator
