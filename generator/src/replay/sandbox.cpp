#include "replay/sandbox.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <stdexcept>

namespace embedded_migrations::generator {
namespace {

void set_flag(sqlite3* db, int option, int value, const char* name) {
  int now = -1;
  if (sqlite3_db_config(db, option, value, &now) != SQLITE_OK || now != value) {
    throw std::runtime_error(fmt::format("cannot set {} on the replay's database: {}", name, sqlite3_errmsg(db)));
  }
}

// The progress handler runs every this many virtual machine instructions: a
// few microseconds apart, so a deadline is met within a millisecond and the
// clock read costs nothing measurable.
constexpr int progress_interval = 1000;

}  // namespace

void seal_connection(sqlite3* db) {
  set_flag(db, SQLITE_DBCONFIG_DEFENSIVE, 1, "SQLITE_DBCONFIG_DEFENSIVE");
  set_flag(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, "SQLITE_DBCONFIG_TRUSTED_SCHEMA");
  set_flag(db, SQLITE_DBCONFIG_ENABLE_FTS3_TOKENIZER, 0, "SQLITE_DBCONFIG_ENABLE_FTS3_TOKENIZER");
  set_flag(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, "SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION");
  // The main database is in memory already; this keeps the temp schema,
  // VACUUM's scratch copy and the sorter's spill there too, so the build
  // writes no temporary file (SQLite would otherwise use SQLITE_TMPDIR, TMPDIR
  // or /var/tmp). The authorizer refuses a migration that changes it back.
  char* error = nullptr;
  if (sqlite3_exec(db, "PRAGMA temp_store = MEMORY", nullptr, nullptr, &error) != SQLITE_OK) {
    const std::string message = error ? error : "unknown error";
    sqlite3_free(error);
    throw std::runtime_error("cannot keep the replay's temporary storage in memory: " + message);
  }
}

limit_guard::limit_guard(sqlite3* db, const replay_limits& limits)
    : db_(db), limits_(limits), previous_heap_limit_(sqlite3_hard_heap_limit64(-1)) {
  sqlite3_progress_handler(db, progress_interval, &limit_guard::on_progress, this);
  restart();
}

limit_guard::~limit_guard() {
  sqlite3_progress_handler(db_, 0, nullptr, nullptr);
  sqlite3_hard_heap_limit64(previous_heap_limit_);
}

void limit_guard::restart() {
  timed_out_ = false;
  deadline_ = std::chrono::steady_clock::now() + limits_.time;
  // The limit is the migration's own: what SQLite holds already (above all
  // the schema the earlier migrations built, about 9 KiB per table with an
  // index) comes on top, or a long set would run out of room one table at a
  // time and blame whichever migration came next.
  sqlite3_hard_heap_limit64(sqlite3_memory_used() + limits_.memory_mib * 1024 * 1024);
}

int limit_guard::on_progress(void* self) noexcept {
  auto& guard = *static_cast<limit_guard*>(self);
  if (std::chrono::steady_clock::now() < guard.deadline_) return 0;
  guard.timed_out_ = true;
  return 1;  // interrupts the statement with SQLITE_INTERRUPT
}

std::string limit_guard::time_message() const {
  return fmt::format(
      "the replay of this migration ran into its time limit of {} s at this statement; if it legitimately needs "
      "longer, raise the limit: --replay-timeout SECONDS (REPLAY_TIMEOUT in add_embedded_migrations)",
      limits_.time.count());
}

std::string limit_guard::memory_message() const {
  return fmt::format(
      "the replay of this migration ran into its memory limit of {} MiB at this statement; if it legitimately "
      "needs more, raise the limit: --replay-memory MIB (REPLAY_MEMORY in add_embedded_migrations)",
      limits_.memory_mib);
}

}  // namespace embedded_migrations::generator
