// Application-defined SQL functions a migration may call, and the stand-ins
// the replay registers for them.
#pragma once

#include <cstdint>
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

// Registers a stand-in for each function on `db`: each call returns the next
// value of `*calls`, a distinct integer that every column type and UNIQUE
// constraint accepts. `calls` must outlive the connection's use.
void register_stand_ins(sqlite3* db, const std::vector<declared_function>& functions, std::int64_t* calls);

}  // namespace embedded_migrations::generator
