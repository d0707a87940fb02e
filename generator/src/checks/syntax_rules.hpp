// The token rules of the feature table: syntax SQLite's authorizer reports no
// action for (ALTER TABLE is one action whatever it alters; clauses such as
// NULLS FIRST or RETURNING are never reported).
#pragma once

#include <cstddef>
#include <vector>

#include "checks/sql_tokens.hpp"
#include "checks/sqlite_features.hpp"

namespace embedded_migrations::generator {

struct rule_match {
  syntax_rule rule;
  std::size_t offset;  // of the token that shows it, in the text tokenized
};

// Every rule the statement's tokens match, each once, at its first match.
// `writes_and_returns_rows` is what SQLite says of the compiled statement
// (sqlite3_stmt_readonly and sqlite3_column_count): only RETURNING makes an
// INSERT, UPDATE or DELETE return rows, so RETURNING is decided by SQLite and
// the tokens only place it. A statement may be a trigger holding several
// statements; rules that belong to one statement restart at each ';'.
std::vector<rule_match> match_syntax_rules(const std::vector<sql_token>& tokens, bool writes_and_returns_rows);

}  // namespace embedded_migrations::generator
