// The runtime links against every SQLite from its floor on: every sqlite3_*
// function the built runtime library leaves undefined (nm) is in the table of
// generator/src/checks/sqlite_api.hpp, introduced no later than the floor,
// and the floor is the one CMakeLists.txt asks find_package for.
#define BOOST_TEST_MODULE sqlite_api
#include <boost/test/unit_test.hpp>

#include "checks/sqlite_api.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <set>
#include <string>

using namespace embedded_migrations::generator::checks;

namespace {

std::set<std::string> undefined_sqlite_symbols(const std::string& library) {
  const std::string command = "nm -u --format=posix '" + library + "' 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  BOOST_REQUIRE(pipe);
  std::set<std::string> symbols;
  char line[4096];
  while (std::fgets(line, sizeof line, pipe)) {
    const std::string text(line);
    if (text.rfind("sqlite3_", 0) == 0) symbols.insert(text.substr(0, text.find(' ')));
  }
  BOOST_REQUIRE_EQUAL(pclose(pipe), 0);
  return symbols;
}

const sqlite_api_function* find_function(const std::string& name) {
  const auto found = std::find_if(std::begin(sqlite_api_functions), std::end(sqlite_api_functions),
                                  [&](const sqlite_api_function& f) { return f.name == name; });
  return found == std::end(sqlite_api_functions) ? nullptr : found;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_runtime_calls_no_sqlite_function_newer_than_its_floor) {
  const auto symbols = undefined_sqlite_symbols(RUNTIME_LIBRARY);
  BOOST_TEST(symbols.count("sqlite3_step") == 1u);  // nm saw the library at all
  for (const auto& symbol : symbols) {
    const auto* function = find_function(symbol);
    BOOST_TEST(function != nullptr, symbol << " is called by the runtime but missing from sqlite_api.hpp: add it with "
                                               "the release that introduced it");
    if (function) {
      BOOST_TEST(function->version <= runtime_sqlite_floor,
                 symbol << " needs SQLite " << function->version << ", newer than the runtime's floor "
                        << runtime_sqlite_floor << " (" << function->source << "); call it from the generator");
    }
  }
}

BOOST_AUTO_TEST_CASE(the_table_is_sorted_by_version_and_names_each_function_once) {
  std::set<std::string_view> names;
  for (std::size_t i = 0; i < std::size(sqlite_api_functions); ++i) {
    BOOST_TEST(names.insert(sqlite_api_functions[i].name).second, sqlite_api_functions[i].name);
    if (i > 0) BOOST_TEST(sqlite_api_functions[i - 1].version <= sqlite_api_functions[i].version);
  }
}

BOOST_AUTO_TEST_CASE(cmake_and_the_readme_state_the_same_floor) {
  const auto read = [](const char* path) {
    std::ifstream in(path);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  const int major = runtime_sqlite_floor / 1000000, minor = runtime_sqlite_floor / 1000 % 1000;
  const std::string short_version = std::to_string(major) + "." + std::to_string(minor);
  BOOST_TEST(read(TOP_LEVEL_CMAKELISTS).find("find_package(SQLite3 " + short_version + " REQUIRED)") !=
             std::string::npos);
  BOOST_TEST(read(PACKAGE_CONFIG).find("find_dependency(SQLite3 " + short_version + ")") != std::string::npos);
  BOOST_TEST(read(README).find("SQLite " + short_version + ".0 or newer") != std::string::npos);
}
