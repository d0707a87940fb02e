#include "replay/declared_functions.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace embedded_migrations::generator {
namespace {

void stand_in(sqlite3_context* context, int, sqlite3_value**) {
  auto* calls = static_cast<std::int64_t*>(sqlite3_user_data(context));
  sqlite3_result_int64(context, ++*calls);
}

}  // namespace

std::variant<declared_function, std::string> parse_function_declaration(std::string_view text) {
  const auto malformed = [&] {
    return fmt::format("'{}' is not a function declaration; write NAME/NARGS, for example uuid/0 (NARGS -1: any)",
                       text);
  };
  const auto slash = text.rfind('/');
  if (slash == std::string_view::npos || slash == 0) return malformed();
  const auto name = text.substr(0, slash);
  const auto count = text.substr(slash + 1);
  const bool name_ok = std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$';
  });
  int arg_count = 0;
  if (count == "-1") {
    arg_count = -1;
  } else if (!count.empty() && count.size() <= 3 &&
             std::all_of(count.begin(), count.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    arg_count = std::stoi(std::string(count));
  } else {
    return malformed();
  }
  if (!name_ok || arg_count > 127) return malformed();
  return declared_function{std::string(name), arg_count};
}

void register_stand_ins(sqlite3* db, const std::vector<declared_function>& functions, std::int64_t* calls) {
  for (const auto& function : functions) {
    // INNOCUOUS: the replay runs with trusted_schema off, and the stand-in
    // (unlike, perhaps, the app's real function) has no side effect, so a view,
    // trigger or default that calls it must replay.
    const int rc = sqlite3_create_function_v2(db, function.name.c_str(), function.arg_count,
                                              SQLITE_UTF8 | SQLITE_INNOCUOUS, calls, stand_in, nullptr, nullptr,
                                              nullptr);
    if (rc != SQLITE_OK) {
      throw std::runtime_error(fmt::format("cannot declare the function {}/{}: {}", function.name,
                                           function.arg_count, sqlite3_errmsg(db)));
    }
  }
}

}  // namespace embedded_migrations::generator
