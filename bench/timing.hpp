// Timing for the benchmarks: repeated samples summarized by median and spread,
// and whole processes with their wall time and peak memory.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace bench {

struct samples {
  std::vector<double> seconds;

  double median() const;
  double min() const;
  double max() const;
};

// Runs `body` `repetitions` times, timing each call.
template <typename Body>
samples time_each(int repetitions, Body&& body) {
  samples result;
  for (int i = 0; i < repetitions; ++i) {
    const auto start = std::chrono::steady_clock::now();
    body();
    result.seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  return result;
}

struct process_result {
  double seconds = 0;
  double cpu_seconds = 0;    // the child's user and system time
  long peak_memory_kib = 0;  // the child's maximum resident set size
  int exit_code = -1;
  int signal = 0;            // the signal that ended it (the kernel's OOM killer sends SIGKILL), else 0
  std::string output;        // stdout and stderr
};

// Why a process failed, for an exception's message: its exit code or signal,
// its time and peak memory, and the end of what it printed.
std::string describe_failure(const std::string& what, const process_result& result);

// CPU time this process has used (user and system), in seconds: on a shared
// machine it grows with the work done, where wall time also counts waiting.
double process_cpu_seconds();

// Runs a program to completion (argv[0] is looked up on PATH) in `cwd`.
process_result run_process(const std::vector<std::string>& argv, const std::string& cwd = {});

// "12.3 µs", "4.56 ms", "1.23 s".
std::string format_duration(double seconds);

}  // namespace bench
