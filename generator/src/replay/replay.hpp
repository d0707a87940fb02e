// Build-time validation: every migration replayed, in order, on a scratch
// in-memory database by the runtime's own code, so SQL that would fail on a
// user's machine fails the build instead.
#pragma once

#include "diagnostic.hpp"
#include "migration_directory.hpp"

#include <functional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

struct sqlite3;

namespace embedded_migrations::generator {

// An application-defined SQL function the migrations may call, declared so the
// replay can stand in for it.
struct declared_function {
  std::string name;
  int arg_count;  // -1: any number
};

// Parses NAME/NARGS ("uuid/0", "json_patch/2", "concat_ws/-1").
std::variant<declared_function, std::string> parse_function_declaration(std::string_view text);

struct replay_options {
  std::vector<declared_function> functions;
  // Called on the scratch connection before the replay (limits, progress handler).
  std::function<void(sqlite3*)> configure_connection;
};

// Replays `migrations` (in version order, all valid by name and content) and
// appends diagnostics for the first one that fails, naming the later ones that
// were therefore not replayed. Returns true when every migration replayed.
bool replay_migrations(const std::vector<loaded_migration>& migrations, const std::string& directory,
                       const replay_options& options, std::vector<diagnostic>& diagnostics);

}  // namespace embedded_migrations::generator
