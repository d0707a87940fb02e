#include "sql_text.hpp"

#include <algorithm>

namespace embedded_migrations::detail {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// If a comment starts at `at`, returns the offset just past it; otherwise `at`.
// An unterminated "/*" runs to the end, as SQLite's tokenizer treats it.
std::size_t skip_comment(std::string_view sql, std::size_t at) {
  if (sql.compare(at, 2, "--") == 0) {
    const auto newline = sql.find('\n', at + 2);
    return newline == std::string_view::npos ? sql.size() : newline + 1;
  }
  if (sql.compare(at, 2, "/*") == 0) {
    const auto close = sql.find("*/", at + 2);
    return close == std::string_view::npos ? sql.size() : close + 2;
  }
  return at;
}

// Offset just past a quoted token starting at `at`: 'string', "identifier",
// `identifier` (doubled quote escapes itself) or [identifier].
std::size_t skip_quoted(std::string_view sql, std::size_t at) {
  const char open = sql[at];
  const char close = open == '[' ? ']' : open;
  std::size_t i = at + 1;
  while (i < sql.size()) {
    if (sql[i] == close) {
      if (open != '[' && i + 1 < sql.size() && sql[i + 1] == close) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    ++i;
  }
  return sql.size();
}

}  // namespace

std::size_t skip_space_and_comments(std::string_view sql, std::size_t from) {
  std::size_t i = from;
  while (i < sql.size()) {
    if (is_space(sql[i])) {
      ++i;
      continue;
    }
    const std::size_t after = skip_comment(sql, i);
    if (after == i) break;
    i = after;
  }
  return std::min(i, sql.size());
}

bool has_statement(std::string_view sql) {
  std::size_t i = skip_space_and_comments(sql);
  while (i < sql.size() && sql[i] == ';') i = skip_space_and_comments(sql, i + 1);
  return i < sql.size();
}

namespace {

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

// Calls visit(offset, end) for each token (words, quoted tokens, single
// punctuation characters) until it returns true; returns whether it did.
template <typename Visitor>
bool for_each_token(std::string_view sql, Visitor visit) {
  std::size_t i = skip_space_and_comments(sql);
  while (i < sql.size()) {
    const char c = sql[i];
    std::size_t end = i + 1;
    if (c == '\'' || c == '"' || c == '`' || c == '[') {
      end = skip_quoted(sql, i);
    } else if (is_word_char(c)) {
      while (end < sql.size() && is_word_char(sql[end])) ++end;
    }
    if (visit(i, end)) return true;
    i = skip_space_and_comments(sql, end);
  }
  return false;
}

}  // namespace

bool is_keyword(std::string_view token, std::string_view keyword) {
  if (token.size() != keyword.size()) return false;
  for (std::size_t i = 0; i < token.size(); ++i) {
    const char c = token[i] >= 'a' && token[i] <= 'z' ? static_cast<char>(token[i] - 'a' + 'A') : token[i];
    if (c != keyword[i]) return false;
  }
  return true;
}

std::string_view first_token(std::string_view statement) {
  std::string_view token;
  for_each_token(statement, [&](std::size_t begin, std::size_t end) {
    token = statement.substr(begin, end - begin);
    return true;
  });
  return token;
}

bool contains_keyword(std::string_view statement, std::string_view keyword) {
  return for_each_token(statement, [&](std::size_t begin, std::size_t end) {
    return is_keyword(statement.substr(begin, end - begin), keyword);
  });
}

std::size_t end_of_last_token(std::string_view sql) {
  std::size_t last_end = 0;
  for_each_token(sql, [&](std::size_t, std::size_t end) {
    last_end = end;
    return false;
  });
  return last_end;
}

text_position position_of(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  const std::string_view before = text.substr(0, offset);
  const auto line = 1 + std::count(before.begin(), before.end(), '\n');
  const auto line_start = before.rfind('\n');
  const std::size_t column = line_start == std::string_view::npos ? offset + 1 : offset - line_start;
  return {static_cast<int>(line), static_cast<int>(column)};
}

}  // namespace embedded_migrations::detail
