// The noexcept twin of every throwing entry point, each through the one
// adapter in detail/noexcept_call.hpp.
#include <embedded_migrations/apply.hpp>
#include <embedded_migrations/backup.hpp>
#include <embedded_migrations/plan.hpp>
#include <embedded_migrations/status.hpp>

#include "detail/noexcept_call.hpp"

namespace embedded_migrations {

apply_result apply(sqlite3* db, const migration_set& set, const options& opts, std::error_code& ec) noexcept {
  return detail::call_noexcept(ec, nullptr, [&] { return apply(db, set, opts); });
}

apply_result apply(sqlite3* db, const migration_set& set, const options& opts, error_details& error) noexcept {
  std::error_code ec;
  return detail::call_noexcept(ec, &error, [&] { return apply(db, set, opts); });
}

std::vector<migration_status> status(sqlite3* db, const migration_set& set, const options& opts,
                                     std::error_code& ec) noexcept {
  return detail::call_noexcept(ec, nullptr, [&] { return status(db, set, opts); });
}

std::vector<migration_status> status(sqlite3* db, const migration_set& set, const options& opts,
                                     error_details& error) noexcept {
  std::error_code ec;
  return detail::call_noexcept(ec, &error, [&] { return status(db, set, opts); });
}

apply_plan plan(sqlite3* db, const migration_set& set, const options& opts, std::error_code& ec) noexcept {
  return detail::call_noexcept(ec, nullptr, [&] { return plan(db, set, opts); });
}

apply_plan plan(sqlite3* db, const migration_set& set, const options& opts, error_details& error) noexcept {
  std::error_code ec;
  return detail::call_noexcept(ec, &error, [&] { return plan(db, set, opts); });
}

void restore(sqlite3* db, const std::string& path, std::error_code& ec) noexcept {
  detail::call_noexcept(ec, nullptr, [&] { restore(db, path); });
}

void restore(sqlite3* db, const std::string& path, error_details& error) noexcept {
  std::error_code ec;
  detail::call_noexcept(ec, &error, [&] { restore(db, path); });
}

}  // namespace embedded_migrations
