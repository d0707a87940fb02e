// embed-migrations: checks a directory of SQL migrations, embeds it as C++,
// and manages migrations from the command line.
#include "cli.hpp"
#include "commands.hpp"
#include "output/failure.hpp"
#include "replay/sqlite_heap.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <exception>
#include <iostream>
#include <string>
#include <vector>

namespace {

using namespace embedded_migrations::generator::cli;

constexpr const char* overview =
    "Usage: embed-migrations <command> [options]\n"
    "\n"
    "Checks SQLite migrations (<version>_<description>.sql files) and embeds them in C++.\n"
    "\n"
    "Commands:\n"
    "  generate   check a directory and write the C++ header and source that embed it\n"
    "  check      check a directory only\n"
    "  new        create the next migration file\n"
    "  status     show which migrations a database has applied\n"
    "  apply      apply a directory's pending migrations to a database\n"
    "  restore    copy a backup apply --backup made back over the database\n"
    "  import     convert another tool's migrations (goose, dbmate, Flyway ...) into a new directory\n"
    "  schema     print (or write) the schema a directory's migrations produce\n"
    "\n"
    "Options:\n"
    "  -h, --help   show this help; '<command> --help' shows a command's options and an example\n"
    "  --version    show the version\n"
    "\n"
    "Exit status: 0 success, 1 invalid migrations or failure, 2 usage error,\n"
    "3 (status --exit-code, apply --dry-run) something pending or out of sync, (status --verify) schema drift.\n";

}  // namespace

int main(int argc, char** argv) {
  // The replay's memory limit is SQLite's hard heap limit, which SQLite only
  // enforces while it counts memory; a build with SQLITE_DEFAULT_MEMSTATUS=0
  // does not count by default. Must precede any other SQLite call.
  sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 1);
  embedded_migrations::generator::give_sqlite_a_heap_of_its_own();
  const std::vector<std::string> args(argv + (argc > 1 ? 2 : 1), argv + argc);
  const std::string command = argc > 1 ? argv[1] : "";
  try {
    if (command == "generate") return run_generate(args);
    if (command == "check") return run_check(args);
    if (command == "new") return run_new(args);
    if (command == "status") return run_status(args);
    if (command == "apply") return run_apply(args);
    if (command == "import") return run_import(args);
    if (command == "schema") return run_schema(args);
    if (command == "restore") return run_restore(args);
    if (command == "--help" || command == "-h" || command == "help") {
      std::cout << overview;
      return exit_ok;
    }
    if (command == "--version") {
      std::cout << fmt::format("{} {}\n", program, EMBEDDED_MIGRATIONS_VERSION);
      return exit_ok;
    }
    std::cerr << (command.empty() ? fmt::format("{}: error: no command given\n", program)
                                  : fmt::format("{}: error: unknown command '{}'\n", program, command))
              << overview;
    return exit_usage;
  } catch (const boost::program_options::error& e) {
    std::cerr << fmt::format("{}: error: {}\nTry '{} {} --help'.\n", program, e.what(), program, command);
    return exit_usage;
  } catch (const usage_error& e) {
    std::cerr << fmt::format("{}: error: {}\n", program, e.what());
    embedded_migrations::generator::output::print_failure(std::cout, e, "usage");
    return exit_usage;
  } catch (const std::exception& e) {
    std::cerr << fmt::format("{}: error: {}\n", program, e.what());
    embedded_migrations::generator::output::print_failure(std::cout, e, "failure");
    return exit_invalid;
  }
}
