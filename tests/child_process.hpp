// Starting, killing and reaping migrate-child processes.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

extern char** environ;

namespace test_support {

class child_process {
 public:
  // Starts `program args...` with stdout and stderr going to `output`.
  child_process(const std::string& program, const std::vector<std::string>& args, const std::filesystem::path& output)
      : output_(output) {
    std::vector<std::string> all{program};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : all) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, output.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    const int rc = posix_spawn(&pid_, program.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) throw std::runtime_error("cannot start " + program);
  }
  child_process(const child_process&) = delete;
  child_process& operator=(const child_process&) = delete;
  ~child_process() {
    if (pid_ > 0 && !reaped_) {
      kill(pid_, SIGKILL);
      wait();
    }
  }

  void kill_now() { kill(pid_, SIGKILL); }

  // The exit code, or -signal when it was killed.
  int wait() {
    if (!reaped_) {
      int status = 0;
      waitpid(pid_, &status, 0);
      reaped_ = true;
      result_ = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
    }
    return result_;
  }

  const std::filesystem::path& output() const { return output_; }

 private:
  pid_t pid_ = -1;
  bool reaped_ = false;
  int result_ = 0;
  std::filesystem::path output_;
};

}  // namespace test_support
