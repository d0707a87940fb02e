#include "checks/sql_tokens.hpp"

#include <sqlite3.h>

namespace embedded_migrations::generator {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
// SQLite's identifier characters: letters, digits, '_', '$' and every byte of
// a UTF-8 sequence (tokenize.c, IdChar).
bool is_word_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u >= 0x80 || is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
}

// Offset just past a quoted run opened at `from` and closed by `close`, where
// a doubled `close` is the character itself ('it''s').
std::size_t skip_quoted(std::string_view sql, std::size_t from, char close) {
  std::size_t i = from + 1;
  while (i < sql.size()) {
    if (sql[i] == close) {
      if (close != ']' && i + 1 < sql.size() && sql[i + 1] == close) {
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

std::vector<sql_token> tokenize(std::string_view sql) {
  std::vector<sql_token> tokens;
  tokenize(sql, tokens);
  return tokens;
}

void tokenize(std::string_view sql, std::vector<sql_token>& tokens) {
  tokens.clear();
  std::size_t i = 0;
  const auto push = [&](sql_token::kind type, std::size_t begin, std::size_t end) {
    tokens.push_back({type, begin, sql.substr(begin, end - begin)});
    i = end;
  };
  while (i < sql.size()) {
    const char c = sql[i];
    const char next = i + 1 < sql.size() ? sql[i + 1] : '\0';
    if (is_space(c)) {
      ++i;
    } else if (c == '-' && next == '-') {
      const auto newline = sql.find('\n', i);
      i = newline == std::string_view::npos ? sql.size() : newline + 1;
    } else if (c == '/' && next == '*') {
      const auto close = sql.find("*/", i + 2);
      i = close == std::string_view::npos ? sql.size() : close + 2;
    } else if (c == '\'') {
      push(sql_token::kind::string, i, skip_quoted(sql, i, '\''));
    } else if ((c == 'x' || c == 'X') && next == '\'') {
      push(sql_token::kind::string, i, skip_quoted(sql, i + 1, '\''));
    } else if (c == '"' || c == '`') {
      push(sql_token::kind::quoted, i, skip_quoted(sql, i, c));
    } else if (c == '[') {
      push(sql_token::kind::quoted, i, skip_quoted(sql, i, ']'));
    } else if (is_digit(c) || (c == '.' && is_digit(next))) {
      std::size_t end = i + 1;
      // Digits, hex digits, '.', exponents with their sign, and '_' separators.
      while (end < sql.size() &&
             (is_word_char(sql[end]) || sql[end] == '.' ||
              ((sql[end] == '+' || sql[end] == '-') && (sql[end - 1] == 'e' || sql[end - 1] == 'E')))) {
        ++end;
      }
      push(sql_token::kind::number, i, end);
    } else if (c == '?' || c == ':' || c == '@' || (c == '$' && !is_digit(next))) {
      std::size_t end = i + 1;
      while (end < sql.size() && is_word_char(sql[end])) ++end;
      push(sql_token::kind::variable, i, end);
    } else if (is_word_char(c)) {
      std::size_t end = i + 1;
      while (end < sql.size() && is_word_char(sql[end])) ++end;
      push(sql_token::kind::word, i, end);
    } else {
      std::size_t length = 1;
      for (std::string_view op : {"->>", "->", "||", "<=", ">=", "==", "!=", "<>", "<<", ">>"}) {
        if (sql.substr(i, op.size()) == op) {
          length = op.size();
          break;
        }
      }
      push(sql_token::kind::punctuation, i, i + length);
    }
  }
}

bool is_word(const sql_token& token, std::string_view keyword) {
  return token.type == sql_token::kind::word && token.text.size() == keyword.size() &&
         sqlite3_strnicmp(token.text.data(), keyword.data(), static_cast<int>(keyword.size())) == 0;
}

bool is_punctuation(const sql_token& token, std::string_view text) {
  return token.type == sql_token::kind::punctuation && token.text == text;
}

}  // namespace embedded_migrations::generator
