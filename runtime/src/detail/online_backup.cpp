#include "online_backup.hpp"

#include "busy_wait.hpp"

#include <sqlite3.h>

namespace embedded_migrations::detail {

online_backup::online_backup(sqlite3* destination, sqlite3* source) noexcept
    : handle_(sqlite3_backup_init(destination, "main", source, "main")) {}

online_backup::~online_backup() { finish(); }

int online_backup::copy_all(std::chrono::steady_clock::time_point deadline) {
  if (handle_ == nullptr) return SQLITE_MISUSE;
  for (int attempt = 0;; ++attempt) {
    // -1: every remaining page in this one call, in one transaction on the
    // destination; SQLite restarts by itself if the source changes meanwhile.
    const int rc = sqlite3_backup_step(handle_, -1);
    if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) return rc;
    if (!wait_before_retry(attempt, deadline)) return rc;
  }
}

int online_backup::finish() noexcept {
  if (handle_ == nullptr) return SQLITE_OK;
  const int rc = sqlite3_backup_finish(handle_);
  handle_ = nullptr;
  return rc;
}

}  // namespace embedded_migrations::detail
