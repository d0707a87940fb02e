// Waiting for another connection's lock without touching the application's
// busy handler: SQLite has no getter for one, so a handler we installed could
// never be given back.
#pragma once

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <thread>

namespace embedded_migrations::detail {

using steady_time = std::chrono::steady_clock::time_point;

// now + timeout, saturated: milliseconds::max() waits "forever" instead of
// overflowing into a deadline in the past.
inline steady_time deadline_after(std::chrono::milliseconds timeout) {
  const auto now = std::chrono::steady_clock::now();
  const auto room = std::chrono::duration_cast<std::chrono::milliseconds>(steady_time::max() - now);
  return timeout >= room ? steady_time::max() : now + timeout;
}

// Whether SQLite's extended result code is another connection's lock, which
// waiting ends: SQLITE_BUSY, or SQLITE_LOCKED_SHAREDCACHE, as SQLite reports
// a lock of another connection sharing the cache (which no busy handler
// sees). A plain SQLITE_LOCKED is this connection's own statement: no amount
// of waiting releases it.
inline bool is_other_connections_lock(int extended_code) {
  return (extended_code & 0xFF) == SQLITE_BUSY || extended_code == SQLITE_LOCKED_SHAREDCACHE;
}

// Sleeps before retry number `attempt` (0-based) and returns true, or returns
// false once `deadline` has passed. The delays are those of SQLite's own
// sqliteDefaultBusyCallback (main.c): short first, then 100 ms.
inline bool wait_before_retry(int attempt, steady_time deadline) {
  static constexpr int delays_ms[] = {1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100};
  constexpr int count = static_cast<int>(sizeof delays_ms / sizeof delays_ms[0]);
  const auto now = std::chrono::steady_clock::now();
  if (now >= deadline) return false;
  const std::chrono::milliseconds delay(delays_ms[std::min(std::max(attempt, 0), count - 1)]);
  std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(delay, deadline - now));
  return true;
}

}  // namespace embedded_migrations::detail
