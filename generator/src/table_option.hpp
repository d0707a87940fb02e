// The --table value of the commands that open a database, checked as the
// runtime checks options::table_name, so a bad name is a usage error (exit 2).
#pragma once

#include "cli.hpp"
#include "terminal.hpp"

#include <embedded_migrations/migration_error.hpp>

#include "detail/tracking_table.hpp"

#include <string>

namespace embedded_migrations::generator::cli {

inline std::string checked_table_option(const po::variables_map& vm) {
  const auto name = vm["table"].as<std::string>();
  try {
    detail::tracking_table(nullptr, name);  // validates the name only; touches no database
  } catch (const migration_error& e) {
    throw usage_error(std::string("--table: ") + e.what());
  }
  return name;
}

// "error [checksum_mismatch]: <message>": the code to search for, then the message.
inline std::string runtime_error_line(const migration_error& e, bool color) {
  return std::string(program) + ": " + styled("error", style::error, color) + " [" + to_string(e.code()) +
         "]: " + e.what() + "\n";
}

}  // namespace embedded_migrations::generator::cli
