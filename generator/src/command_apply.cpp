#include "cli.hpp"
#include "commands.hpp"
#include "output/plan_text.hpp"
#include "runtime_error_line.hpp"

#include <embedded_migrations/apply.hpp>
#include <embedded_migrations/migration_error.hpp>
#include <embedded_migrations/plan.hpp>

#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <optional>

namespace embedded_migrations::generator::cli {
namespace {

// --dry-run: plan() on the database, opened without creating it. A file that
// does not exist is planned as the empty database apply would create, which
// has nothing to back up.
int dry_run(const std::string& path, const migration_set& set, options opts, const parsed_command& parsed) {
  const bool created = !std::filesystem::exists(path);
  const auto db = open_database(created ? ":memory:" : path, SQLITE_OPEN_READWRITE);
  if (created) opts.backup = {};
  const auto planned = plan(db.get(), set, opts);
  std::cout << output::describe_plan(planned, path, created, parsed.color_stdout);
  if (planned.error) {
    const auto& e = *planned.error;
    std::cerr << runtime_error_line(migration_error(static_cast<error_code>(e.code.value()), e.message, e.filename,
                                                    e.sqlite_code, e.line, e.column),
                                    parsed.color_stderr, path);
    return exit_invalid;
  }
  return planned.is_up_to_date() ? exit_ok : exit_out_of_sync;
}

// The set as the build embeds it: applied in the foreign-key mode it was replayed in.
migration_set set_as_embedded(const std::vector<migration>& list, const po::variables_map& vm) {
  return {list.data(), list.size(), {}, 0, {}, {}, {}, {}, foreign_keys_on(vm) ? foreign_keys_mode::on : foreign_keys_mode::off};
}

}  // namespace

int run_apply(const std::vector<std::string>& args) {
  po::options_description desc(
      "Usage: embed-migrations apply --db FILE [--dir DIR] [--table NAME] [--atomic] [--baseline VERSION]\n"
      "                              [--adopt TOOL] [--foreign-keys on|off] [--no-validate]\n"
      "                              [--dry-run] [--backup PATH [--backup-keep N]]\n"
      "\n"
      "Checks DIR as 'check' does, then applies what is pending to the database (created if\n"
      "missing) with the same runtime code an application's embedded migrations use.\n"
      "With --dry-run it prints what it would do and writes nothing: exit 0 when nothing is\n"
      "pending, 3 when something is, 1 with the error apply would stop at.\n"
      "Example: embed-migrations apply --db app.db --dir migrations --backup app-before.db\n"
      "\n"
      "Options");
  add_directory_options(desc, "migrations");
  add_database_options(desc);
  add_table_option(desc);
  desc.add_options()
      ("atomic", "apply every pending migration in one transaction: all or nothing")
      ("baseline", po::value<std::int64_t>()->value_name("VERSION"),
       "adopt a database made without us: record migrations up to VERSION as applied without running them")
      ("adopt", po::value<std::string>()->value_name("TOOL"),
       "carry on a database another tool migrated: record what its table says it applied (sqlx, goose, "
       "golang-migrate, dbmate, diesel, refinery, flyway, sql-migrate), then apply the rest")
      ("dry-run", "print what apply would do, and write nothing")
      ("backup", po::value<std::string>()->value_name("PATH"),
       "copy the database to PATH before the first write (never over an existing file; no copy when nothing "
       "is pending)")
      ("backup-keep", po::value<std::size_t>()->value_name("N"),
       "keep at most N of the copies --backup made of this database, deleting the oldest");
  add_validation_options(desc);
  add_output_options(desc);
  const auto parsed = parse(args, desc);
  if (!parsed) return exit_ok;
  const auto& vm = parsed->options;
  if (vm.count("function")) {
    // A declaration lets the replay stand in for the function; this process
    // cannot register the application's own, so the first call would fail with
    // 'no such function' halfway through the set, after the migrations before it
    // committed (and a -- no-transaction one would leave its claim).
    throw usage_error(
        "apply cannot provide application functions (--function): the migrations that call them would fail with "
        "'no such function' halfway through; apply this set from the application, which registers them before "
        "apply()");
  }
  const std::string dir = vm["dir"].as<std::string>();
  const auto loaded = load_and_validate(vm);
  if (report(loaded, dir, parsed->color_stderr) != exit_ok) return exit_invalid;

  std::optional<adopt_format> adopt_from;
  if (vm.count("adopt")) {
    adopt_from = adopt_format_from_string(vm["adopt"].as<std::string>());
    if (!adopt_from || *adopt_from == adopt_format::none) {
      throw usage_error(fmt::format("--adopt takes sqlx, goose, golang-migrate, dbmate, diesel, refinery, flyway or sql-migrate, "
                                    "not '{}'",
                                    vm["adopt"].as<std::string>()));
    }
  }
  options opts;
  opts.table_name = table_name(vm);
  const std::string path = vm["db"].as<std::string>();
  if (vm.count("backup")) opts.backup = vm["backup"].as<std::string>();
  if (vm.count("backup-keep")) {
    if (!vm.count("backup")) throw usage_error("--backup-keep needs --backup");
    opts.backup_keep = vm["backup-keep"].as<std::size_t>();
  }
  opts.atomic = vm.count("atomic") > 0;
  if (vm.count("baseline")) opts.baseline_version = vm["baseline"].as<std::int64_t>();
  if (adopt_from) opts.adopt_from = *adopt_from;
  const auto list = runtime_migrations(loaded.migrations);
  // Every option above is set: the plan is what apply with them would do.
  if (vm.count("dry-run")) return dry_run(path, set_as_embedded(list, vm), opts, *parsed);
  const auto db = open_database(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);

  const bool color = parsed->color_stdout;
  opts.on_event = [&](const event& e) {
    const auto where = fmt::format("[{}/{}] {}", e.position, e.pending_count, e.filename);
    switch (e.kind) {
      case event_kind::started: std::cout << fmt::format("applying {} ...", where) << std::endl; break;
      case event_kind::applied:
        std::cout << fmt::format("{} {} in {:.1f} ms", styled("applied ", style::good, color), where,
                                 static_cast<double>(e.duration.count()) / 1000.0)
                  << std::endl;
        break;
      case event_kind::failed: std::cout << fmt::format("{} {}", styled("failed  ", style::error, color), where) << std::endl; break;
      case event_kind::out_of_order:
        std::cout << fmt::format("{} {} is older than the newest applied migration", styled("note:", style::note, color),
                                 e.filename)
                  << std::endl;
        break;
      case event_kind::destructive:
        std::cout << fmt::format("{} {} {}", styled("note:", style::note, color), e.filename, e.message) << std::endl;
        break;
      case event_kind::baselined:
        std::cout << fmt::format("{} {} (recorded without running)", styled("baseline", style::good, color), e.filename)
                  << std::endl;
        break;
      case event_kind::adopted:
        std::cout << fmt::format("{} {} (applied by {}; recorded without running)", styled("adopted ", style::good, color),
                                 e.filename, to_string(opts.adopt_from))
                  << std::endl;
        break;
    }
  };
  const bool backup_existed = vm.count("backup") && std::filesystem::exists(vm["backup"].as<std::string>());
  try {
    const auto result = embedded_migrations::apply(db.get(), set_as_embedded(list, vm), opts);
    if (!result.backup.empty()) std::cout << fmt::format("copied {} to {} first\n", path, result.backup);
    if (result.was_up_to_date()) {
      std::cout << fmt::format("{} is up to date ({} applied)\n", path, result.already_applied);
    } else {
      std::cout << fmt::format("{}: {} migration{} applied\n", path, result.applied.size(),
                               result.applied.size() == 1 ? "" : "s");
    }
  } catch (const migration_error& e) {
    std::cerr << runtime_error_line(e, parsed->color_stderr, path);
    // The runtime's message names restore(), the C++ call; here the operator
    // needs the command. A copy this run made is one that was not there before
    // (--backup never overwrites a file).
    if (vm.count("backup") && !backup_existed && std::filesystem::exists(vm["backup"].as<std::string>())) {
      std::cerr << fmt::format("{} to put it back: embed-migrations restore --db {} --from {}\n",
                               styled("note:", style::note, parsed->color_stderr), path, vm["backup"].as<std::string>());
    }
    return exit_invalid;
  }
  return exit_ok;
}

}  // namespace embedded_migrations::generator::cli
