// A unified diff (as `diff -u` prints it) between two texts, line by line.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace embedded_migrations::generator {

// Lines only in `from` start with '-', lines only in `to` with '+', and each
// hunk keeps `context` unchanged lines around its changes. Empty when the
// texts are equal. Lines are compared by their longest common subsequence;
// past max_diff_cells the changed middle is shown as replaced wholesale.
std::string unified_diff(std::string_view from, std::string_view to, std::string_view from_name,
                         std::string_view to_name, std::size_t context = 3);

// The LCS table is (lines of from) x (lines of to) after the common head and
// tail are trimmed: 16 million cells of 4 bytes is 64 MiB, far beyond any
// schema snapshot's changed middle, and bounded for a build step.
inline constexpr std::size_t max_diff_cells = std::size_t{16} * 1024 * 1024;

}  // namespace embedded_migrations::generator
