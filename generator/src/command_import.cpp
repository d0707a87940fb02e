#include "cli.hpp"
#include "commands.hpp"
#include "import/import_directory.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <iostream>

namespace embedded_migrations::generator::cli {

int run_import(const std::vector<std::string>& args) {
  std::string formats_help;
  std::string names;
  for (const auto& format : import::formats()) {
    formats_help += fmt::format("  {:<15} {}\n", format.name, format.summary);
    names += (names.empty() ? "" : "|") + std::string(format.name);
  }
  po::options_description desc(fmt::format(
      "Usage: embed-migrations import --from {} --dir SRC --output-dir DST\n"
      "       [--skip-unimportable] [--table NAME] [--function NAME/NARGS]... [--no-validate]\n"
      "\n"
      "Converts another tool's migrations into a NEW directory that passes 'check', keeping\n"
      "only what runs going forward. SRC is never written to. Prints what it did to each file.\n"
      "When a file cannot be imported faithfully (goose Go migrations, Flyway repeatable\n"
      "migrations, ENVSUB, placeholders ...), nothing is written and the exit status is 1,\n"
      "unless --skip-unimportable. DST is written all at once, then checked like 'check'.\n"
      "\n"
      "{}"
      "Example: embed-migrations import --from goose --dir db/migrations --output-dir migrations\n"
      "\n"
      "Options",
      names, formats_help));
  desc.add_options()
      ("from", po::value<std::string>()->required()->value_name("TOOL"), "the tool SRC was written for")
      ("dir", po::value<std::string>()->required()->value_name("SRC"), "the tool's migrations directory")
      ("output-dir", po::value<std::string>()->required()->value_name("DST"),
       "the new directory to write (must not exist, or be empty)")
      ("skip-unimportable", "write the files that can be imported and leave out the others, listed in the report");
  add_table_option(desc);
  add_validation_options(desc);
  add_output_options(desc);
  const auto parsed = parse(args, desc);
  if (!parsed) return exit_ok;
  const auto& options = parsed->options;

  const auto from = options["from"].as<std::string>();
  const auto* format = import::find_format(from);
  if (!format) throw usage_error(fmt::format("--from takes {}, not '{}'", names, from));
  const auto source = options["dir"].as<std::string>();
  const auto output = options["output-dir"].as<std::string>();
  if (const auto problem = import::output_directory_problem(source, output); !problem.empty()) {
    throw usage_error(problem);
  }

  const auto converted = import::run_import(*format, source);
  std::cout << import::format_report(converted);
  std::cout.flush();
  // Left out on request, they are notes: the command succeeds without them.
  const bool skip = options.count("skip-unimportable") > 0;
  for (auto problem : converted.rejected) {
    if (skip) problem.problem.level = severity::note;
    std::cerr << format_diagnostic(problem.problem, parsed->color_stderr) << '\n';
  }
  if (converted.migrations.empty() || (!converted.rejected.empty() && !skip)) {
    const auto fitting = import::formats_that_fit(source, format->name);
    if (!fitting.empty()) {
      std::cerr << fmt::format("{}: note: {} imports whole with --from {}; is it that tool's directory?\n", program,
                               source, fmt::join(fitting, " or --from "));
    }
  }
  if (!converted.rejected.empty() && !skip) {
    std::cerr << fmt::format(
        "{}: {} file{} cannot be imported; nothing was written to {}. Fix them in a copy of {} and import the copy, "
        "or pass --skip-unimportable to import the rest\n",
        program, converted.rejected.size(), converted.rejected.size() == 1 ? "" : "s", output, source);
    return exit_invalid;
  }
  if (converted.migrations.empty()) {
    std::cerr << fmt::format("{}: {} holds no {} migration to import; nothing was written to {}\n", program, source,
                             format->name, output);
    return exit_invalid;
  }
  import::write_output(converted, format->name, output);
  std::cout << fmt::format("wrote {} migration{} to {}\n", converted.migrations.size(),
                           converted.migrations.size() == 1 ? "" : "s", output);

  // The same check `embed-migrations check` runs; the files are written either
  // way, since they are exactly what the tool ran and are now the user's to fix.
  po::variables_map check_options;
  check_options.insert({"dir", po::variable_value(output, false)});
  for (const char* name : {"function", "no-validate", "table", "replay-timeout", "replay-memory", "foreign-keys"}) {
    if (options.count(name)) check_options.insert({name, options[name]});
  }
  const auto loaded = load_and_validate(check_options);
  const int status = report(loaded, output, parsed->color_stderr);
  if (status == exit_ok) {
    std::cout << fmt::format("{}: {} migration{} checked, no errors\n", output, loaded.migrations.size(),
                             loaded.migrations.size() == 1 ? "" : "s");
  } else {
    std::cerr << fmt::format("{}: the import is written, but {} does not pass check; fix the files there, then run "
                             "'embed-migrations check --dir {}'\n",
                             program, output, output);
  }
  return status;
}

}  // namespace embedded_migrations::generator::cli
