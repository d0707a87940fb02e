// Discovery, ordering and all-errors reporting over a real directory.
#define BOOST_TEST_MODULE migration_directory
#include <boost/test/unit_test.hpp>

#include "migration_directory.hpp"

#include "temp_directory.hpp"

#include <sys/stat.h>

using namespace embedded_migrations::generator;
using test_support::temp_directory;

namespace {

std::vector<std::string> formatted(const migration_directory& loaded) {
  std::vector<std::string> lines;
  for (const auto& d : loaded.diagnostics) lines.push_back(format_diagnostic(d));
  return lines;
}

bool any_contains(const std::vector<std::string>& lines, const std::string& needle) {
  for (const auto& line : lines) {
    if (line.find(needle) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

BOOST_AUTO_TEST_CASE(orders_by_numeric_version_not_by_name) {
  temp_directory dir;
  dir.write("10_ten.sql", "SELECT 10;\n");
  dir.write("9_nine.sql", "SELECT 9;\n");
  dir.write("0002_two.sql", "SELECT 2;\n");
  const auto loaded = load_migration_directory(dir.path(), false);
  BOOST_TEST(!loaded.has_errors(), formatted(loaded).size());
  BOOST_REQUIRE_EQUAL(loaded.migrations.size(), 3u);
  BOOST_TEST(loaded.migrations[0].filename == "0002_two.sql");
  BOOST_TEST(loaded.migrations[1].version == 9);
  BOOST_TEST(loaded.migrations[2].version == 10);
  BOOST_TEST(loaded.migrations[2].checksum.size() == 64u);
}

BOOST_AUTO_TEST_CASE(ignores_other_files_subdirectories_and_hidden_files) {
  temp_directory dir;
  dir.write("001_a.sql", "SELECT 1;\n");
  dir.write("README.md", "not sql");
  dir.write("001_a.sql.orig", "junk");
  dir.write(".hidden.sql", "junk");
  dir.write("nested/002_b.sql", "SELECT 2;\n");  // a directory named like a migration is an error (below)
  const auto loaded = load_migration_directory(dir.path(), false);
  BOOST_TEST(!loaded.has_errors());
  BOOST_REQUIRE_EQUAL(loaded.migrations.size(), 1u);
  BOOST_TEST(loaded.inputs.size() == 1u);
}

BOOST_AUTO_TEST_CASE(same_version_twice_names_both_files) {
  temp_directory dir;
  dir.write("1_a.sql", "SELECT 1;\n");
  dir.write("001_b.sql", "SELECT 1;\n");
  const auto lines = formatted(load_migration_directory(dir.path(), false));
  BOOST_REQUIRE_EQUAL(lines.size(), 2u);
  BOOST_TEST(lines[0].find("1_a.sql:1:1: error: '001_b.sql' and '1_a.sql' have the same version 1") !=
                 std::string::npos,
             lines[0]);
  BOOST_TEST(lines[1].find("001_b.sql:1:1: note:") != std::string::npos, lines[1]);
}

BOOST_AUTO_TEST_CASE(empty_directory_needs_allow_empty) {
  temp_directory dir;
  dir.write("README.md", "nothing yet");
  const auto refused = load_migration_directory(dir.path(), false);
  BOOST_TEST(refused.has_errors());
  BOOST_TEST(any_contains(formatted(refused), "--allow-empty"));
  const auto allowed = load_migration_directory(dir.path(), true);
  BOOST_TEST(!allowed.has_errors());
  BOOST_TEST(allowed.migrations.empty());
}

BOOST_AUTO_TEST_CASE(missing_directory_is_an_error) {
  temp_directory dir;
  const auto loaded = load_migration_directory(dir.path() / "nope", true);
  BOOST_TEST(any_contains(formatted(loaded), "nope:1:1: error: the migrations directory does not exist"));
}

BOOST_AUTO_TEST_CASE(reports_every_error_with_file_line_and_column) {
  temp_directory dir;
  dir.write("4-add.sql", "SELECT 1;\n");
  dir.write("005_.sql", "SELECT 1;\n");
  dir.write("006_ok.sql", "SELECT 1;\n");
  dir.write("007_unterminated.sql", "SELECT 1;\n\nSELECT '2\n");
  dir.write("008_binary.sql", std::string("SELECT 1;\nSELECT \x00;\n", 20));
  dir.write("009_goose.sql", "-- nothing here yet\n-- +goose Down\nDROP TABLE t;\n");
  const auto loaded = load_migration_directory(dir.path(), false);
  const auto lines = formatted(loaded);
  const auto in = [&](const std::string& file) { return (dir.path() / file).string(); };
  BOOST_TEST(lines.size() == 5u);
  BOOST_TEST(any_contains(lines, in("4-add.sql") + ":1:1: error: in '4-add.sql' the version must be followed by '_'"));
  BOOST_TEST(any_contains(lines, in("005_.sql") + ":1:1: error: '005_.sql' has an empty description"));
  BOOST_TEST(any_contains(lines, in("007_unterminated.sql") + ":4:1: error: the last statement is not terminated"));
  BOOST_TEST(any_contains(lines, in("008_binary.sql") + ":2:8: error: the file contains a NUL byte"));
  BOOST_TEST(any_contains(lines, in("009_goose.sql") + ":2:1: error: '-- +goose Down' starts a goose down section"));
}

// --- entries named like a migration that are not one -------------------------

BOOST_AUTO_TEST_CASE(every_sql_entry_that_is_not_a_readable_file_is_an_error_naming_it) {
  temp_directory dir;
  dir.write("001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);\n");
  std::filesystem::create_symlink("missing.sql.orig", dir.path() / "002_dangling.sql");
  BOOST_REQUIRE(mkfifo((dir.path() / "003_fifo.sql").c_str(), 0600) == 0);
  std::filesystem::create_symlink("004_loop.sql", dir.path() / "004_loop.sql");
  std::filesystem::create_directory(dir.path() / "005_x.sql");
  const auto loaded = load_migration_directory(dir.path(), false);
  const auto lines = formatted(loaded);
  BOOST_TEST(lines.size() == 4u, lines.size());
  const auto at = [&](const char* name) { return (dir.path() / name).string() + ":1:1: error: '" + name + "' "; };
  BOOST_TEST(any_contains(lines, at("002_dangling.sql") + "is a symbolic link to 'missing.sql.orig', which does not "
                                                          "exist; restore the file or delete the link"));
  BOOST_TEST(any_contains(lines, at("003_fifo.sql") + "is a FIFO, not a migration file"));
  BOOST_TEST(any_contains(lines, at("004_loop.sql") + "is a symbolic link that loops back on itself"));
  BOOST_TEST(any_contains(lines, at("005_x.sql") + "is a directory, not a migration file"));
}

BOOST_AUTO_TEST_CASE(a_symbolic_link_to_a_regular_file_is_followed) {
  temp_directory dir;
  dir.write("shared/users.sql.txt", "CREATE TABLE users (id INTEGER PRIMARY KEY);\n");
  std::filesystem::create_directory(dir.path() / "m");
  std::filesystem::create_symlink(dir.path() / "shared/users.sql.txt", dir.path() / "m/001_users.sql");
  const auto loaded = load_migration_directory(dir.path() / "m", false);
  BOOST_TEST(!loaded.has_errors());
  BOOST_REQUIRE_EQUAL(loaded.migrations.size(), 1u);
  BOOST_TEST(loaded.migrations[0].sql == "CREATE TABLE users (id INTEGER PRIMARY KEY);\n");
}

BOOST_AUTO_TEST_CASE(a_file_that_fails_to_read_is_an_error_never_an_empty_or_shorter_migration) {
  // /proc/self/mem is a regular file whose read at offset 0 (an unmapped
  // address) fails with EIO: a real read error below us, not a mock.
  temp_directory dir;
  std::filesystem::create_symlink("/proc/self/mem", dir.path() / "001_unreadable.sql");
  const auto loaded = load_migration_directory(dir.path(), false);
  const auto lines = formatted(loaded);
  BOOST_TEST(loaded.migrations.empty());
  BOOST_TEST(any_contains(lines, "001_unreadable.sql:1:1: error: cannot read the file: Input/output error"),
             (lines.empty() ? std::string() : lines.front()));
}
