#include <embedded_migrations/migration.hpp>

namespace embedded_migrations {

const char* to_string(foreign_keys_mode mode) noexcept {
  switch (mode) {
    case foreign_keys_mode::unspecified: return "unspecified";
    case foreign_keys_mode::off: return "off";
    case foreign_keys_mode::on: return "on";
  }
  return "unspecified";
}

}  // namespace embedded_migrations
