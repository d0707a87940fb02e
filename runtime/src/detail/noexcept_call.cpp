#include "noexcept_call.hpp"

#include <string>

namespace embedded_migrations::detail {
namespace {

// Copies a string where the copy may fail for want of memory; leaves `to`
// empty then, as the code alone still tells what happened.
void copy_text(std::string& to, const char* from) noexcept {
  try {
    to = from;
  } catch (...) {
    to.clear();
  }
}

}  // namespace

void record_failure(const migration_error& error, std::error_code& ec, error_details* details) noexcept {
  ec = make_error_code(error.code());
  if (details == nullptr) return;
  details->code = ec;
  copy_text(details->message, error.what());
  copy_text(details->filename, error.filename().c_str());
  details->sqlite_code = error.sqlite_code();
  details->line = error.line();
  details->column = error.column();
}

void record_out_of_memory(std::error_code& ec, error_details* details) noexcept {
  ec = std::make_error_code(std::errc::not_enough_memory);
  if (details == nullptr) return;
  details->code = ec;
  copy_text(details->message, "out of memory");
}

void record_unexpected(const char* what, std::error_code& ec, error_details* details) noexcept {
  ec = make_error_code(error_code::unexpected_exception);
  if (details == nullptr) return;
  details->code = ec;
  try {
    details->message = std::string("an exception other than migration_error reached a noexcept overload: ") +
                       (what != nullptr ? what : "(of unknown type)") +
                       "; the application's callbacks (options::on_event, options::backup) must not throw";
  } catch (...) {
    details->message.clear();
  }
}

}  // namespace embedded_migrations::detail
