// embed-migrations restore: puts back a copy apply --backup (or an
// application's options::backup) made, for operators without a C++ hook.
#include "cli.hpp"
#include "commands.hpp"
#include "runtime_error_line.hpp"

#include <embedded_migrations/backup.hpp>
#include <embedded_migrations/migration_error.hpp>

#include <fmt/format.h>

#include <filesystem>
#include <iostream>

namespace embedded_migrations::generator::cli {

int run_restore(const std::vector<std::string>& args) {
  po::options_description desc(
      "Usage: embed-migrations restore --db FILE --from BACKUP\n"
      "\n"
      "Copies BACKUP (a copy apply --backup or options::backup made) back over the database,\n"
      "in one write transaction, waiting for other connections as apply does. The database\n"
      "must exist: restore replaces its content, it does not create it.\n"
      "Example: embed-migrations restore --db app.db --from app-before.db\n"
      "\n"
      "Options");
  add_database_options(desc);
  desc.add_options()("from", po::value<std::string>()->required()->value_name("BACKUP"), "the copy to put back");
  add_output_options(desc);
  const auto parsed = parse(args, desc);
  if (!parsed) return exit_ok;
  const auto& vm = parsed->options;
  const std::string path = vm["db"].as<std::string>();
  const std::string from = vm["from"].as<std::string>();
  // Opening with SQLITE_OPEN_CREATE would turn a mistyped --db into a new
  // file restored from the backup, leaving the real database as it was.
  if (!std::filesystem::exists(path)) {
    throw std::runtime_error(fmt::format("{}: no such database; give the path of the database the backup was taken "
                                         "from (restore replaces a database's content, it does not create one)",
                                         path));
  }
  const auto db = open_database(path, SQLITE_OPEN_READWRITE);
  try {
    restore(db.get(), from);
  } catch (const migration_error& e) {
    std::cerr << runtime_error_line(e, parsed->color_stderr, path);
    return exit_invalid;
  }
  std::cout << fmt::format("restored {} from {}\n", path, from);
  return exit_ok;
}

}  // namespace embedded_migrations::generator::cli
