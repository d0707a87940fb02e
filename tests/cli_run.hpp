// Runs embed-migrations (EMBED_MIGRATIONS_EXE) as a process and captures its output.
#pragma once

#include <boost/test/unit_test.hpp>

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace test_support {

struct run_result {
  int exit_code;
  std::string output;  // stdout and stderr together
};

inline std::string shell_quote(const std::string& arg) {
  std::string quoted = "'";
  for (const char c : arg) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

inline run_result run(const std::vector<std::string>& args, const std::filesystem::path& working_directory = {}) {
  std::string command = working_directory.empty() ? "" : "cd " + shell_quote(working_directory.string()) + " && ";
  command += shell_quote(EMBED_MIGRATIONS_EXE);
  for (const auto& arg : args) command += " " + shell_quote(arg);
  command += " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  BOOST_REQUIRE(pipe);
  std::string output;
  char buffer[4096];
  std::size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, n);
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

inline bool contains(const std::string& text, const std::string& needle) {
  return text.find(needle) != std::string::npos;
}

}  // namespace test_support
