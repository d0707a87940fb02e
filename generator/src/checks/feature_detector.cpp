#include "checks/feature_detector.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cctype>

#include "checks/sql_tokens.hpp"
#include "checks/syntax_rules.hpp"

namespace embedded_migrations::generator {
namespace {

// Where in the statement the authorizer's report is: the name as a word
// followed by "(" for a function, the operator itself for -> and ->>, the word
// for a table-valued function or pragma; npos when the use is elsewhere (a
// trigger the statement fires).
std::size_t locate(const std::vector<sql_token>& tokens, const sqlite_feature& feature, std::string_view name) {
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const auto& token = tokens[i];
    if (token.type == sql_token::kind::punctuation && token.text == name) return token.offset;
    if (token.type != sql_token::kind::word || !names_contain(name, token.text)) continue;
    const bool call = i + 1 < tokens.size() && is_punctuation(tokens[i + 1], "(");
    if (call || feature.detected_by != detection::function) return token.offset;
  }
  return std::string_view::npos;
}

// CREATE [TEMP] VIEW and CREATE [TEMP] TRIGGER store their SQL unresolved:
// SQLite reports the functions in them only when a later statement uses the
// view or fires the trigger, which a migration need not do. Their bodies are
// matched by name instead: a word followed by "(" that does not name a table
// (INSERT INTO t(...), REFERENCES t(...), ON t(...)) or a qualified column.
bool stores_unresolved_sql(const std::vector<sql_token>& tokens) {
  std::size_t i = 1;
  if (tokens.empty() || !is_word(tokens[0], "CREATE")) return false;
  if (i < tokens.size() && (is_word(tokens[i], "TEMP") || is_word(tokens[i], "TEMPORARY"))) ++i;
  return i < tokens.size() && (is_word(tokens[i], "VIEW") || is_word(tokens[i], "TRIGGER"));
}

bool names_a_table(const sql_token& before) {
  for (std::string_view keyword : {"INTO", "TABLE", "ON", "REFERENCES", "VIEW", "TRIGGER", "INDEX", "UPDATE"}) {
    if (is_word(before, keyword)) return true;
  }
  return is_punctuation(before, ".");
}

}  // namespace

void feature_detector::on_authorize(int action, const char* arg1, const char* arg2) {
  if (action == SQLITE_CREATE_VTABLE && arg2) {
    std::string module(arg2);
    for (auto& c : module) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (std::find(modules_.begin(), modules_.end(), module) == modules_.end()) modules_.push_back(std::move(module));
    return;
  }
  const char* name = action == SQLITE_FUNCTION ? arg2 : arg1;
  if (!name) return;
  if (const auto* feature = feature_for_action(action, name)) {
    const bool known =
        std::any_of(reported_.begin(), reported_.end(), [&](const auto& r) { return r.first == feature; });
    if (!known) reported_.emplace_back(feature, name);
  }
}

void feature_detector::on_statement(std::string_view statement, std::size_t offset, bool writes_and_returns_rows) {
  tokenize(statement, tokens_);
  const auto& tokens = tokens_;
  for (const auto& [feature, name] : reported_) {
    const auto at = locate(tokens, *feature, name);
    if (at != std::string_view::npos) {
      add(feature, offset + at);
    } else {
      add(feature, offset + (tokens.empty() ? 0 : tokens.front().offset), true);
    }
  }
  reported_.clear();
  for (const auto& match : match_syntax_rules(tokens, writes_and_returns_rows)) {
    if (const auto* feature = feature_for_rule(match.rule)) add(feature, offset + match.offset);
  }
  if (stores_unresolved_sql(tokens)) {
    add_calls_by_name(tokens, 1, tokens.size(), offset);
    return;
  }
  // A column's DEFAULT expression is not reported to the authorizer either
  // (until SQLite 3.54), neither when declared nor when a row takes it.
  for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
    if (!is_word(tokens[i], "DEFAULT") || !is_punctuation(tokens[i + 1], "(")) continue;
    std::size_t end = i + 1;
    for (int depth = 0; end < tokens.size(); ++end) {
      if (is_punctuation(tokens[end], "(")) ++depth;
      if (is_punctuation(tokens[end], ")") && --depth == 0) break;
    }
    add_calls_by_name(tokens, i + 2, end, offset);
  }
}

void feature_detector::add_calls_by_name(const std::vector<sql_token>& tokens, std::size_t from, std::size_t to,
                                         std::size_t offset) {
  for (std::size_t i = std::max<std::size_t>(from, 1); i < to && i < tokens.size(); ++i) {
    const auto& token = tokens[i];
    const sqlite_feature* feature = nullptr;
    if (token.type == sql_token::kind::punctuation) {
      feature = feature_for_action(SQLITE_FUNCTION, token.text);
    } else if (token.type == sql_token::kind::word && i + 1 < tokens.size() && is_punctuation(tokens[i + 1], "(") &&
               !names_a_table(tokens[i - 1])) {
      feature = feature_for_action(SQLITE_FUNCTION, token.text);
      if (!feature) feature = feature_for_action(SQLITE_READ, token.text);
    }
    if (feature) add(feature, offset + token.offset);
  }
}

void feature_detector::add(const sqlite_feature* feature, std::size_t offset, bool indirect) {
  for (auto& use : uses_) {
    if (use.feature != feature) continue;
    // A use the text shows beats one through a trigger; then the first.
    if (std::make_pair(indirect, offset) < std::make_pair(use.indirect, use.offset)) {
      use.offset = offset;
      use.indirect = indirect;
    }
    return;
  }
  uses_.push_back({feature, offset, indirect});
}

std::vector<feature_use> feature_detector::take_uses() {
  auto uses = std::move(uses_);
  uses_.clear();
  reported_.clear();
  std::sort(uses.begin(), uses.end(), [](const feature_use& a, const feature_use& b) {
    return a.offset != b.offset ? a.offset < b.offset : a.feature < b.feature;
  });
  return uses;
}

std::vector<std::string> feature_detector::take_modules() {
  auto modules = std::move(modules_);
  modules_.clear();
  std::sort(modules.begin(), modules.end());
  return modules;
}

}  // namespace embedded_migrations::generator
