#include <sqlite3.h>

#include <embedded_migrations/migration_error.hpp>
#include <embedded_migrations/sqlite_support.hpp>
#include <string_view>

#include "detail/sqlite_handles.hpp"

namespace embedded_migrations {
namespace {

// PRAGMA module_list is compiled into every build from 3.30.0
// (https://sqlite.org/releaselog/3_30_0.html), unless SQLITE_OMIT_INTROSPECTION_PRAGMAS.
constexpr int module_list_version = 3030000;

// The built-in modules and the compile option that includes each; FTS4 is
// part of an FTS3 build.
const char* compile_option_of(std::string_view module) {
  if (module == "fts5") return "ENABLE_FTS5";
  if (module == "fts3" || module == "fts4") return "ENABLE_FTS3";
  if (module == "rtree") return "ENABLE_RTREE";
  if (module == "geopoly") return "ENABLE_GEOPOLY";
  if (module == "dbstat") return "ENABLE_DBSTAT_VTAB";
  return nullptr;
}

bool has_module(sqlite3* db, const std::string& module) {
  if (sqlite3_libversion_number() >= module_list_version) {
    detail::statement_ptr query;
    if (detail::prepare(db, "SELECT 1 FROM pragma_module_list WHERE name = ?1", query) == SQLITE_OK) {
      sqlite3_bind_text(query.get(), 1, module.c_str(), static_cast<int>(module.size()), SQLITE_TRANSIENT);
      const int rc = sqlite3_step(query.get());
      if (rc == SQLITE_ROW || rc == SQLITE_DONE) return rc == SQLITE_ROW;
    }
  }
  // No module_list here (too old, omitted, or the application's authorizer
  // denies it): SQLite's own modules are known by their compile options.
  const char* option = compile_option_of(module);
  return option == nullptr || sqlite3_compileoption_used(option) == 1;
}

}  // namespace

sqlite_support check_sqlite_support(sqlite3* db, const migration_set& set) {
  if (db == nullptr) {
    throw migration_error(error_code::invalid_argument, "check_sqlite_support() needs an open SQLite connection");
  }
  sqlite_support support;
  support.required_version = set.required_sqlite_version();
  support.linked_version = sqlite3_libversion_number();
  std::string_view modules = set.required_modules();
  while (!modules.empty()) {
    const auto comma = modules.find(',');
    std::string module(modules.substr(0, comma));
    modules = comma == std::string_view::npos ? std::string_view() : modules.substr(comma + 1);
    if (module.empty()) continue;
    if (!has_module(db, module)) support.missing_modules.push_back(module);
    support.required_modules.push_back(std::move(module));
  }
  return support;
}

std::string sqlite_version_text(int version) {
  return std::to_string(version / 1000000) + "." + std::to_string(version / 1000 % 1000) + "." +
         std::to_string(version % 1000);
}

}  // namespace embedded_migrations
