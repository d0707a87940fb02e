// The scratch connection a replay runs on: sealed off from files and from
// SQLite's riskier features, and bounded in time and memory per migration.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

struct sqlite3;

namespace embedded_migrations::generator {

// The bounds of one migration's replay. A real data migration of a few
// hundred MiB of rows replays in seconds; these defaults only stop SQL that
// never ends (a recursive CTE without a LIMIT) or grows without bound.
struct replay_limits {
  std::chrono::seconds time{60};
  std::int64_t memory_mib = 1024;
};

// Turns off what reaches outside the database (load_extension, the FTS3
// tokenizer pointer interface, schema writes, untrusted schema SQL) and keeps
// temporary tables and sorts in memory. Throws std::runtime_error when SQLite
// refuses a setting: the replay never runs unsealed.
void seal_connection(sqlite3* db);

// Enforces replay_limits on `db` for as long as it lives: a deadline checked
// from the progress handler, and SQLite's hard heap limit, set at each
// restart() to what SQLite holds then plus memory_mib (the limit is
// process-wide, and so restored on destruction).
class limit_guard {
 public:
  limit_guard(sqlite3* db, const replay_limits& limits);
  limit_guard(const limit_guard&) = delete;
  limit_guard& operator=(const limit_guard&) = delete;
  ~limit_guard();

  // Starts the clock and the memory allowance for the next migration.
  void restart();
  bool timed_out() const noexcept { return timed_out_; }

  // Messages for a statement that hit a limit, naming how to raise it.
  std::string time_message() const;
  std::string memory_message() const;

 private:
  static int on_progress(void* self) noexcept;

  sqlite3* db_;
  replay_limits limits_;
  std::int64_t previous_heap_limit_;
  std::chrono::steady_clock::time_point deadline_;
  bool timed_out_ = false;
};

}  // namespace embedded_migrations::generator
