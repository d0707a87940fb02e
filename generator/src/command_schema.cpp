// embed-migrations schema, and the schema checks check and generate share.
#include "cli.hpp"
#include "commands.hpp"
#include "output_files.hpp"
#include "schema/schema_history.hpp"

#include <embedded_migrations/verify_schema.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <iostream>
#include <variant>

namespace embedded_migrations::generator::cli {
namespace {

std::string table_of(const po::variables_map& options) {
  return options.count("table") ? options["table"].as<std::string>() : std::string("migrations");
}

// The command that rewrites `file`, with every option that changes the replay:
// without --foreign-keys or --table, say, the same set may not replay at all.
std::string update_command(const po::variables_map& options, const std::string& file) {
  std::string command = fmt::format("embed-migrations schema --dir {} --output {}", options["dir"].as<std::string>(), file);
  if (options.count("function")) {
    for (const auto& f : options["function"].as<std::vector<std::string>>()) command += " --function " + f;
  }
  if (table_of(options) != "migrations") command += " --table " + table_of(options);
  const auto given = [&](const char* name) { return options.count(name) && !options[name].defaulted(); };
  for (const char* limit : {"replay-timeout", "replay-memory"}) {
    if (given(limit)) command += fmt::format(" --{} {}", limit, options[limit].as<std::int64_t>());
  }
  for (const char* setting : {"foreign-keys", "min-sqlite", "seed-dir"}) {
    if (given(setting)) command += fmt::format(" --{} {}", setting, options[setting].as<std::string>());
  }
  if (options.count("allow-empty")) command += " --allow-empty";
  // generate knows the target (--owner, which add_embedded_migrations passes) whose _update_schema rewrites FILE.
  const std::string target = options.count("owner") ? options["owner"].as<std::string>() : "<target>";
  return command + fmt::format(" (in a CMake build: cmake --build <build-dir> --target {}_update_schema)", target);
}

}  // namespace

schema_check_settings schema_settings(const po::variables_map& options) {
  schema_check_settings settings;
  settings.functions = declared_functions(options);
  settings.table = table_of(options);
  settings.fresh_snapshot = options.count("fresh-snapshot") > 0;
  settings.foreign_keys = foreign_keys_on(options);
  const std::string mode = options.count("destructive") ? options["destructive"].as<std::string>() : "report";
  if (mode != "report" && mode != "error") throw usage_error("--destructive takes report or error");
  settings.destructive = mode == "error" ? destructive_policy::error : destructive_policy::report;
  if (options.count("schema-file")) {
    settings.schema_file = options["schema-file"].as<std::string>();
    settings.update_command = update_command(options, settings.schema_file->string());
  }
  const bool needs_replay =
      settings.schema_file || settings.destructive == destructive_policy::error || settings.fresh_snapshot;
  if (needs_replay && options.count("no-validate")) {
    throw usage_error("--schema-file, --destructive error and --fresh-snapshot need the SQL replayed; drop --no-validate");
  }
  return settings;
}

void drop_notes_of_schema_checks(migration_directory& loaded, std::size_t first) {
  auto& all = loaded.diagnostics;
  const auto begin = all.begin() + static_cast<std::ptrdiff_t>(std::min(first, all.size()));
  all.erase(std::remove_if(begin, all.end(), [](const diagnostic& d) { return d.level == severity::note; }), all.end());
}

std::optional<schema_check_result> run_schema_checks(const po::variables_map& options, validated_directory& loaded) {
  auto settings = schema_settings(options);
  settings.sqlite_requirement = loaded.requirements.version;
  if (loaded.has_errors() || options.count("no-validate")) return std::nullopt;
  // The fresh snapshot's replay gets the build replay's bounds, which load_and_validate() checked.
  if (options.count("replay-timeout")) {
    settings.limits.time = std::chrono::seconds(options["replay-timeout"].as<std::int64_t>());
  }
  if (options.count("replay-memory")) settings.limits.memory_mib = options["replay-memory"].as<std::int64_t>();
  return check_schema(loaded.migrations, loaded.schema, options["dir"].as<std::string>(), settings, loaded.diagnostics);
}

int verify_database(const po::variables_map& options, const migration_directory& loaded,
                    const schema_history& history, sqlite3* db, bool color) {
  const auto table = table_of(options);
  if (history.destructive.size() != loaded.migrations.size()) {
    throw std::runtime_error(fmt::format(
        "{}: the migrations do not replay, so the schema they produce is unknown; 'embed-migrations check' says why "
        "(declare the application's functions the migrations call with --function NAME/NARGS)",
        options["dir"].as<std::string>()));
  }
  const auto snapshot = snapshot_text(loaded.migrations, history);
  const auto list = runtime_migrations(loaded.migrations);
  embedded_migrations::options opts;
  opts.table_name = table;
  const auto report = verify_schema(db, migration_set(list.data(), list.size(), {}, snapshot), opts);
  if (report.state != schema_state::comparable) {
    std::cout << fmt::format("{} not verified ({}): only a database that has applied exactly the migrations of the "
                             "directory has a known schema\n",
                             styled("schema:", style::warning, color), to_string(report.state));
    return exit_out_of_sync;
  }
  if (!report.has_drift()) {
    std::cout << fmt::format("{} matches the schema the migrations produce\n", styled("schema:", style::good, color));
    return exit_ok;
  }
  std::cout << fmt::format("{} {} difference{} from the schema the migrations produce:\n{}",
                           styled("schema:", style::error, color), report.differences.size(),
                           report.differences.size() == 1 ? "" : "s", describe(report));
  std::cout << "Undo the changes made outside the migrations, or put them in a new migration.\n";
  return exit_out_of_sync;
}

int run_schema(const std::vector<std::string>& args) {
  po::options_description desc(
      "Usage: embed-migrations schema --dir DIR [--output FILE] [--table NAME] [--function NAME/NARGS]...\n"
      "                               [--replay-timeout SECONDS] [--replay-memory MIB] [--allow-empty]\n"
      "\n"
      "Checks DIR as 'check' does, applies its migrations to a fresh in-memory database and prints the\n"
      "schema they produce in its canonical form: every table, index, view and trigger as SQLite stores\n"
      "it, sorted by type and name. With --output, writes FILE instead, only when its content changes.\n"
      "Commit that file: 'check --schema-file' and 'generate --schema-file' fail when it is stale.\n"
      "Example: embed-migrations schema --dir migrations --output db/schema.sql\n"
      "\n"
      "Options");
  add_directory_options(desc);
  desc.add_options()
      ("output", po::value<std::string>()->value_name("FILE"), "write the schema to FILE instead of stdout");
  add_table_option(desc);
  add_validation_options(desc);
  add_output_options(desc);
  const auto parsed = parse(args, desc);
  if (!parsed) return exit_ok;
  const auto& vm = parsed->options;
  if (vm.count("no-validate")) throw usage_error("the schema comes from replaying the SQL; drop --no-validate");
  const std::string dir = vm["dir"].as<std::string>();
  auto loaded = load_and_validate(vm);
  const auto replay_diagnostics = loaded.diagnostics.size();
  const auto result = run_schema_checks(vm, loaded);
  drop_notes_of_schema_checks(loaded, replay_diagnostics);
  if (const int status = report(loaded, dir, parsed->color_stderr); status != exit_ok) return status;
  if (!result) return exit_invalid;
  if (vm.count("output")) {
    write_if_changed(vm["output"].as<std::string>(), result->snapshot);
  } else {
    std::cout << result->snapshot;
  }
  return exit_ok;
}

}  // namespace embedded_migrations::generator::cli
