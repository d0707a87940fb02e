#include "cli.hpp"
#include "commands.hpp"
#include "emitter.hpp"
#include "output_files.hpp"

#include <fmt/format.h>

#include <iostream>

namespace embedded_migrations::generator::cli {

int run_generate(const std::vector<std::string>& args) {
  po::options_description desc(
      "Usage: embed-migrations generate --dir DIR --output-dir OUT --namespace NS --header NAME\n"
      "                                 [--owner TARGET] [--depfile FILE] [--stamp FILE [--check-stamp]]\n"
      "                                 [--comment TEXT] [--table NAME] [--function NAME/NARGS]...\n"
      "                                 [--replay-timeout SECONDS] [--replay-memory MIB] [--min-sqlite VERSION]\n"
      "                                 [--foreign-keys on|off] [--seed-dir DIR]\n"
      "                                 [--no-validate] [--allow-empty] [--schema-file FILE]\n"
      "                                 [--destructive report|error] [--fresh-snapshot]\n"
      "\n"
      "Checks every migration in DIR as 'check' does and writes OUT/NAME (declaring NS::migrations()) and the\n"
      "matching .cpp beside it, with the schema the migrations produce for verify_schema(). Files are only\n"
      "rewritten when their content changes.\n"
      "Example: embed-migrations generate --dir migrations --output-dir build/gen \\\n"
      "           --namespace app::schema --header app_schema.hpp\n"
      "\n"
      "Options");
  add_directory_options(desc);
  desc.add_options()
      ("output-dir", po::value<std::string>()->required()->value_name("OUT"), "where to write the header and source")
      ("namespace", po::value<std::string>()->required()->value_name("NS"), "C++ namespace of migrations()")
      ("header", po::value<std::string>()->required()->value_name("NAME"), "include name of the generated header")
      ("owner", po::value<std::string>()->value_name("TARGET"),
       "what the set is compiled into; names the function that makes two sets in one namespace fail to link")
      ("depfile", po::value<std::string>()->value_name("FILE"), "also write a Make-style depfile for the build")
      ("stamp", po::value<std::string>()->value_name("FILE"),
       "write FILE after every successful run, and make it the depfile's target: a build rule's output that is "
       "always newer than its inputs, while the header and source keep their time when unchanged")
      ("check-stamp", po::bool_switch(),
       "do nothing when the stamp, from a run with the same arguments, is newer than every input the depfile "
       "lists (for build tools that run the generator every time)")
      ("comment", po::value<std::string>()->value_name("TEXT"), "print TEXT when about to check and generate");
  add_table_option(desc);
  add_validation_options(desc);
  add_schema_options(desc);
  add_output_options(desc);
  const auto parsed = parse(args, desc);
  if (!parsed) return exit_ok;
  const auto& vm = parsed->options;

  const emit_options options{vm["namespace"].as<std::string>(), vm["header"].as<std::string>(), table_name(vm),
                             vm.count("owner") ? vm["owner"].as<std::string>() : std::string()};
  if (auto problem = check_namespace(options.cpp_namespace)) throw usage_error(*problem);
  if (auto problem = check_header_name(options.header_name)) throw usage_error(*problem);

  const std::string dir = vm["dir"].as<std::string>();
  const std::filesystem::path output_dir = vm["output-dir"].as<std::string>();
  const auto header_path = output_dir / options.header_name;
  const auto source_path = output_dir / source_name_for(options.header_name);
  const std::filesystem::path stamp_path = vm.count("stamp") ? vm["stamp"].as<std::string>() : std::string();
  // What the stamp records: a run with other arguments, or another version,
  // may write other code.
  std::string stamp_text = fmt::format("{} {}\n", program, EMBEDDED_MIGRATIONS_VERSION);
  for (const auto& arg : args) stamp_text += arg + "\n";
  if (vm["check-stamp"].as<bool>()) {
    if (stamp_path.empty() || !vm.count("depfile")) throw usage_error("--check-stamp needs --stamp and --depfile");
    // A rebuilt generator may write other code. Where the running executable
    // cannot be found (no /proc), never skip: correct, only not silent.
    std::error_code ec;
    const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec && outputs_are_current(stamp_path, stamp_text, vm["depfile"].as<std::string>(),
                                   {header_path, source_path}, self)) {
      return exit_ok;
    }
  }
  if (vm.count("comment")) std::cout << vm["comment"].as<std::string>() << std::endl;

  auto loaded = load_and_validate(vm);
  const auto replay_diagnostics = loaded.diagnostics.size();
  const auto schema = run_schema_checks(vm, loaded);
  drop_notes_of_schema_checks(loaded, replay_diagnostics);
  // Editing the committed snapshot re-runs the generator, which checks it again.
  if (vm.count("schema-file") && std::filesystem::exists(vm["schema-file"].as<std::string>())) {
    loaded.inputs.push_back(vm["schema-file"].as<std::string>());
  }

  // The depfile is written even when the migrations are invalid, so that fixing
  // or adding a file re-runs the generator.
  if (vm.count("depfile")) {
    const auto& target = stamp_path.empty() ? header_path : stamp_path;
    write_if_changed(vm["depfile"].as<std::string>(), make_depfile(target, dir, loaded.inputs));
  }
  const int status = report(loaded, dir, parsed->color_stderr);
  if (status != exit_ok) return status;

  emit_options embedded = options;
  embedded.foreign_keys = foreign_keys_on(vm);
  if (schema) {
    embedded.schema = schema->snapshot;
    embedded.destructive = schema->destructive;
    embedded.fresh_snapshot = schema->fresh.script;
    embedded.fresh_snapshot_refusal = schema->fresh.refusal;
  }
  const auto code = emit(loaded.migrations, embedded, loaded.requirements);
  write_if_changed(header_path, code.header);
  write_if_changed(source_path, code.source);
  if (!stamp_path.empty()) write_stamp(stamp_path, stamp_text);
  return exit_ok;
}

}  // namespace embedded_migrations::generator::cli
