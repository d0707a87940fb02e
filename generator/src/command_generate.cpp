#include "cli.hpp"
#include "commands.hpp"
#include "emitter.hpp"
#include "output_files.hpp"

namespace embedded_migrations::generator::cli {

int run_generate(const std::vector<std::string>& args) {
  po::options_description desc(
      "Usage: embed-migrations generate --dir DIR --output-dir OUT --namespace NS --header NAME\n"
      "                                 [--depfile FILE] [--table NAME] [--function NAME/NARGS]...\n"
      "                                 [--replay-timeout SECONDS] [--replay-memory MIB] [--min-sqlite VERSION]\n"
      "                                 [--no-validate] [--allow-empty]\n"
      "\n"
      "Checks every migration in DIR as 'check' does and writes OUT/NAME (declaring NS::migrations()) and the\n"
      "matching .cpp beside it. Files are only rewritten when their content changes.\n"
      "Example: embed-migrations generate --dir migrations --output-dir build/gen \\\n"
      "           --namespace app::schema --header app_schema.hpp\n"
      "\n"
      "Options");
  add_directory_options(desc);
  desc.add_options()
      ("output-dir", po::value<std::string>()->required()->value_name("OUT"), "where to write the header and source")
      ("namespace", po::value<std::string>()->required()->value_name("NS"), "C++ namespace of migrations()")
      ("header", po::value<std::string>()->required()->value_name("NAME"), "include name of the generated header")
      ("depfile", po::value<std::string>()->value_name("FILE"), "also write a Make-style depfile for the build");
  add_table_option(desc);
  add_validation_options(desc);
  add_output_options(desc);
  const auto parsed = parse(args, desc);
  if (!parsed) return exit_ok;
  const auto& vm = parsed->options;

  const emit_options options{vm["namespace"].as<std::string>(), vm["header"].as<std::string>(), table_name(vm)};
  if (auto problem = check_namespace(options.cpp_namespace)) throw usage_error(*problem);
  if (auto problem = check_header_name(options.header_name)) throw usage_error(*problem);

  const std::string dir = vm["dir"].as<std::string>();
  const auto loaded = load_and_validate(vm);
  const std::filesystem::path output_dir = vm["output-dir"].as<std::string>();
  const auto header_path = output_dir / options.header_name;

  // The depfile is written even when the migrations are invalid, so that fixing
  // or adding a file re-runs the generator.
  if (vm.count("depfile")) {
    write_if_changed(vm["depfile"].as<std::string>(), make_depfile(header_path, dir, loaded.inputs));
  }
  const int status = report(loaded, dir, parsed->color_stderr);
  if (status != exit_ok) return status;

  const auto code = emit(loaded.migrations, options, loaded.requirements);
  write_if_changed(header_path, code.header);
  write_if_changed(output_dir / source_name_for(options.header_name), code.source);
  return exit_ok;
}

}  // namespace embedded_migrations::generator::cli
