// Reading a migration file's bytes: all of them or an error, never a prefix.
#pragma once

#include <filesystem>
#include <string>
#include <variant>

namespace embedded_migrations::generator {

struct read_error {
  std::string message;  // strerror's text, or why the file is not one we read
};

// Reads from `fd` (at its current offset) to end of file with POSIX read(),
// checking every return: an error after some bytes fails the whole read.
std::variant<std::string, read_error> read_all(int fd);

// Opens a regular file (following symbolic links) and reads all of it. Opens
// without blocking, so a FIFO put in the file's place is an error, not a hang.
std::variant<std::string, read_error> read_regular_file(const std::filesystem::path& path);

}  // namespace embedded_migrations::generator
