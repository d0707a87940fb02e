#include "timing.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <csignal>
#include <cstring>
#include <cstdio>
#include <ctime>
#include <fcntl.h>
#include <spawn.h>
#include <stdexcept>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace bench {

double samples::median() const {
  auto sorted = seconds;
  std::sort(sorted.begin(), sorted.end());
  const auto n = sorted.size();
  return n == 0 ? 0 : n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}
double samples::min() const { return seconds.empty() ? 0 : *std::min_element(seconds.begin(), seconds.end()); }
double samples::max() const { return seconds.empty() ? 0 : *std::max_element(seconds.begin(), seconds.end()); }

double process_cpu_seconds() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}

process_result run_process(const std::vector<std::string>& argv, const std::string& cwd) {
  char output_path[] = "/tmp/embedded-migrations-bench-XXXXXX";
  const int output_fd = mkstemp(output_path);
  if (output_fd < 0) throw std::runtime_error("mkstemp failed");
  std::vector<std::string> args = argv;
  std::vector<char*> raw;
  for (auto& a : args) raw.push_back(a.data());
  raw.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, output_fd, STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, output_fd, STDERR_FILENO);
  if (!cwd.empty()) posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());

  process_result result;
  const auto start = std::chrono::steady_clock::now();
  pid_t pid = 0;
  const int rc = posix_spawnp(&pid, raw[0], &actions, nullptr, raw.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc == 0) {
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    result.peak_memory_kib = usage.ru_maxrss;
    const auto seconds_of = [](const timeval& t) {
      return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
    };
    result.cpu_seconds = seconds_of(usage.ru_utime) + seconds_of(usage.ru_stime);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result.signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
  } else {
    result.output = fmt::format("cannot start {}\n", argv[0]);
  }
  if (FILE* f = std::fopen(output_path, "r")) {
    char buffer[4096];
    std::size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0) result.output.append(buffer, n);
    std::fclose(f);
  }
  close(output_fd);
  unlink(output_path);
  return result;
}

std::string describe_failure(const std::string& what, const process_result& result) {
  const auto how = result.signal
                       ? fmt::format("was killed by signal {} ({}{})", result.signal, strsignal(result.signal),
                                     result.signal == SIGKILL ? ", as the out-of-memory killer does" : "")
                       : fmt::format("exited with {}", result.exit_code);
  // The end of its output says why; a whole 10,000-file report would bury it.
  constexpr std::size_t shown = 4000;
  const auto tail = result.output.size() > shown ? "...\n" + result.output.substr(result.output.size() - shown)
                                                 : result.output;
  return fmt::format("{} {} after {}, at {:.0f} MiB peak; its output:\n{}", what, how, format_duration(result.seconds),
                     static_cast<double>(result.peak_memory_kib) / 1024, tail.empty() ? "(nothing)\n" : tail);
}

std::string format_duration(double seconds) {
  if (seconds < 0) return "-" + format_duration(-seconds);  // a difference of two times
  if (seconds < 1e-3) return fmt::format("{:.1f} µs", seconds * 1e6);
  if (seconds < 1) return fmt::format("{:.2f} ms", seconds * 1e3);
  return fmt::format("{:.2f} s", seconds);
}

}  // namespace bench
