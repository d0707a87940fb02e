#include "cli.hpp"
#include "commands.hpp"

#include <fmt/format.h>

#include <iostream>

namespace embedded_migrations::generator::cli {

int run_check(const std::vector<std::string>& args) {
  po::options_description desc(
      "Usage: embed-migrations check --dir DIR [--table NAME] [--function NAME/NARGS]... [--replay-timeout SECONDS]\n"
      "                              [--replay-memory MIB] [--min-sqlite VERSION] [--no-validate] [--allow-empty]\n"
      "\n"
      "Checks every migration in DIR without writing anything: names, encoding, and the SQL,\n"
      "replayed in order on a scratch in-memory database exactly as the runtime applies it.\n"
      "Example: embed-migrations check --dir migrations --function uuid/0\n"
      "\n"
      "Options");
  add_directory_options(desc);
  add_table_option(desc);
  add_validation_options(desc);
  add_output_options(desc);
  const auto parsed = parse(args, desc);
  if (!parsed) return exit_ok;
  const std::string dir = parsed->options["dir"].as<std::string>();
  const auto loaded = load_and_validate(parsed->options);
  const int status = report(loaded, dir, parsed->color_stderr);
  if (status == exit_ok) {
    std::cout << fmt::format("{}: {} migration{} checked, no errors\n", dir, loaded.migrations.size(),
                             loaded.migrations.size() == 1 ? "" : "s");
    if (!loaded.requirements_text.empty()) std::cout << fmt::format("{}: needs {}\n", dir, loaded.requirements_text);
  }
  return status;
}

}  // namespace embedded_migrations::generator::cli
