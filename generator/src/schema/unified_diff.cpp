#include "unified_diff.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <vector>

namespace embedded_migrations::generator {
namespace {

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines;
  for (std::size_t start = 0; start < text.size();) {
    const auto end = text.find('\n', start);
    if (end == std::string_view::npos) {
      lines.push_back(text.substr(start));
      break;
    }
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

struct edit {
  char op;  // ' ', '-' or '+'
  std::string_view line;
};

// The edit script of a and b's changed middle, [a_begin, a_end) and [b_begin, b_end).
void diff_middle(const std::vector<std::string_view>& a, std::size_t a_begin, std::size_t a_end,
                 const std::vector<std::string_view>& b, std::size_t b_begin, std::size_t b_end,
                 std::vector<edit>& out) {
  const std::size_t n = a_end - a_begin;
  const std::size_t m = b_end - b_begin;
  if (n == 0 || m == 0 || n * m > max_diff_cells) {
    for (std::size_t i = a_begin; i < a_end; ++i) out.push_back({'-', a[i]});
    for (std::size_t j = b_begin; j < b_end; ++j) out.push_back({'+', b[j]});
    return;
  }
  // lcs[i][j]: length of the LCS of a's middle from i and b's middle from j.
  std::vector<std::uint32_t> lcs((n + 1) * (m + 1), 0);
  const auto at = [&](std::size_t i, std::size_t j) -> std::uint32_t& { return lcs[i * (m + 1) + j]; };
  for (std::size_t i = n; i-- > 0;) {
    for (std::size_t j = m; j-- > 0;) {
      at(i, j) = a[a_begin + i] == b[b_begin + j] ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
    }
  }
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[a_begin + i] == b[b_begin + j]) {
      out.push_back({' ', a[a_begin + i]});
      ++i;
      ++j;
    } else if (j < m && (i == n || at(i, j + 1) > at(i + 1, j))) {
      out.push_back({'+', b[b_begin + j++]});
    } else {
      out.push_back({'-', a[a_begin + i++]});
    }
  }
}

// "l,n" as diff -u writes a hunk's range: the count is left out when 1, and
// an empty range names the line before it.
std::string range(std::size_t first, std::size_t count) {
  if (count == 1) return std::to_string(first);
  return fmt::format("{},{}", count == 0 ? first - 1 : first, count);
}

}  // namespace

std::string unified_diff(std::string_view from, std::string_view to, std::string_view from_name,
                         std::string_view to_name, std::size_t context) {
  if (from == to) return {};
  const auto a = lines_of(from);
  const auto b = lines_of(to);
  std::size_t head = 0;
  while (head < a.size() && head < b.size() && a[head] == b[head]) ++head;
  std::size_t tail = 0;
  while (tail < a.size() - head && tail < b.size() - head && a[a.size() - 1 - tail] == b[b.size() - 1 - tail]) ++tail;

  std::vector<edit> edits;
  for (std::size_t i = 0; i < head; ++i) edits.push_back({' ', a[i]});
  diff_middle(a, head, a.size() - tail, b, head, b.size() - tail, edits);
  for (std::size_t i = a.size() - tail; i < a.size(); ++i) edits.push_back({' ', a[i]});

  std::string out = fmt::format("--- {}\n+++ {}\n", from_name, to_name);
  std::size_t k = 0;
  std::size_t a_line = 1;  // 1-based line numbers at edits[k]
  std::size_t b_line = 1;
  while (k < edits.size()) {
    // Find the next change; skip unchanged lines before its context.
    std::size_t change = k;
    while (change < edits.size() && edits[change].op == ' ') ++change;
    if (change == edits.size()) break;
    const std::size_t start = change - std::min(context, change - k);
    for (; k < start; ++k, ++a_line, ++b_line) {
    }
    // Extend the hunk while the next change is within 2 * context lines.
    std::size_t end = change;
    for (std::size_t scan = change; scan < edits.size();) {
      if (edits[scan].op != ' ') {
        end = ++scan;
        continue;
      }
      std::size_t run = scan;
      while (run < edits.size() && edits[run].op == ' ') ++run;
      if (run == edits.size() || run - scan > 2 * context) {
        end = std::min(edits.size(), scan + context);
        break;
      }
      scan = run;
    }
    std::size_t a_count = 0;
    std::size_t b_count = 0;
    std::string body;
    for (std::size_t e = start; e < end; ++e) {
      if (edits[e].op != '+') ++a_count;
      if (edits[e].op != '-') ++b_count;
      body += edits[e].op;
      body += edits[e].line;
      body += '\n';
    }
    out += fmt::format("@@ -{} +{} @@\n", range(a_line, a_count), range(b_line, b_count));
    out += body;
    a_line += a_count;
    b_line += b_count;
    k = end;
  }
  return out;
}

}  // namespace embedded_migrations::generator
