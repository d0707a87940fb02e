// Reading all of a file or failing: read errors below us, made real with
// /proc/self/mem and a directory, never a mock of our own code.
#define BOOST_TEST_MODULE file_bytes
#include <boost/test/unit_test.hpp>

#include "file_bytes.hpp"

#include "temp_directory.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstring>

using namespace embedded_migrations::generator;
using test_support::temp_directory;

BOOST_AUTO_TEST_CASE(a_regular_file_is_read_whole) {
  temp_directory dir;
  std::string big(300 * 1024, 'x');  // several read() calls
  big += "end";
  const auto file = dir.write("a.sql", big);
  const auto read = read_regular_file(file);
  BOOST_REQUIRE(std::holds_alternative<std::string>(read));
  BOOST_TEST(std::get<std::string>(read) == big);
}

BOOST_AUTO_TEST_CASE(an_error_after_8_kib_fails_the_whole_read) {
  // Two readable pages followed by an unmapped one: reading our own memory
  // through /proc/self/mem returns the first 8 KiB, then fails with EIO, as a
  // disk that breaks partway through a file would.
  const long page = sysconf(_SC_PAGESIZE);
  const auto size = static_cast<std::size_t>(page);
  void* mapped = mmap(nullptr, 3 * size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  BOOST_REQUIRE(mapped != MAP_FAILED);
  auto* bytes = static_cast<char*>(mapped);
  std::memset(bytes, 'a', 2 * size);
  BOOST_REQUIRE(munmap(bytes + 2 * size, size) == 0);
  const int fd = open("/proc/self/mem", O_RDONLY | O_CLOEXEC);
  BOOST_REQUIRE(fd >= 0);
  BOOST_REQUIRE(lseek(fd, static_cast<off_t>(reinterpret_cast<std::uintptr_t>(bytes)), SEEK_SET) != -1);
  const auto read = read_all(fd);
  close(fd);
  munmap(bytes, 2 * size);
  BOOST_REQUIRE(std::holds_alternative<read_error>(read));
  BOOST_TEST(std::get<read_error>(read).message == std::strerror(EIO));
}

BOOST_AUTO_TEST_CASE(a_descriptor_that_cannot_be_read_is_an_error) {
  temp_directory dir;
  const int fd = open(dir.path().c_str(), O_RDONLY | O_CLOEXEC);
  BOOST_REQUIRE(fd >= 0);
  const auto read = read_all(fd);  // read() on a directory: EISDIR
  close(fd);
  BOOST_REQUIRE(std::holds_alternative<read_error>(read));
  BOOST_TEST(std::get<read_error>(read).message == std::strerror(EISDIR));
}

BOOST_AUTO_TEST_CASE(only_regular_files_are_opened) {
  temp_directory dir;
  const auto read = read_regular_file(dir.path());
  BOOST_REQUIRE(std::holds_alternative<read_error>(read));
  BOOST_TEST(std::get<read_error>(read).message == "it is not a regular file");
}
