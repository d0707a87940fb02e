#include "cli.hpp"

#include "emitter.hpp"
#include "checks/populated_tables.hpp"
#include "checks/seed_data.hpp"
#include "checks/sqlite_feature_check.hpp"
#include "output/failure.hpp"
#include "output/github.hpp"
#include "replay/replay.hpp"
#include "replay/statement_rules.hpp"

#include "detail/failure.hpp"

#include <sqlite3.h>

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <system_error>
#include <variant>

namespace embedded_migrations::generator::cli {

void add_directory_options(po::options_description& desc, const char* default_dir) {
  auto* dir = po::value<std::string>()->value_name("DIR");
  if (default_dir) {
    dir->default_value(default_dir);
  } else {
    dir->required();
  }
  desc.add_options()
      ("dir", dir, "directory holding the *.sql migrations")
      ("allow-empty", "accept a directory without migrations");
}

void add_database_options(po::options_description& desc) {
  desc.add_options()("db", po::value<std::string>()->required()->value_name("FILE"), "the SQLite database");
}

void add_table_option(po::options_description& desc) {
  desc.add_options()("table", po::value<std::string>()->default_value("migrations")->value_name("NAME"),
                     "the tracking table: where applied migrations are recorded, and which no migration may touch");
}

void add_validation_options(po::options_description& desc) {
  const replay_limits defaults;
  desc.add_options()
      ("function", po::value<std::vector<std::string>>()->composing()->value_name("NAME/NARGS"),
       "an application-defined SQL function the migrations call (repeatable; NARGS -1: any)")
      ("replay-timeout", po::value<std::int64_t>()->default_value(defaults.time.count())->value_name("SECONDS"),
       "the longest one migration's replay may take")
      ("replay-memory", po::value<std::int64_t>()->default_value(defaults.memory_mib)->value_name("MIB"),
       "the most memory (MiB) SQLite may take while a migration replays, beyond what it holds when the migration "
       "starts (the schema earlier migrations built)")
      ("foreign-keys", po::value<std::string>()->default_value("off")->value_name("on|off"),
       "whether the application runs the migrations with PRAGMA foreign_keys on; the replay runs so "
       "(off, SQLite's default, unless the application turns it on)")
      ("min-sqlite", po::value<std::string>()->value_name("VERSION"),
       "the oldest SQLite the application runs on (e.g. 3.31.0): a migration that needs a newer one fails the build")
      ("seed-dir", po::value<std::string>()->value_name("DIR"),
       "NNN_description.sql files of rows the replay loads right after migration NNN, so that the later migrations "
       "are checked on data (never embedded)")
      ("no-validate", "check names and content only; do not replay the SQL");
}

bool foreign_keys_on(const po::variables_map& options) {
  const auto mode = options["foreign-keys"].as<std::string>();
  if (mode == "on") return true;
  if (mode == "off") return false;
  throw usage_error(fmt::format("--foreign-keys takes on or off, not '{}'", mode));
}

std::string table_name(const po::variables_map& options) {
  auto name = options["table"].as<std::string>();
  if (auto problem = check_table_name(name)) throw usage_error(*problem);
  return name;
}

void add_output_options(po::options_description& desc, const std::vector<output::output_format>& formats) {
  if (formats.size() > 1) {
    const auto accepted = output::list_formats(formats);
    auto* format = po::value<std::string>()->default_value("text")->value_name("FORMAT");
    format->notifier([formats, accepted](const std::string& text) {
      const auto named = output::parse_output_format(text);
      if (!named || std::find(formats.begin(), formats.end(), *named) == formats.end()) {
        throw usage_error(fmt::format("--format takes {} here, not '{}'", accepted, text));
      }
    });
    desc.add_options()("format", format, fmt::format("print the report as {}", accepted).c_str());
  }
  desc.add_options()
      ("color", po::value<std::string>()->default_value("auto")->value_name("WHEN"),
       "colour output: auto (on a terminal, unless NO_COLOR is set), always or never")
      ("help,h", "show this help");
}

// --- schema snapshot and destructive changes (issue 13) ---
void add_schema_options(po::options_description& desc) {
  desc.add_options()
      ("schema-file", po::value<std::string>()->value_name("FILE"),
       "fail unless FILE holds the schema the migrations produce (write it with 'embed-migrations schema')")
      ("destructive", po::value<std::string>()->default_value("report")->value_name("MODE"),
       "migrations that drop or rename tables or columns, or change a column's type: 'report' them as notes, or "
       "make each an 'error' unless a '-- destructive: <reason>' comment line acknowledges it")
      ("fresh-snapshot", "embed the final schema and rows for options::fresh_from_snapshot when the build can prove "
       "that equivalent to running the migrations (else embed why not)");
}

void add_verify_options(po::options_description& desc) {
  desc.add_options()
      ("verify", "also compare the database's schema with the one the migrations produce; exit with 3 on drift")
      ("function", po::value<std::vector<std::string>>()->composing()->value_name("NAME/NARGS"),
       "with --verify: an application-defined SQL function the migrations call (repeatable)");
}
// --- end of schema ---

std::optional<parsed_command> parse(const std::vector<std::string>& args, const po::options_description& desc,
                                    const po::positional_options_description* positional) {
  parsed_command parsed;
  // Without a description of the positional arguments Boost ignores them; an
  // empty one makes any a usage error ("too many positional options").
  const po::positional_options_description none;
  auto parser = po::command_line_parser(args).options(desc).positional(positional ? *positional : none);
  try {
    po::store(parser.run(), parsed.options);
  } catch (const po::too_many_positional_options_error&) {
    // Boost does not say which argument was one too many: the first beyond those the command takes.
    const auto loose = po::collect_unrecognized(
        po::command_line_parser(args).options(desc).allow_unregistered().run().options, po::include_positional);
    const auto taken = positional ? positional->max_total_count() : 0;
    const std::string stray = loose.size() > taken ? loose[taken] : loose.empty() ? "" : loose.back();
    throw po::error(fmt::format("unexpected argument '{}': no option takes it; remove it, or write the option "
                                "it is a value of before it (quote a value that holds spaces)",
                                stray));
  }
  if (parsed.options.count("help")) {
    std::cout << desc << '\n';
    return std::nullopt;
  }
  po::notify(parsed.options);
  color_mode mode = color_mode::automatic;
  if (parsed.options.count("color") && !parse_color_mode(parsed.options["color"].as<std::string>(), mode)) {
    throw usage_error("--color takes auto, always or never");
  }
  parsed.color_stdout = use_color(mode, stdout);
  parsed.color_stderr = use_color(mode, stderr);
  if (parsed.options.count("format")) {
    parsed.format = *output::parse_output_format(parsed.options["format"].as<std::string>());
  }
  output::set_failure_format(parsed.format);
  return parsed;
}

validated_directory load_and_validate(const po::variables_map& options) {
  const std::string dir = options["dir"].as<std::string>();
  validated_directory loaded{load_migration_directory(dir, options.count("allow-empty") > 0), {}, {}, {}};
  version_gate gate;
  gate.build_version = sqlite3_libversion_number();
  if (options.count("min-sqlite")) {
    auto parsed = parse_sqlite_version(options["min-sqlite"].as<std::string>());
    if (auto* problem = std::get_if<std::string>(&parsed)) throw usage_error("--min-sqlite: " + *problem);
    gate.min_version = std::get<int>(parsed);
  }
  sqlite_feature_check features;
  populated_tables_check populated;
  replay_options replay;
  replay.checks.push_back(&features);
  replay.history = &loaded.schema;  // the snapshot and destructive changes ride on this one replay
  replay.checks.push_back(&populated);
  std::optional<seed_data_check> seeds;
  if (options.count("seed-dir")) {
    if (options.count("no-validate")) throw usage_error("--seed-dir needs the SQL replayed; drop --no-validate");
    std::error_code ec;
    if (std::filesystem::equivalent(dir, options["seed-dir"].as<std::string>(), ec)) {
      throw usage_error("--seed-dir names the migrations directory; keep the seed files in a directory of their own");
    }
    seeds.emplace(load_seed_directory(options["seed-dir"].as<std::string>(), loaded));
    replay.checks.push_back(&*seeds);
  }
  replay.tracking_table = table_name(options);
  // Bounds that keep seconds and bytes far from overflowing: a week, a TiB.
  constexpr std::int64_t max_seconds = 7 * 24 * 3600, max_mib = 1024 * 1024;
  const auto timeout = options["replay-timeout"].as<std::int64_t>();
  if (timeout < 1 || timeout > max_seconds) {
    throw usage_error(fmt::format("--replay-timeout takes a number of seconds from 1 to {}, not {}", max_seconds, timeout));
  }
  const auto memory = options["replay-memory"].as<std::int64_t>();
  if (memory < 1 || memory > max_mib) {
    throw usage_error(fmt::format("--replay-memory takes a number of MiB from 1 to {}, not {}", max_mib, memory));
  }
  replay.foreign_keys = foreign_keys_on(options);
  replay.limits.time = std::chrono::seconds(timeout);
  replay.limits.memory_mib = memory;
  replay.functions = declared_functions(options);
  // Rules one statement shows are reported for every file at once; the
  // replay, which stops at the first failing file, runs only without them.
  check_statement_rules(loaded.migrations, dir, replay.tracking_table, loaded.diagnostics);
  if (!loaded.has_errors() && options.count("no-validate") == 0 &&
      replay_migrations(loaded.migrations, dir, replay, loaded.diagnostics)) {
    check_version_gate(loaded.migrations, dir, features.features(), gate, loaded.diagnostics);
    loaded.requirements = set_requirements(features.features());
    loaded.requirements_text = describe_requirements(loaded.migrations, dir, features.features());
  }
  return loaded;
}

std::vector<declared_function> declared_functions(const po::variables_map& options) {
  std::vector<declared_function> functions;
  if (!options.count("function")) return functions;
  for (const auto& text : options["function"].as<std::vector<std::string>>()) {
    auto parsed = parse_function_declaration(text);
    if (auto* problem = std::get_if<std::string>(&parsed)) throw usage_error(*problem);
    functions.push_back(std::get<declared_function>(std::move(parsed)));
  }
  return functions;
}

std::string describe_sqlite_needs(const migration_directory& loaded, const std::string& dir, const std::string& table,
                                  schema_history* history, const std::vector<declared_function>& functions) {
  sqlite_feature_check features;
  replay_options replay;
  replay.tracking_table = table;
  replay.checks.push_back(&features);
  replay.history = history;
  replay.functions = functions;
  std::vector<diagnostic> ignored;
  if (!replay_migrations(loaded.migrations, dir, replay, ignored)) {
    return fmt::format("{}: the SQLite version it needs is unknown, as it does not replay (embed-migrations check "
                       "says why)",
                       dir);
  }
  return fmt::format("{}: needs {}", dir, describe_requirements(loaded.migrations, dir, features.features()));
}

int report(const migration_directory& loaded, const std::string& dir, bool color, output::output_format format) {
  std::size_t errors = 0;
  for (const auto& d : loaded.diagnostics) {
    if (format == output::output_format::github) {
      std::cout << output::workflow_command(d) << '\n';
    } else {
      std::cerr << format_diagnostic(d, color) << '\n';
    }
    if (d.level == severity::error) ++errors;
  }
  if (errors == 0) return exit_ok;
  std::cerr << fmt::format("{}: {} error{} in {}\n", program, errors, errors == 1 ? "" : "s", dir);
  return exit_invalid;
}

detail::connection_ptr open_database(const std::string& path, int flags) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  detail::connection_ptr db(raw);
  if (rc != SQLITE_OK) {
    std::error_code ec;
    const auto remedy = std::filesystem::is_directory(path, ec)
                            ? "it is a directory: name the database file in it"
                            : "name an SQLite database file (apply creates a missing one) in a directory that exists "
                              "and that this process may read and write";
    const auto message = fmt::format("cannot open {}: {}; {}", path, sqlite3_errmsg(raw), remedy);
    throw migration_error(detail::classify(rc, error_code::io_error), message, {}, sqlite3_extended_errcode(raw));
  }
  return db;
}

std::vector<migration> runtime_migrations(const std::vector<loaded_migration>& loaded) {
  std::vector<migration> list;
  list.reserve(loaded.size());
  for (const auto& m : loaded) list.push_back({m.version, m.filename, m.sql, m.checksum, m.transactional});
  return list;
}

}  // namespace embedded_migrations::generator::cli
