#include "cli.hpp"
#include "commands.hpp"
#include "output/json.hpp"

#include <fmt/format.h>

#include <iostream>

namespace embedded_migrations::generator::cli {

int run_check(const std::vector<std::string>& args) {
  po::options_description desc(
      "Usage: embed-migrations check --dir DIR [--table NAME] [--function NAME/NARGS]... [--replay-timeout SECONDS]\n"
      "                              [--replay-memory MIB] [--min-sqlite VERSION] [--foreign-keys on|off]\n"
      "                              [--seed-dir DIR] [--no-validate] [--allow-empty]\n"
      "                              [--schema-file FILE] [--destructive report|error] [--fresh-snapshot]\n"
      "                              [--format text|json|github]\n"
      "\n"
      "Checks every migration in DIR without writing anything: names, encoding, and the SQL,\n"
      "replayed in order on a scratch in-memory database exactly as the runtime applies it.\n"
      "Notes name each migration that drops or renames a table or column or changes a column's type.\n"
      "--seed-dir DIR: NNN_description.sql files of rows the replay loads right after migration NNN,\n"
      "so that the later migrations are checked on data; they are never embedded.\n"
      "--format json prints the diagnostics as one JSON document; github prints them as GitHub\n"
      "Actions workflow commands, which annotate a pull request.\n"
      "Example: embed-migrations check --dir migrations --function uuid/0\n"
      "\n"
      "Options");
  add_directory_options(desc);
  add_table_option(desc);
  add_validation_options(desc);
  add_schema_options(desc);
  add_output_options(desc, {output::output_format::text, output::output_format::json, output::output_format::github});
  const auto parsed = parse(args, desc);
  if (!parsed) return exit_ok;
  const std::string dir = parsed->options["dir"].as<std::string>();
  auto loaded = load_and_validate(parsed->options);
  const auto schema = run_schema_checks(parsed->options, loaded);
  if (parsed->format == output::output_format::json) {
    std::cout << output::to_text(output::check_document(loaded.diagnostics, loaded.migrations.size()));
    return loaded.has_errors() ? exit_invalid : exit_ok;
  }
  const int status = report(loaded, dir, parsed->color_stderr, parsed->format);
  if (schema && parsed->options.count("fresh-snapshot") && parsed->format == output::output_format::text) {
    std::cout << (schema->fresh.script.empty()
                      ? fmt::format("{}: not eligible for options::fresh_from_snapshot: {}\n", dir, schema->fresh.refusal)
                      : fmt::format("{}: eligible for options::fresh_from_snapshot\n", dir));
  }
  if (status == exit_ok) {
    std::cout << fmt::format("{}: {} migration{} checked, no errors\n", dir, loaded.migrations.size(),
                             loaded.migrations.size() == 1 ? "" : "s");
    if (!loaded.requirements_text.empty()) std::cout << fmt::format("{}: needs {}\n", dir, loaded.requirements_text);
  }
  return status;
}

}  // namespace embedded_migrations::generator::cli
