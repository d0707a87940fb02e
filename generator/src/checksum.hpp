// The checksum recorded for each migration.
#pragma once

#include <string>
#include <string_view>

namespace embedded_migrations::generator {

// Lowercase hex SHA-256 of the bytes, as sha256sum prints it.
std::string sha256_hex(std::string_view bytes);

}  // namespace embedded_migrations::generator
