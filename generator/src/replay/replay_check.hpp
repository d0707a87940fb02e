// What a check that rides on the replay sees: each migration, every
// authorization SQLite makes while the migration's statements are prepared,
// and each statement once compiled. Checks never install an authorizer
// themselves: the replay's one authorizer (replay/authorizer.cpp) forwards.
#pragma once

#include <cstddef>
#include <string_view>

#include "migration_directory.hpp"

struct sqlite3_stmt;

namespace embedded_migrations::generator {

class replay_check {
 public:
  virtual ~replay_check() = default;
  // Before migration `index` (of the replayed list) runs.
  virtual void before(std::size_t index, const loaded_migration& migration) = 0;
  // An authorization while one of the migration's own statements is prepared
  // (never for our bookkeeping, nor while a statement runs).
  virtual void on_authorize(int action, const char* arg1, const char* arg2) = 0;
  // A statement of the migration compiled, before it runs; `text` is a view
  // into the migration's sql, from its first token.
  virtual void on_statement(sqlite3_stmt* statement, std::string_view text) = 0;
  // After the migration replayed without error.
  virtual void after(std::size_t index, const loaded_migration& migration) = 0;
};

}  // namespace embedded_migrations::generator
