// The embed-migrations command line: exit codes, messages and files, run as a process.
#define BOOST_TEST_MODULE cli
#include <boost/test/unit_test.hpp>

#include "temp_directory.hpp"

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <set>
#include <utility>
#include <string>

using test_support::read_bytes;
using test_support::temp_directory;
namespace fs = std::filesystem;

namespace {

struct run_result {
  int exit_code;
  std::string output;  // stdout and stderr together
};

std::string quote(const std::string& arg) {
  std::string quoted = "'";
  for (const char c : arg) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

run_result run(const std::vector<std::string>& args, const fs::path& working_directory = {}) {
  std::string command = working_directory.empty() ? "" : "cd " + quote(working_directory.string()) + " && ";
  command += quote(EMBED_MIGRATIONS_EXE);
  for (const auto& arg : args) command += " " + quote(arg);
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

bool contains(const std::string& text, const std::string& needle) { return text.find(needle) != std::string::npos; }

void write_valid_set(const temp_directory& dir, const std::string& sub) {
  dir.write(sub + "/001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);\n");
  dir.write(sub + "/002_tags.sql", "CREATE TABLE tags (name TEXT);\n");
}

}  // namespace

BOOST_AUTO_TEST_CASE(help_version_and_usage_errors) {
  const auto help = run({"--help"});
  BOOST_TEST(help.exit_code == 0);
  BOOST_TEST(contains(help.output, "Usage: embed-migrations <command>"));
  BOOST_TEST(run({"generate", "--help"}).exit_code == 0);
  BOOST_TEST(contains(run({"check", "--help"}).output, "Example: embed-migrations check --dir migrations"));
  BOOST_TEST(run({"--version"}).output == "embed-migrations " EMBEDDED_MIGRATIONS_VERSION "\n");

  const auto none = run({});
  BOOST_TEST(none.exit_code == 2);
  BOOST_TEST(contains(none.output, "no command given"));
  BOOST_TEST(run({"frobnicate"}).exit_code == 2);
  const auto missing = run({"generate", "--dir", "x"});
  BOOST_TEST(missing.exit_code == 2);
  BOOST_TEST(contains(missing.output, "is required but missing"), missing.output);
  const auto unknown = run({"check", "--dir", "x", "--bogus"});
  BOOST_TEST(unknown.exit_code == 2);
  BOOST_TEST(contains(unknown.output, "Try 'embed-migrations check --help'"), unknown.output);
}

BOOST_AUTO_TEST_CASE(check_accepts_a_valid_directory) {
  temp_directory dir;
  write_valid_set(dir, "migrations");
  const auto result = run({"check", "--dir", (dir.path() / "migrations").string()});
  BOOST_TEST(result.exit_code == 0, result.output);
  BOOST_TEST(contains(result.output, "2 migrations checked, no errors"));
}

BOOST_AUTO_TEST_CASE(check_reports_every_bad_file_in_compiler_style) {
  temp_directory dir;
  write_valid_set(dir, "m");
  dir.write("m/4-add.sql", "SELECT 1;\n");
  dir.write("m/003_x.sql", "SELECT 1;\n\n\nSELECT 2\n");
  const auto m = (dir.path() / "m").string();
  const auto result = run({"check", "--dir", m});
  BOOST_TEST(result.exit_code == 1);
  BOOST_TEST(contains(result.output, m + "/4-add.sql:1:1: error: "), result.output);
  BOOST_TEST(contains(result.output, m + "/003_x.sql:4:9: error: the last statement is not terminated"));
  BOOST_TEST(contains(result.output, "embed-migrations: 2 errors in " + m));
}

BOOST_AUTO_TEST_CASE(generate_rejects_bad_namespace_and_header_as_usage_errors) {
  temp_directory dir;
  write_valid_set(dir, "m");
  const auto base = std::vector<std::string>{"generate", "--dir", (dir.path() / "m").string(), "--output-dir",
                                             (dir.path() / "out").string()};
  auto bad_namespace = base;
  bad_namespace.insert(bad_namespace.end(), {"--namespace", "my-app", "--header", "x.hpp"});
  const auto ns = run(bad_namespace);
  BOOST_TEST(ns.exit_code == 2);
  BOOST_TEST(contains(ns.output, "'my-app' is not a valid C++ namespace"), ns.output);
  auto bad_header = base;
  bad_header.insert(bad_header.end(), {"--namespace", "app", "--header", "../x.hpp"});
  BOOST_TEST(run(bad_header).exit_code == 2);
  BOOST_TEST(!fs::exists(dir.path() / "out"));
}

BOOST_AUTO_TEST_CASE(generate_is_byte_identical_wherever_the_sources_and_outputs_live) {
  temp_directory dir;
  write_valid_set(dir, "first/migrations");
  write_valid_set(dir, "second/elsewhere/migrations");
  const auto generate = [&](const std::string& from, const std::string& to) {
    const auto result = run({"generate", "--dir", (dir.path() / from).string(), "--output-dir",
                             (dir.path() / to).string(), "--namespace", "app::schema", "--header", "app_schema.hpp",
                             "--depfile", (dir.path() / to / "app_schema.d").string()});
    BOOST_TEST(result.exit_code == 0, result.output);
    BOOST_TEST(result.output.empty(), result.output);
  };
  generate("first/migrations", "out1");
  generate("second/elsewhere/migrations", "out2/deeper");
  for (const auto* name : {"app_schema.hpp", "app_schema.cpp"}) {
    const auto one = read_bytes(dir.path() / "out1" / name);
    BOOST_TEST(!one.empty());
    BOOST_TEST(one == read_bytes(dir.path() / "out2/deeper" / name));
    BOOST_TEST(!contains(one, dir.path().string()));
  }
  const auto depfile = read_bytes(dir.path() / "out1" / "app_schema.d");
  BOOST_TEST(contains(depfile, (dir.path() / "first/migrations/002_tags.sql").string()));

  // A second run with nothing changed leaves the files alone.
  const auto before = fs::last_write_time(dir.path() / "out1" / "app_schema.cpp");
  generate("first/migrations", "out1");
  BOOST_TEST((fs::last_write_time(dir.path() / "out1" / "app_schema.cpp") == before));
}

BOOST_AUTO_TEST_CASE(failed_generate_writes_the_depfile_but_no_code) {
  temp_directory dir;
  dir.write("m/001_bad.sql", "SELECT 1\n");
  const auto result = run({"generate", "--dir", (dir.path() / "m").string(), "--output-dir",
                           (dir.path() / "out").string(), "--namespace", "app", "--header", "app.hpp", "--depfile",
                           (dir.path() / "out/app.d").string()});
  BOOST_TEST(result.exit_code == 1);
  BOOST_TEST(fs::exists(dir.path() / "out/app.d"));
  BOOST_TEST(!fs::exists(dir.path() / "out/app.hpp"));
  BOOST_TEST(!fs::exists(dir.path() / "out/app.cpp"));
}

BOOST_AUTO_TEST_CASE(allow_empty_generates_an_empty_set) {
  temp_directory dir;
  fs::create_directories(dir.path() / "m");
  const auto args = std::vector<std::string>{"generate", "--dir", (dir.path() / "m").string(), "--output-dir",
                                             (dir.path() / "out").string(), "--namespace", "app", "--header",
                                             "app.hpp"};
  BOOST_TEST(run(args).exit_code == 1);
  auto allowed = args;
  allowed.push_back("--allow-empty");
  BOOST_TEST(run(allowed).exit_code == 0);
  BOOST_TEST(fs::exists(dir.path() / "out/app.cpp"));
}

BOOST_AUTO_TEST_CASE(no_migration_makes_the_build_touch_a_file_outside_its_output) {
  // Each runs alone from an empty working directory; afterwards that directory
  // must hold exactly the migrations and the generator's own output.
  const std::vector<std::pair<std::string, std::string>> hostile = {
      {"001_attach.sql", "ATTACH 'evil.db' AS evil;\n"},
      {"001_attach_uri.sql", "-- no-transaction\nATTACH 'file:evil-uri.db?mode=rwc' AS evil;\n"},
      {"001_attach_absolute.sql", "ATTACH '@DIR@/absolute.db' AS evil;\n"},
      {"001_attach_temporary.sql", "-- no-transaction\nATTACH '' AS scratch;\n"},
      {"001_vacuum_into.sql", "-- no-transaction\nVACUUM INTO 'evil-vacuum.db';\n"},
      {"001_vacuum_into_absolute.sql", "-- no-transaction\nVACUUM main INTO '@DIR@/absolute-vacuum.db';\n"},
      {"001_load_extension.sql", "SELECT load_extension('@DIR@/evil');\n"},
      {"001_temp_directory.sql", "PRAGMA temp_store_directory = '@DIR@/tmp';\n"},
      {"001_allowed_vacuum_and_wal.sql", "-- no-transaction\nCREATE TABLE t (x);\nVACUUM;\nPRAGMA journal_mode = WAL;\n"},
  };
  for (const auto& [filename, sql_template] : hostile) {
    BOOST_TEST_CONTEXT(filename) {
      temp_directory dir;
      std::string sql = sql_template;
      for (auto at = sql.find("@DIR@"); at != std::string::npos; at = sql.find("@DIR@")) {
        sql.replace(at, 5, dir.path().string());
      }
      dir.write("migrations/" + filename, sql);
      const auto result = run({"generate", "--dir", "migrations", "--output-dir", "out", "--namespace", "app",
                               "--header", "app.hpp", "--depfile", "out/app.d"},
                              dir.path());
      const bool allowed = filename == "001_allowed_vacuum_and_wal.sql";
      BOOST_TEST(result.exit_code == (allowed ? 0 : 1), result.output);
      if (!allowed) BOOST_TEST(contains(result.output, "not allowed in a migration"), result.output);

      std::set<std::string> files;
      for (const auto& entry : fs::recursive_directory_iterator(dir.path())) {
        files.insert(fs::relative(entry.path(), dir.path()).generic_string());
      }
      std::set<std::string> expected = {"migrations", "migrations/" + filename, "out", "out/app.d"};
      if (allowed) expected.insert({"out/app.hpp", "out/app.cpp"});
      BOOST_TEST(files == expected, boost::test_tools::per_element());
    }
  }
}
