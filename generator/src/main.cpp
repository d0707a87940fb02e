// embed-migrations: checks a directory of SQL migrations and embeds it as C++.
#include "diagnostic.hpp"
#include "emitter.hpp"
#include "migration_directory.hpp"
#include "output_files.hpp"
#include "sql_replay.hpp"

#include <boost/program_options.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <exception>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

namespace po = boost::program_options;
namespace fs = std::filesystem;
using namespace embedded_migrations::generator;

namespace {

// Exit codes, documented in --help.
constexpr int exit_ok = 0;
constexpr int exit_invalid = 1;
constexpr int exit_usage = 2;

constexpr const char* program = "embed-migrations";

constexpr const char* overview =
    "Usage: embed-migrations <command> [options]\n"
    "\n"
    "Checks SQLite migrations (<version>_<description>.sql files) and embeds them in C++.\n"
    "\n"
    "Commands:\n"
    "  generate   check a directory and write the C++ header and source that embed it\n"
    "  check      check a directory only\n"
    "\n"
    "Options:\n"
    "  -h, --help   show this help; '<command> --help' shows a command's options\n"
    "  --version    show the version\n"
    "\n"
    "Exit status: 0 success, 1 invalid migrations (or output not written), 2 usage error.\n";

int report(const migration_directory& loaded, const fs::path& dir) {
  std::size_t errors = 0;
  for (const auto& d : loaded.diagnostics) {
    std::cerr << format_diagnostic(d) << '\n';
    if (d.level == severity::error) ++errors;
  }
  if (errors == 0) return exit_ok;
  std::cerr << fmt::format("{}: {} error{} in {}\n", program, errors, errors == 1 ? "" : "s", dir.string());
  return exit_invalid;
}

struct usage_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Options every command takes.
void add_common_options(po::options_description& desc) {
  desc.add_options()
      ("dir", po::value<std::string>()->required()->value_name("DIR"), "directory holding the *.sql migrations")
      ("allow-empty", "accept a directory without migrations")
      ("function", po::value<std::vector<std::string>>()->composing()->value_name("NAME/NARGS"),
       "an application-defined SQL function the migrations call (repeatable; NARGS -1: any)")
      ("no-validate", "check names and content only; do not replay the SQL")
      ("help,h", "show this help");
}

// Loads the directory and, unless told not to, replays it on a scratch database.
migration_directory load_and_validate(const po::variables_map& vm) {
  const std::string dir = vm["dir"].as<std::string>();
  auto loaded = load_migration_directory(dir, vm.count("allow-empty") > 0);
  replay_options options;
  if (vm.count("function")) {
    for (const auto& text : vm["function"].as<std::vector<std::string>>()) {
      auto parsed = parse_function_declaration(text);
      if (auto* problem = std::get_if<std::string>(&parsed)) throw usage_error(*problem);
      options.functions.push_back(std::get<declared_function>(std::move(parsed)));
    }
  }
  if (!loaded.has_errors() && vm.count("no-validate") == 0) {
    replay_migrations(loaded.migrations, dir, options, loaded.diagnostics);
  }
  return loaded;
}

// The parsed options, or nullopt once --help has been printed.
std::optional<po::variables_map> parse(const std::vector<std::string>& args, const po::options_description& desc) {
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(desc).run(), vm);
  if (vm.count("help")) {
    std::cout << desc << '\n';
    return std::nullopt;
  }
  po::notify(vm);
  return vm;
}

int run_check(const std::vector<std::string>& args) {
  po::options_description desc(
      "Usage: embed-migrations check --dir DIR [--function NAME/NARGS]... [--no-validate] [--allow-empty]\n"
      "\n"
      "Checks every migration in DIR without writing anything: names, encoding, and the SQL,\n"
      "replayed in order on a scratch in-memory database exactly as the runtime applies it.\n"
      "Example: embed-migrations check --dir migrations --function uuid/0\n"
      "\n"
      "Options");
  add_common_options(desc);
  const auto parsed = parse(args, desc);
  if (!parsed) return exit_ok;
  const auto& vm = *parsed;
  const fs::path dir = vm["dir"].as<std::string>();
  const auto loaded = load_and_validate(vm);
  const int status = report(loaded, dir);
  if (status == exit_ok) {
    std::cout << fmt::format("{}: {} migration{} checked, no errors\n", dir.string(), loaded.migrations.size(),
                             loaded.migrations.size() == 1 ? "" : "s");
  }
  return status;
}

int run_generate(const std::vector<std::string>& args) {
  po::options_description desc(
      "Usage: embed-migrations generate --dir DIR --output-dir OUT --namespace NS --header NAME\n"
      "                                 [--depfile FILE] [--function NAME/NARGS]... [--no-validate]\n"
      "                                 [--allow-empty]\n"
      "\n"
      "Checks every migration in DIR as 'check' does and writes OUT/NAME (declaring NS::migrations()) and the\n"
      "matching .cpp beside it. Files are only rewritten when their content changes.\n"
      "Example: embed-migrations generate --dir migrations --output-dir build/gen \\\n"
      "           --namespace app::schema --header app_schema.hpp\n"
      "\n"
      "Options");
  desc.add_options()
      ("output-dir", po::value<std::string>()->required()->value_name("OUT"), "where to write the header and source")
      ("namespace", po::value<std::string>()->required()->value_name("NS"), "C++ namespace of migrations()")
      ("header", po::value<std::string>()->required()->value_name("NAME"), "include name of the generated header")
      ("depfile", po::value<std::string>()->value_name("FILE"), "also write a Make-style depfile for the build");
  add_common_options(desc);
  const auto parsed = parse(args, desc);
  if (!parsed) return exit_ok;
  const auto& vm = *parsed;
  const emit_options options{vm["namespace"].as<std::string>(), vm["header"].as<std::string>()};
  if (auto problem = check_namespace(options.cpp_namespace)) throw usage_error(*problem);
  if (auto problem = check_header_name(options.header_name)) throw usage_error(*problem);

  const fs::path dir = vm["dir"].as<std::string>();
  const auto loaded = load_and_validate(vm);
  const fs::path output_dir = vm["output-dir"].as<std::string>();
  const fs::path header_path = output_dir / options.header_name;

  // The depfile is written even when the migrations are invalid, so that fixing
  // or adding a file re-runs the generator.
  if (vm.count("depfile")) {
    write_if_changed(vm["depfile"].as<std::string>(), make_depfile(header_path, dir, loaded.inputs));
  }
  const int status = report(loaded, dir);
  if (status != exit_ok) return status;

  const auto code = emit(loaded.migrations, options);
  write_if_changed(header_path, code.header);
  write_if_changed(output_dir / source_name_for(options.header_name), code.source);
  return exit_ok;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + (argc > 1 ? 2 : 1), argv + argc);
  const std::string command = argc > 1 ? argv[1] : "";
  try {
    if (command == "generate") return run_generate(args);
    if (command == "check") return run_check(args);
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
  } catch (const po::error& e) {
    std::cerr << fmt::format("{}: error: {}\nTry '{} {} --help'.\n", program, e.what(), program, command);
    return exit_usage;
  } catch (const usage_error& e) {
    std::cerr << fmt::format("{}: error: {}\n", program, e.what());
    return exit_usage;
  } catch (const std::exception& e) {
    std::cerr << fmt::format("{}: error: {}\n", program, e.what());
    return exit_invalid;
  }
}
