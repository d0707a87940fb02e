#include "cli.hpp"

#include "sql_replay.hpp"

#include <fmt/format.h>

#include <iostream>
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
  desc.add_options()
      ("db", po::value<std::string>()->required()->value_name("FILE"), "the SQLite database")
      ("table", po::value<std::string>()->default_value("migrations")->value_name("NAME"), "the tracking table");
}

void add_validation_options(po::options_description& desc) {
  desc.add_options()
      ("function", po::value<std::vector<std::string>>()->composing()->value_name("NAME/NARGS"),
       "an application-defined SQL function the migrations call (repeatable; NARGS -1: any)")
      ("no-validate", "check names and content only; do not replay the SQL");
}

void add_output_options(po::options_description& desc) {
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
  auto parser = po::command_line_parser(args).options(desc);
  if (positional) parser.positional(*positional);
  po::store(parser.run(), parsed.options);
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
  return parsed;
}

migration_directory load_and_validate(const po::variables_map& options) {
  const std::string dir = options["dir"].as<std::string>();
  auto loaded = load_migration_directory(dir, options.count("allow-empty") > 0);
  replay_options replay;
  if (options.count("function")) {
    for (const auto& text : options["function"].as<std::vector<std::string>>()) {
      auto parsed = parse_function_declaration(text);
      if (auto* problem = std::get_if<std::string>(&parsed)) throw usage_error(*problem);
      replay.functions.push_back(std::get<declared_function>(std::move(parsed)));
    }
  }
  if (!loaded.has_errors() && options.count("no-validate") == 0) {
    replay_migrations(loaded.migrations, dir, replay, loaded.diagnostics);
  }
  return loaded;
}

int report(const migration_directory& loaded, const std::string& dir, bool color) {
  std::size_t errors = 0;
  for (const auto& d : loaded.diagnostics) {
    std::cerr << format_diagnostic(d, color) << '\n';
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
  if (rc != SQLITE_OK) throw std::runtime_error(fmt::format("cannot open {}: {}", path, sqlite3_errmsg(raw)));
  return db;
}

std::vector<migration> runtime_migrations(const std::vector<loaded_migration>& loaded) {
  std::vector<migration> list;
  list.reserve(loaded.size());
  for (const auto& m : loaded) list.push_back({m.version, m.filename, m.sql, m.checksum, m.transactional});
  return list;
}

}  // namespace embedded_migrations::generator::cli
