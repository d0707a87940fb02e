#include "checks/sqlite_feature_check.hpp"

#include <sqlite3.h>

namespace embedded_migrations::generator {

void sqlite_feature_check::before(std::size_t index, const loaded_migration& migration) {
  if (features_.size() <= index) features_.resize(index + 1);
  sql_begin_ = migration.sql.data();
  altering_ = false;
  detector_.take_uses();
  detector_.take_modules();
}

void sqlite_feature_check::on_authorize(int action, const char* arg1, const char* arg2) {
  if (action == SQLITE_ALTER_TABLE) altering_ = true;
  detector_.on_authorize(action, arg1, arg2);
}

void sqlite_feature_check::on_statement(sqlite3_stmt* statement, std::string_view text) {
  // An ALTER TABLE ... ADD COLUMN that SQLite checks against existing rows
  // (NOT NULL without a default, a CHECK, a STRICT table) compiles a SELECT
  // of its own and so reports result columns (SQLite 3.40 sets no
  // colNamesSet there): it writes and "returns rows" without any RETURNING.
  const bool altering = altering_;
  altering_ = false;
  const bool writes_and_returns_rows =
      !altering && !sqlite3_stmt_readonly(statement) && sqlite3_column_count(statement) > 0;
  detector_.on_statement(text, static_cast<std::size_t>(text.data() - sql_begin_), writes_and_returns_rows);
}

void sqlite_feature_check::after(std::size_t index, const loaded_migration&) {
  features_[index].uses = detector_.take_uses();
  features_[index].modules = detector_.take_modules();
}

}  // namespace embedded_migrations::generator
