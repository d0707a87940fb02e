// The noexcept twin of every throwing entry point, each through the one
// adapter in detail/noexcept_call.hpp.
#include <embedded_migrations/apply.hpp>
#include <embedded_migrations/backup.hpp>
#include <embedded_migrations/plan.hpp>
#include <embedded_migrations/sqlite_support.hpp>
#include <embedded_migrations/status.hpp>
#include <embedded_migrations/verify_schema.hpp>

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

schema_report verify_schema(sqlite3* db, const migration_set& set, const options& opts,
                            const std::vector<std::string>& ignored_tables, std::error_code& ec) noexcept {
  return detail::call_noexcept(ec, nullptr, [&] { return verify_schema(db, set, opts, ignored_tables); });
}

schema_report verify_schema(sqlite3* db, const migration_set& set, const options& opts,
                            const std::vector<std::string>& ignored_tables, error_details& error) noexcept {
  std::error_code ec;
  return detail::call_noexcept(ec, &error, [&] { return verify_schema(db, set, opts, ignored_tables); });
}

sqlite_support check_sqlite_support(sqlite3* db, const migration_set& set, std::error_code& ec) noexcept {
  return detail::call_noexcept(ec, nullptr, [&] { return check_sqlite_support(db, set); });
}

sqlite_support check_sqlite_support(sqlite3* db, const migration_set& set, error_details& error) noexcept {
  std::error_code ec;
  return detail::call_noexcept(ec, &error, [&] { return check_sqlite_support(db, set); });
}

}  // namespace embedded_migrations
