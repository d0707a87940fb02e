#include <embedded_migrations/options.hpp>

namespace embedded_migrations {

const char* to_string(event_kind kind) noexcept {
  switch (kind) {
    case event_kind::started: return "started";
    case event_kind::applied: return "applied";
    case event_kind::failed: return "failed";
    case event_kind::out_of_order: return "out_of_order";
    case event_kind::baselined: return "baselined";
    case event_kind::adopted: return "adopted";
    case event_kind::destructive: return "destructive";
  }
  return "unknown";
}

}  // namespace embedded_migrations
