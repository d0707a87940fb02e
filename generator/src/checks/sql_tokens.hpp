// A small SQL tokenizer for the feature rules SQLite's authorizer cannot
// answer: it tells words apart from strings, quoted identifiers and comments,
// and gives each token's offset for file:line:col.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace embedded_migrations::generator {

struct sql_token {
  enum class kind {
    word,    // an unquoted keyword or identifier: the only kind a rule matches as a keyword
    quoted,  // "identifier", `identifier` or [identifier]: never a keyword
    string,  // 'text' and blob literals X'..'
    number,
    variable,    // ?, ?1, :name, @name, $name
    punctuation  // ( ) , ; . and operators, longest match first: ->> -> || <= >= == != <> << >>
  };
  kind type;
  std::size_t offset;  // into the text tokenized
  std::string_view text;
};

// Every token of `sql`, in order; comments and whitespace are skipped. Never
// fails: an unterminated string, identifier or comment runs to the end.
std::vector<sql_token> tokenize(std::string_view sql);
// The same into `out` (cleared first), reusing its storage: the replay
// tokenizes every statement of every migration.
void tokenize(std::string_view sql, std::vector<sql_token>& out);

// True when the token is the unquoted word `keyword` (upper case) in any case.
bool is_word(const sql_token& token, std::string_view keyword);

// True when the token is the punctuation `text`.
bool is_punctuation(const sql_token& token, std::string_view text);

}  // namespace embedded_migrations::generator
