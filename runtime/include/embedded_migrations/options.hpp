// What apply() and status() can be told, and the progress events apply() reports.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace embedded_migrations {

enum class event_kind {
  started,  // a pending migration is about to run
  applied,  // it ran and its tracking row is committed
  failed,   // it failed and was rolled back; apply() throws right after this event
};

struct event {
  event_kind kind;
  std::int64_t version;
  std::string_view filename;
  std::size_t position;                // 1-based position among this run's pending migrations
  std::size_t pending_count;           // how many migrations this run applies
  std::chrono::microseconds duration;  // time spent in the migration (applied, failed)
  std::string_view message;            // the error message (failed); empty otherwise
};

struct options {
  // Name of the table recording applied migrations: letters, digits and '_',
  // not starting with a digit, at most 64 characters.
  std::string table_name = "migrations";
  // Called synchronously for every event; the runtime itself never prints.
  std::function<void(const event&)> on_event;
};

}  // namespace embedded_migrations
