#include "file_bytes.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace embedded_migrations::generator {
namespace {

class file_descriptor {
 public:
  explicit file_descriptor(int fd) : fd_(fd) {}
  file_descriptor(const file_descriptor&) = delete;
  file_descriptor& operator=(const file_descriptor&) = delete;
  ~file_descriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const noexcept { return fd_; }

 private:
  int fd_;
};

}  // namespace

std::variant<std::string, read_error> read_all(int fd) {
  std::string bytes;
  char buffer[64 * 1024];
  while (true) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      return read_error{std::strerror(errno)};
    }
    if (n == 0) return bytes;
    bytes.append(buffer, static_cast<std::size_t>(n));
  }
}

std::variant<std::string, read_error> read_regular_file(const std::filesystem::path& path) {
  const file_descriptor file(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY));
  if (file.get() < 0) return read_error{std::strerror(errno)};
  struct stat info {};
  if (::fstat(file.get(), &info) != 0) return read_error{std::strerror(errno)};
  if (!S_ISREG(info.st_mode)) return read_error{"it is not a regular file"};
  return read_all(file.get());
}

}  // namespace embedded_migrations::generator
