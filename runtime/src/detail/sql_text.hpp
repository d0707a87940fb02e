// Lexical helpers over SQLite's SQL text: comments, whitespace, positions.
#pragma once

#include <cstddef>
#include <string_view>

namespace embedded_migrations::detail {

// Offset of the first byte at or after `from` that is neither whitespace nor
// part of a "--" or "/* */" comment; sql.size() when there is none.
std::size_t skip_space_and_comments(std::string_view sql, std::size_t from = 0);

// True when the text holds at least one token other than ';' (comments,
// whitespace and empty statements alone are not a statement).
bool has_statement(std::string_view sql);

// Offset just past the last byte that is not whitespace or comment, honouring
// string literals and quoted identifiers; 0 when there is none.
std::size_t end_of_last_token(std::string_view sql);

// The statement's first token (a word, a quoted token or one punctuation
// character), or an empty view. Allocates nothing: it runs for every statement.
std::string_view first_token(std::string_view statement);

// True when `token` is `keyword` (given in upper case) in any letter case.
bool is_keyword(std::string_view token, std::string_view keyword);

// True when the statement holds `keyword` (upper case) as a token outside
// strings, quoted identifiers and comments, in any letter case.
bool contains_keyword(std::string_view statement, std::string_view keyword);

struct text_position {
  int line;    // 1-based
  int column;  // 1-based, in bytes
};

text_position position_of(std::string_view text, std::size_t offset);

}  // namespace embedded_migrations::detail
