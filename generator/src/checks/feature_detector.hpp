// Finds the SQLite features a migration uses (the feature table's rows) from
// what SQLite reports while preparing each statement, and from the statement's
// tokens where it reports nothing.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "checks/sql_tokens.hpp"
#include "checks/sqlite_features.hpp"

namespace embedded_migrations::generator {

struct feature_use {
  const sqlite_feature* feature;
  std::size_t offset;  // into the migration's text
  // SQLite reported it for a statement whose text does not hold it: a trigger
  // it fires, a view or column default it uses. `offset` is the statement's.
  bool indirect = false;
};

class feature_detector {
 public:
  // Fed every authorizer call made while a statement of the migration is
  // prepared (the replay's one authorizer forwards them).
  void on_authorize(int action, const char* arg1, const char* arg2);
  // Called once the statement compiled: `statement` is its text, starting at
  // `offset` in the migration; `writes_and_returns_rows` is
  // !sqlite3_stmt_readonly && sqlite3_column_count > 0.
  void on_statement(std::string_view statement, std::size_t offset, bool writes_and_returns_rows);

  // What was found since the last take: the first use of each feature, by
  // offset, and the virtual-table modules (lower case, sorted, unique).
  std::vector<feature_use> take_uses();
  std::vector<std::string> take_modules();

 private:
  void add(const sqlite_feature* feature, std::size_t offset, bool indirect = false);
  void add_calls_by_name(const std::vector<sql_token>& tokens, std::size_t from, std::size_t to, std::size_t offset);

  std::vector<std::pair<const sqlite_feature*, std::string>> reported_;  // by the authorizer, this statement
  std::vector<feature_use> uses_;
  std::vector<std::string> modules_;
  std::vector<sql_token> tokens_;  // the statement's, kept to reuse the storage
};

}  // namespace embedded_migrations::generator
