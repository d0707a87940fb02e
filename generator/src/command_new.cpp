#include "cli.hpp"
#include "commands.hpp"
#include "new_migration.hpp"
#include "output_files.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <iostream>

namespace embedded_migrations::generator::cli {

int run_new(const std::vector<std::string>& args) {
  po::options_description desc(
      "Usage: embed-migrations new DESCRIPTION [--dir DIR]\n"
      "\n"
      "Creates the next migration file in DIR, following the directory's convention: the\n"
      "next number with the same zero-padding (007_ after 006_), or a UTC timestamp when the\n"
      "directory uses 14-digit ones. DESCRIPTION becomes ASCII letters, digits, '_' and '-':\n"
      "spaces and punctuation turn into '_'.\n"
      "Example: embed-migrations new \"add user email\" --dir migrations\n"
      "\n"
      "Options");
  desc.add_options()
      ("description", po::value<std::string>()->required()->value_name("DESCRIPTION"),
       "what the migration does, e.g. add_user_email")
      ("dir", po::value<std::string>()->default_value("migrations")->value_name("DIR"),
       "directory holding the *.sql migrations (created if missing)");
  add_output_options(desc);
  po::positional_options_description positional;
  positional.add("description", 1);
  const auto parsed = parse(args, desc, &positional);
  if (!parsed) return exit_ok;

  namespace fs = std::filesystem;
  const fs::path dir = parsed->options["dir"].as<std::string>();
  std::vector<std::string> existing;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    existing.push_back(it->path().filename().string());
  }
  const auto name =
      next_migration_filename(existing, parsed->options["description"].as<std::string>(), std::time(nullptr));
  if (!name.problem.empty()) throw usage_error(name.problem);
  const fs::path file = dir / name.filename;
  if (fs::exists(file)) throw std::runtime_error(fmt::format("{} already exists", file.string()));
  write_if_changed(file, new_migration_text());
  std::cout << fmt::format("created {}\n", styled(file.string(), style::good, parsed->color_stdout));
  return exit_ok;
}

}  // namespace embedded_migrations::generator::cli
