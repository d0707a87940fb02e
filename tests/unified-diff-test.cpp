// The unified diff the stale-snapshot error prints: hunks, ranges and context
// as `diff -u` writes them, checked against `patch`-style reconstruction.
#define BOOST_TEST_MODULE unified_diff
#include <boost/test/unit_test.hpp>

#include "schema/unified_diff.hpp"

#include <string>
#include <vector>

using embedded_migrations::generator::unified_diff;

namespace {

std::string lines(int first, int last, const std::string& prefix = "line ") {
  std::string text;
  for (int i = first; i <= last; ++i) text += prefix + std::to_string(i) + "\n";
  return text;
}

// Rebuilds both sides from the diff's body: the '-' and ' ' lines make the
// old text's hunks, the '+' and ' ' lines the new one's.
std::pair<std::string, std::string> sides_of(const std::string& diff) {
  std::string from;
  std::string to;
  std::size_t start = 0;
  while (start < diff.size()) {
    const auto end = diff.find('\n', start);
    const auto line = diff.substr(start, end - start);
    start = end + 1;
    if (line.rfind("---", 0) == 0 || line.rfind("+++", 0) == 0 || line.rfind("@@", 0) == 0) continue;
    if (line[0] != '+') from += line.substr(1) + "\n";
    if (line[0] != '-') to += line.substr(1) + "\n";
  }
  return {from, to};
}

}  // namespace

BOOST_AUTO_TEST_CASE(equal_texts_have_an_empty_diff) {
  BOOST_TEST(unified_diff("a\nb\n", "a\nb\n", "x", "y").empty());
  BOOST_TEST(unified_diff("", "", "x", "y").empty());
}

BOOST_AUTO_TEST_CASE(one_changed_line_shows_three_lines_of_context_each_side) {
  auto after = lines(1, 10);
  after.replace(after.find("line 5"), 6, "LINE 5");
  BOOST_TEST(unified_diff(lines(1, 10), after, "old", "new") ==
             "--- old\n+++ new\n@@ -2,7 +2,7 @@\n line 2\n line 3\n line 4\n-line 5\n+LINE 5\n line 6\n line 7\n line 8\n");
}

BOOST_AUTO_TEST_CASE(distant_changes_make_separate_hunks_and_near_ones_merge) {
  auto after = lines(1, 30);
  after.replace(after.find("line 2\n"), 6, "two");
  after.replace(after.find("line 25"), 7, "twenty-five");
  const auto diff = unified_diff(lines(1, 30), after, "a", "b");
  BOOST_TEST(diff.find("@@ -1,5 +1,5 @@") != std::string::npos, diff);
  BOOST_TEST(diff.find("@@ -22,7 +22,7 @@") != std::string::npos, diff);

  auto near = lines(1, 30);
  near.replace(near.find("line 10"), 7, "ten");
  near.replace(near.find("line 16"), 7, "sixteen");  // 5 unchanged lines between: within 2 x 3
  const auto merged = unified_diff(lines(1, 30), near, "a", "b");
  BOOST_TEST(merged.find("@@ -7,13 +7,13 @@") != std::string::npos, merged);
}

BOOST_AUTO_TEST_CASE(pure_insertions_and_deletions_name_the_line_before_an_empty_range) {
  BOOST_TEST(unified_diff("a\nb\n", "a\nnew\nb\n", "x", "y") == "--- x\n+++ y\n@@ -1,2 +1,3 @@\n a\n+new\n b\n");
  BOOST_TEST(unified_diff("", "a\n", "x", "y") == "--- x\n+++ y\n@@ -0,0 +1 @@\n+a\n");
  BOOST_TEST(unified_diff("a\n", "", "x", "y") == "--- x\n+++ y\n@@ -1 +0,0 @@\n-a\n");
}

BOOST_AUTO_TEST_CASE(the_diff_is_minimal_and_rebuilds_both_sides) {
  const std::string from = "CREATE TABLE a (x);\n\nCREATE TABLE b (y);\n\nCREATE VIEW v AS SELECT 1;\n";
  const std::string to = "CREATE TABLE a (x, z);\n\nCREATE TABLE b (y);\n\nCREATE TABLE c (q);\n\nCREATE VIEW v AS SELECT 1;\n";
  const auto diff = unified_diff(from, to, "committed", "replayed");
  const auto [old_side, new_side] = sides_of(diff);
  BOOST_TEST(old_side == from);  // every line within context: one hunk covers both texts
  BOOST_TEST(new_side == to);
  const auto body = diff.substr(diff.find("\n@@"));
  std::size_t changed = 0;
  for (std::size_t at = body.find("\n-"); at != std::string::npos; at = body.find("\n-", at + 1)) ++changed;
  for (std::size_t at = body.find("\n+"); at != std::string::npos; at = body.find("\n+", at + 1)) ++changed;
  BOOST_TEST(changed == 4u, diff);  // -a, +a, +c, +blank: nothing unchanged is shown as changed
}

BOOST_AUTO_TEST_CASE(a_reordering_keeps_the_longest_common_run) {
  const auto diff = unified_diff("a\nb\nc\nd\n", "b\nc\nd\na\n", "x", "y");
  BOOST_TEST(diff == "--- x\n+++ y\n@@ -1,4 +1,4 @@\n-a\n b\n c\n d\n+a\n");
}
