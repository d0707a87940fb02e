// Fuzzes the feature table's token fallback (checks/sql_tokens.hpp,
// checks/syntax_rules.hpp, checks/feature_detector.hpp), the one place the
// build reads SQL without SQLite: tokens tile the text in order, rules point at
// tokens, and nothing inside a string literal or a comment is ever a word.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "checks/feature_detector.hpp"
#include "checks/sql_tokens.hpp"
#include "checks/syntax_rules.hpp"

using namespace embedded_migrations::generator;

namespace {

void require(bool condition) {
  if (!condition) __builtin_trap();
}

void check_tokens(std::string_view sql, const std::vector<sql_token>& tokens) {
  std::size_t end = 0;
  for (const auto& token : tokens) {
    require(!token.text.empty());
    require(token.offset >= end);
    require(token.offset + token.text.size() <= sql.size());
    require(sql.substr(token.offset, token.text.size()) == token.text);
    end = token.offset + token.text.size();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string sql(reinterpret_cast<const char*>(data), size);
  const auto tokens = tokenize(sql);
  check_tokens(sql, tokens);
  for (const bool returns_rows : {false, true}) {
    for (const auto& match : match_syntax_rules(tokens, returns_rows)) {
      bool at_token = false;
      for (const auto& token : tokens) at_token = at_token || token.offset == match.offset;
      require(at_token);
    }
  }
  feature_detector detector;
  detector.on_statement(sql, 0, size % 2 == 1);
  for (const auto& use : detector.take_uses()) require(use.offset < size);

  // The same bytes as a string literal, and as a comment, hold no word at all.
  std::string literal = "'";
  for (const char c : sql) literal += c == '\'' ? std::string("''") : std::string(1, c);
  literal += "'";
  const auto quoted = tokenize(literal);
  require(quoted.size() == 1 && quoted[0].type == sql_token::kind::string);
  if (sql.find('\n') == std::string::npos) require(tokenize("-- " + sql).empty());
  if (sql.find("*/") == std::string::npos) {
    require(tokenize("/*" + sql + "*/").empty());
    detector.on_statement("/*" + sql + "*/", 0, false);
    require(detector.take_uses().empty());
  }
  return 0;
}
