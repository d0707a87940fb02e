// What a check that rides on the replay sees: each migration, every
// authorization SQLite makes while the migration's statements are prepared,
// and each statement once compiled. Checks never install an authorizer
// themselves: the replay's one authorizer (replay/authorizer.cpp) forwards.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostic.hpp"
#include "migration_directory.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace embedded_migrations::generator {

struct replay_policy;
class limit_guard;

// The replay's own state, for a check that runs SQL of its own on the
// replay's connection (checks/populated_tables.hpp, checks/seed_data.hpp).
// Such SQL is the replay's bookkeeping, not the migration's: the check sets
// policy.current while it runs, and leaves it as it found it.
struct replay_context {
  sqlite3* db = nullptr;
  replay_policy* policy = nullptr;
  limit_guard* limits = nullptr;  // the bounds of the migration being replayed
  std::string tracking_table;
};

// Where a migration failed, for a check that explains the failure.
enum class replay_failure {
  statement,        // one of its statements failed or was refused
  after_migration,  // every statement ran; a check of the state it left failed
};

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

  // Once, before the first migration.
  virtual void start(const replay_context& context) { (void)context; }
  // After on_statement, with the authorizer in bookkeeping: SQL the check
  // runs here is not judged as the migration's. A message refuses the
  // statement before it runs (the replay reports it at the statement).
  virtual std::optional<std::string> vet(sqlite3_stmt* statement, std::string_view text) {
    (void)statement;
    (void)text;
    return std::nullopt;
  }
  // After the migration replayed and passed the replay's own checks, before
  // after(): false, with an error appended to `diagnostics`, stops the replay
  // there.
  virtual bool finish(std::size_t index, const loaded_migration& migration, std::vector<diagnostic>& diagnostics) {
    (void)index;
    (void)migration;
    (void)diagnostics;
    return true;
  }
  // Whether the check puts rows of its own into the replay's tables (the
  // seeds). Such a check explains a failure only when the migration fails
  // differently without them: the replay then runs the migrations once more,
  // without any check, on the error path only.
  virtual bool loads_rows() const { return false; }
  // Migration `index` failed, and `error` says so: notes of the check's own
  // about it go to `diagnostics`.
  virtual void explain_failure(std::size_t index, const loaded_migration& migration, replay_failure where,
                               const diagnostic& error, std::vector<diagnostic>& diagnostics) {
    (void)index;
    (void)migration;
    (void)where;
    (void)error;
    (void)diagnostics;
  }
};

}  // namespace embedded_migrations::generator
