#include "schema_text.hpp"

#include <sqlite3.h>

#include <cctype>
#include <vector>

namespace embedded_migrations::detail::schema {
namespace {

constexpr std::string_view version_prefix = "-- version: ";
constexpr std::string_view requires_prefix = "-- requires: SQLite ";

bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

bool is_word_char(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return std::isalnum(byte) || c == '_' || c == '$' || byte >= 0x80;
}

// Reads SQL tokens the way SQLite's tokenizer splits names: words, quoted
// identifiers ("", ``, [], and '' which SQLite accepts as a name) and single
// characters, skipping whitespace and comments.
class tokens {
 public:
  explicit tokens(std::string_view sql) : sql_(sql) {}

  // The next token, unquoted; nullopt at the end or at an unterminated quote.
  std::optional<std::string> next() {
    skip_space();
    if (at_ >= sql_.size()) return std::nullopt;
    const char c = sql_[at_];
    if (c == '"' || c == '`' || c == '\'' || c == '[') {
      const char close = c == '[' ? ']' : c;
      std::string name;
      for (std::size_t i = at_ + 1; i < sql_.size(); ++i) {
        if (sql_[i] != close) {
          name += sql_[i];
        } else if (close != ']' && i + 1 < sql_.size() && sql_[i + 1] == close) {
          name += close;  // a doubled quote stands for itself
          ++i;
        } else {
          at_ = i + 1;
          return name;
        }
      }
      return std::nullopt;
    }
    if (!is_word_char(c)) return std::string(1, sql_[at_++]);
    const auto start = at_;
    while (at_ < sql_.size() && is_word_char(sql_[at_])) ++at_;
    return std::string(sql_.substr(start, at_ - start));
  }

 private:
  void skip_space() {
    while (at_ < sql_.size()) {
      if (std::isspace(static_cast<unsigned char>(sql_[at_]))) {
        ++at_;
      } else if (sql_.substr(at_, 2) == "--") {
        const auto end = sql_.find('\n', at_);
        at_ = end == std::string_view::npos ? sql_.size() : end + 1;
      } else if (sql_.substr(at_, 2) == "/*") {
        const auto end = sql_.find("*/", at_ + 2);
        at_ = end == std::string_view::npos ? sql_.size() : end + 2;
      } else {
        return;
      }
    }
  }

  std::string_view sql_;
  std::size_t at_ = 0;
};

bool keyword(const std::optional<std::string>& token, std::string_view word) {
  if (!token || token->size() != word.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>((*token)[i])) != word[i]) return false;
  }
  return true;
}

}  // namespace

std::optional<defined_object> object_defined_by(std::string_view sql) {
  tokens t(sql);
  if (!keyword(t.next(), "CREATE")) return std::nullopt;
  auto token = t.next();
  if (keyword(token, "TEMP") || keyword(token, "TEMPORARY") || keyword(token, "UNIQUE") || keyword(token, "VIRTUAL")) {
    token = t.next();
  }
  defined_object object;
  for (const char* type : {"TABLE", "INDEX", "VIEW", "TRIGGER"}) {
    if (keyword(token, type)) {
      object.type = type;
      for (auto& c : object.type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  if (object.type.empty()) return std::nullopt;
  auto name = t.next();
  if (keyword(name, "IF")) {
    if (!keyword(t.next(), "NOT") || !keyword(t.next(), "EXISTS")) return std::nullopt;
    name = t.next();
  }
  if (!name) return std::nullopt;
  // schema.name: the name is the part after the dot.
  tokens lookahead = t;
  if (lookahead.next() == std::optional<std::string>(".")) {
    t = lookahead;
    name = t.next();
    if (!name) return std::nullopt;
  }
  object.name = *name;
  return object;
}

std::string to_text(const canonical_schema& schema, const text_header& header) {
  std::string text(text_banner);
  text += '\n';
  text += std::string(version_prefix) + (header.version ? std::to_string(*header.version) : "none") + '\n';
  if (header.sqlite_requirement) text += std::string(requires_prefix) + *header.sqlite_requirement + '\n';
  for (const auto& object : schema.objects) {
    text += '\n';
    text += object.sql;
    text += ";\n";
  }
  return text;
}

std::variant<parsed_text, std::string> parse_text(std::string_view text) {
  std::vector<std::string_view> lines;
  for (std::size_t start = 0; start < text.size();) {
    const auto end = text.find('\n', start);
    lines.push_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    start = end == std::string_view::npos ? text.size() : end + 1;
  }
  const auto at_line = [](std::size_t i, const std::string& what) {
    return "line " + std::to_string(i + 1) + ": " + what;
  };
  parsed_text parsed;
  std::size_t i = 0;
  if (lines.empty() || lines[0] != text_banner) return std::string("line 1: not a schema snapshot (no banner)");
  for (; i < lines.size() && starts_with(lines[i], "--"); ++i) {
    if (starts_with(lines[i], version_prefix)) {
      const auto value = std::string(lines[i].substr(version_prefix.size()));
      if (value != "none") {
        try {
          std::size_t used = 0;
          parsed.header.version = std::stoll(value, &used);
          if (used != value.size()) return at_line(i, "malformed version '" + value + "'");
        } catch (const std::exception&) {
          return at_line(i, "malformed version '" + value + "'");
        }
      }
    } else if (starts_with(lines[i], requires_prefix)) {
      parsed.header.sqlite_requirement = std::string(lines[i].substr(requires_prefix.size()));
    }
  }
  std::string current;
  std::size_t first_line = i;
  for (; i < lines.size(); ++i) {
    if (current.empty() && lines[i].empty()) {
      first_line = i + 1;
      continue;
    }
    current += lines[i];
    current += '\n';
    // An object ends at a line ending in ';' that completes a statement and
    // is followed by a blank line or the end: SQL text may itself hold blank
    // lines and semicolons (trigger bodies, string literals).
    const bool last = i + 1 == lines.size() || lines[i + 1].empty();
    if (last && !lines[i].empty() && lines[i].back() == ';' && sqlite3_complete(current.c_str())) {
      current.resize(current.size() - 2);  // the ";\n" to_text() added
      auto object = object_defined_by(current);
      if (!object) return at_line(first_line, "not a CREATE TABLE, INDEX, VIEW or TRIGGER statement");
      parsed.schema.objects.push_back({object->type, object->name, {}, current, 0, {}, {}, {}});
      current.clear();
    }
  }
  if (!current.empty()) return at_line(first_line, "statement not terminated by ';' and a blank line");
  return parsed;
}

}  // namespace embedded_migrations::detail::schema
