#include "checks/syntax_rules.hpp"

#include <algorithm>
#include <string_view>

namespace embedded_migrations::generator {
namespace {

class matcher {
 public:
  explicit matcher(const std::vector<sql_token>& tokens) : t_(tokens) {}

  bool word(std::size_t i, std::string_view keyword) const { return i < t_.size() && is_word(t_[i], keyword); }
  bool punct(std::size_t i, std::string_view text) const { return i < t_.size() && is_punctuation(t_[i], text); }
  bool name(std::size_t i) const {
    return i < t_.size() && (t_[i].type == sql_token::kind::word || t_[i].type == sql_token::kind::quoted);
  }
  std::size_t offset(std::size_t i) const { return i < t_.size() ? t_[i].offset : (t_.empty() ? 0 : t_[0].offset); }
  std::size_t size() const { return t_.size(); }

  void add(syntax_rule rule, std::size_t i) {
    const bool known = std::any_of(found_.begin(), found_.end(), [&](const rule_match& m) { return m.rule == rule; });
    if (!known) found_.push_back({rule, offset(i)});
  }
  std::vector<rule_match> take() { return std::move(found_); }

  // The index past "[schema .] name" starting at i.
  std::size_t past_qualified_name(std::size_t i) const { return punct(i + 1, ".") ? i + 3 : i + 1; }

 private:
  const std::vector<sql_token>& t_;
  std::vector<rule_match> found_;
};

// ALTER TABLE [schema.]t DROP [COLUMN] c | RENAME [COLUMN] a TO b | ADD [COLUMN] c ... AS (...).
// The grammar is fixed up to the verb, so the verb's position is exact.
void match_alter_table(matcher& m) {
  if (!m.word(0, "ALTER") || !m.word(1, "TABLE")) return;
  const std::size_t verb = m.past_qualified_name(2);
  if (m.word(verb, "DROP")) m.add(syntax_rule::drop_column, verb);
  // RENAME TO renames the table, which every version does.
  if (m.word(verb, "RENAME") && !m.word(verb + 1, "TO")) m.add(syntax_rule::rename_column, verb);
  if (!m.word(verb, "ADD")) return;
  for (std::size_t i = verb + 1; i < m.size(); ++i) {
    if ((m.word(i, "AS") && m.punct(i + 1, "(")) || (m.word(i, "GENERATED") && m.word(i + 1, "ALWAYS"))) {
      m.add(syntax_rule::generated_column, i);
    }
  }
}

// CREATE [TEMP] TABLE [IF NOT EXISTS] [schema.]t ( columns ) [options]: a
// column "AS (" at the column list's own level is a generated column (CAST's
// AS is followed by a type name, never "("), and STRICT is a table option
// after the list. CREATE TABLE ... AS SELECT has no column list.
void match_create_table(matcher& m) {
  std::size_t i = 1;
  if (!m.word(0, "CREATE")) return;
  if (m.word(i, "TEMP") || m.word(i, "TEMPORARY")) ++i;
  if (!m.word(i, "TABLE")) return;
  ++i;
  if (m.word(i, "IF")) i += 3;
  i = m.past_qualified_name(i);
  if (!m.punct(i, "(")) return;
  int depth = 0;
  for (; i < m.size(); ++i) {
    if (m.punct(i, "(")) ++depth;
    if (m.punct(i, ")")) --depth;
    if (depth == 1 &&
        ((m.word(i, "AS") && m.punct(i + 1, "(")) || (m.word(i, "GENERATED") && m.word(i + 1, "ALWAYS")))) {
      m.add(syntax_rule::generated_column, i);
    }
    if (depth == 0 && m.word(i, "STRICT")) m.add(syntax_rule::strict_table, i);
  }
}

}  // namespace

std::vector<rule_match> match_syntax_rules(const std::vector<sql_token>& tokens, bool writes_and_returns_rows) {
  matcher m(tokens);
  match_alter_table(m);
  match_create_table(m);

  int depth = 0;
  int set_depth = -1;               // depth of this statement's SET, -1 before one
  std::size_t conflict = m.size();  // index of this statement's ON CONFLICT, if any
  std::size_t returning = m.size();
  for (std::size_t i = 0; i < m.size(); ++i) {
    if (m.punct(i, ";")) {  // the next statement of a trigger body
      set_depth = -1;
      conflict = m.size();
      continue;
    }
    if (m.punct(i, "(")) ++depth;
    if (m.punct(i, ")")) --depth;
    if (m.word(i, "ON") && m.word(i + 1, "CONFLICT")) conflict = i;
    // The upsert's DO; a column constraint's ON CONFLICT REPLACE has none.
    if (conflict < m.size() && m.word(i, "DO") && (m.word(i + 1, "NOTHING") || m.word(i + 1, "UPDATE"))) {
      m.add(syntax_rule::upsert, conflict);
    }
    if ((m.punct(i, ")") && m.word(i + 1, "OVER"))) m.add(syntax_rule::window_over, i + 1);
    if (m.word(i, "WINDOW") && m.name(i + 1) && m.word(i + 2, "AS")) m.add(syntax_rule::window_over, i);
    if (m.word(i, "NULLS") && (m.word(i + 1, "FIRST") || m.word(i + 1, "LAST"))) m.add(syntax_rule::nulls_order, i);
    if (m.punct(i, ")") && m.word(i + 1, "FILTER") && m.punct(i + 2, "(")) m.add(syntax_rule::aggregate_filter, i + 1);
    if (m.word(i, "SET") && set_depth < 0) set_depth = depth;
    if (m.word(i, "FROM") && depth == set_depth && !m.word(i - 1, "DISTINCT")) m.add(syntax_rule::update_from, i);
    if (m.word(i, "AS") && m.word(i + 1, "MATERIALIZED") && m.punct(i + 2, "(")) {
      m.add(syntax_rule::materialized_hint, i + 1);
    }
    if (m.word(i, "AS") && m.word(i + 1, "NOT") && m.word(i + 2, "MATERIALIZED") && m.punct(i + 3, "(")) {
      m.add(syntax_rule::materialized_hint, i + 1);
    }
    if (m.word(i, "IS") && (m.word(i + 1, "DISTINCT") || (m.word(i + 1, "NOT") && m.word(i + 2, "DISTINCT")))) {
      m.add(syntax_rule::distinct_from, i);
    }
    if ((m.word(i, "RIGHT") || m.word(i, "FULL")) &&
        (m.word(i + 1, "JOIN") || (m.word(i + 1, "OUTER") && m.word(i + 2, "JOIN")))) {
      m.add(syntax_rule::right_full_join, i);
    }
    if (depth == 0 && m.word(i, "RETURNING")) returning = i;
  }
  // A column named "returning" is an identifier; only SQLite knows which it
  // was, and it says so by the statement returning rows. A PRAGMA that sets a
  // value may return one too (journal_mode), without RETURNING.
  if (writes_and_returns_rows && m.size() > 0 && !m.word(0, "PRAGMA")) m.add(syntax_rule::returning, returning);
  auto found = m.take();
  std::sort(found.begin(), found.end(), [](const rule_match& a, const rule_match& b) { return a.offset < b.offset; });
  return found;
}

}  // namespace embedded_migrations::generator
