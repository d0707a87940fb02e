#include "migration_content.hpp"

#include "source_text.hpp"

#include "detail/sql_text.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <cctype>

namespace embedded_migrations::generator {
namespace {

std::string_view trim_right(std::string_view text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// "--no-transaction", "-- NO_TRANSACTION" ... : close enough to be a typo of the directive.
bool resembles_directive(std::string_view line) {
  if (line.substr(0, 2) != "--") return false;
  std::string letters;
  for (const char c : line.substr(2)) {
    if (std::isalpha(static_cast<unsigned char>(c))) letters.push_back(static_cast<char>(std::tolower(c)));
  }
  return letters == "notransaction";
}

void check_directive(migration_content& content) {
  std::size_t line_start = 0;
  bool first_line = true;
  while (line_start <= content.sql.size()) {
    const auto line_end = std::min(content.sql.find('\n', line_start), content.sql.size());
    const auto line = trim_right(std::string_view(content.sql).substr(line_start, line_end - line_start));
    if (line == no_transaction_directive) {
      if (first_line) {
        content.transactional = false;
      } else {
        content.problems.push_back({line_start, fmt::format("'{}' only takes effect on the first line of the file; "
                                                            "move it there",
                                                            no_transaction_directive)});
      }
    } else if (resembles_directive(line)) {
      content.problems.push_back({line_start, fmt::format("unrecognized directive '{}'; did you mean '{}'?", line,
                                                          no_transaction_directive)});
    }
    if (line_end == content.sql.size()) break;
    line_start = line_end + 1;
    first_line = false;
  }
}

}  // namespace

migration_content check_content(std::string_view raw) {
  migration_content content;
  if (raw.substr(0, 2) == "\xFF\xFE" || raw.substr(0, 2) == "\xFE\xFF") {
    content.problems.push_back({0, "the file is UTF-16 encoded; save it as UTF-8"});
    return content;
  }
  content.sql = normalize_source(raw);
  const std::string_view sql = content.sql;

  if (const auto nul = sql.find('\0'); nul != std::string_view::npos) {
    content.problems.push_back({nul, "the file contains a NUL byte, which SQL text cannot hold; remove it"});
    return content;
  }
  if (const auto bad = find_invalid_utf8(sql)) {
    content.problems.push_back(
        {*bad, fmt::format("invalid UTF-8 (byte 0x{:02x}); save the file as UTF-8",
                           static_cast<unsigned char>(sql[*bad]))});
    return content;
  }
  if (!detail::has_statement(sql)) {
    content.problems.push_back({0, "the file contains no SQL statement; add one or delete the file"});
    return content;
  }
  if (!sqlite3_complete(content.sql.c_str())) {
    content.problems.push_back(
        {detail::end_of_last_token(sql),
         "the last statement is not terminated; end it with ';' (and a CREATE TRIGGER body with 'END;')"});
  }
  check_directive(content);
  return content;
}

}  // namespace embedded_migrations::generator
