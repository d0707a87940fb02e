#include "cli.hpp"
#include "commands.hpp"
#include "output/json.hpp"
#include "runtime_error_line.hpp"

#include <embedded_migrations/migration_error.hpp>
#include <embedded_migrations/status.hpp>

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <iostream>

namespace embedded_migrations::generator::cli {
namespace {

style style_of(migration_state state) {
  switch (state) {
    case migration_state::applied: return style::good;
    case migration_state::pending: return style::warning;
    default: return style::error;
  }
}

std::string detail_of(const migration_status& s) {
  switch (s.state) {
    case migration_state::modified:
      if (s.recorded_filename != s.filename) {
        return fmt::format("version applied as {}: renumbered after it ran", s.recorded_filename);
      }
      return fmt::format("file changed after it ran: recorded {:.12}, file {:.12}", s.recorded_checksum,
                         s.embedded_checksum);
    case migration_state::unknown: return "applied by a newer version: not in this directory";
    case migration_state::incomplete: return "-- no-transaction migration started, never finished";
    default: return {};
  }
}

}  // namespace

int run_status(const std::vector<std::string>& args) {
  po::options_description desc(
      "Usage: embed-migrations status --db FILE [--dir DIR] [--table NAME] [--exit-code] [--format text|json]\n"
      "                               [--verify [--function NAME/NARGS]...]\n"
      "\n"
      "Shows every migration of DIR and of the database: applied (when), pending, modified\n"
      "since it was applied, incomplete, or unknown to DIR (the database is ahead). Opens the\n"
      "database read-only and never creates it, and names the oldest SQLite the migrations run on.\n"
      "Example: embed-migrations status --db app.db --exit-code || echo 'needs migrating'\n"
      "\n"
      "Options");
  add_directory_options(desc, "migrations");
  add_database_options(desc);
  add_table_option(desc);
  desc.add_options()
      ("exit-code", "exit with 3 when anything is pending, modified, incomplete or unknown");
  add_verify_options(desc);
  add_output_options(desc, {output::output_format::text, output::output_format::json});
  const auto parsed = parse(args, desc);
  if (!parsed) return exit_ok;
  const auto& vm = parsed->options;
  const std::string dir = vm["dir"].as<std::string>();
  const auto loaded = load_migration_directory(dir, vm.count("allow-empty") > 0);
  const bool json = parsed->format == output::output_format::json;
  if (json && vm.count("verify")) throw usage_error("--verify prints its differences as text; drop --format json");
  if (report(loaded, dir, parsed->color_stderr) != exit_ok) {
    if (json) std::cout << output::to_text(output::invalid_directory_document(loaded.diagnostics, dir));
    return exit_invalid;
  }

  options opts;
  opts.table_name = table_name(vm);
  // A database that does not exist yet has everything pending: read an empty one.
  const std::string path = vm["db"].as<std::string>();
  const bool exists = std::filesystem::exists(path);
  const auto db = open_database(exists ? path : ":memory:", SQLITE_OPEN_READONLY);

  const auto list = runtime_migrations(loaded.migrations);
  const migration_set set(list.data(), list.size());
  std::vector<migration_status> rows;
  try {
    rows = status(db.get(), set, opts);
  } catch (const migration_error& e) {
    if (json) throw;  // main() reports it as a JSON document
    std::cerr << runtime_error_line(e, parsed->color_stderr, path);
    return exit_invalid;
  }
  if (json) {
    std::cout << output::to_text(output::status_document(rows, output::requirements_of(set, opts.table_name), exists));
    const bool all_applied = std::all_of(rows.begin(), rows.end(), [](const migration_status& row) {
      return row.state == migration_state::applied;
    });
    return vm.count("exit-code") && !all_applied ? exit_out_of_sync : exit_ok;
  }

  std::size_t name_width = 4;
  for (const auto& row : rows) name_width = std::max(name_width, row.filename.size());
  const bool color = parsed->color_stdout;
  std::cout << styled(fmt::format("{:<16} {:<{}}  {:<10} {}", "VERSION", "FILE", name_width, "STATE", "APPLIED AT"),
                      style::strong, color)
            << '\n';
  std::size_t counts[5] = {};
  for (const auto& row : rows) {
    ++counts[static_cast<std::size_t>(row.state)];
    const auto state = fmt::format("{:<10}", to_string(row.state));
    auto line = fmt::format("{:<16} {:<{}}  {} {:<19} {}", row.version, row.filename, name_width,
                            styled(state, style_of(row.state), color), row.applied_at, detail_of(row));
    line.erase(line.find_last_not_of(' ') + 1);
    std::cout << line << '\n';
  }
  std::cout << fmt::format("{}: {} applied, {} pending, {} modified, {} incomplete, {} unknown\n",
                           exists ? path : path + " (does not exist yet)",
                           counts[static_cast<std::size_t>(migration_state::applied)],
                           counts[static_cast<std::size_t>(migration_state::pending)],
                           counts[static_cast<std::size_t>(migration_state::modified)],
                           counts[static_cast<std::size_t>(migration_state::incomplete)],
                           counts[static_cast<std::size_t>(migration_state::unknown)]);
  // What the set needs of SQLite, as the build embeds it (apply() checks it).
  // With --verify, the same replay records the schema the migrations produce.
  const bool verify = vm.count("verify") > 0;
  schema_history history;
  std::cout << describe_sqlite_needs(loaded, dir, opts.table_name, verify ? &history : nullptr,
                                     verify ? declared_functions(vm) : std::vector<declared_function>())
            << fmt::format("; this SQLite is {}\n", sqlite3_libversion());
  const bool in_sync = counts[static_cast<std::size_t>(migration_state::applied)] == rows.size();
  const int verified = verify ? verify_database(vm, loaded, history, db.get(), color) : exit_ok;
  return (vm.count("exit-code") && !in_sync) || verified != exit_ok ? exit_out_of_sync : exit_ok;
}

}  // namespace embedded_migrations::generator::cli
