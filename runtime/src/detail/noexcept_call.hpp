// The one try/catch behind every noexcept overload: it runs the throwing
// overload and turns whatever it throws into a std::error_code and, when the
// caller asked for them, error_details.
#pragma once

#include <embedded_migrations/migration_error.hpp>

#include <exception>
#include <new>
#include <system_error>
#include <type_traits>

namespace embedded_migrations::detail {

// Each fills `ec` (and `details` when not null) without throwing: a string
// that cannot be copied for want of memory is left empty, the code is always set.
void record_failure(const migration_error& error, std::error_code& ec, error_details* details) noexcept;
void record_out_of_memory(std::error_code& ec, error_details* details) noexcept;
void record_unexpected(const char* what, std::error_code& ec, error_details* details) noexcept;

// Clears `ec` and `details`, then returns body(), or, when body() throws, a
// value-initialized result with the exception recorded. The result types are
// vectors and aggregates of them, whose default construction and moves do not
// throw, so nothing escapes the noexcept overloads built on this.
template <typename Body>
auto call_noexcept(std::error_code& ec, error_details* details, Body&& body) noexcept -> decltype(body()) {
  using result = decltype(body());
  static_assert(std::is_void_v<result> || (std::is_nothrow_default_constructible_v<result> &&
                                           std::is_nothrow_move_constructible_v<result>),
                "a noexcept overload must be able to return its result without throwing");
  ec.clear();
  if (details != nullptr) *details = error_details{};
  try {
    return body();
  } catch (const migration_error& error) {
    record_failure(error, ec, details);
  } catch (const std::bad_alloc&) {
    record_out_of_memory(ec, details);
  } catch (const std::exception& error) {
    record_unexpected(error.what(), ec, details);
  } catch (...) {
    record_unexpected(nullptr, ec, details);
  }
  if constexpr (!std::is_void_v<result>) return result{};
}

}  // namespace embedded_migrations::detail
