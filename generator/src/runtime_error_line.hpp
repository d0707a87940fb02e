// How the commands that open a database print a runtime error.
#pragma once

#include "cli.hpp"
#include "terminal.hpp"

#include <embedded_migrations/migration_error.hpp>

#include <string>

namespace embedded_migrations::generator::cli {

// "error [checksum_mismatch]: <message>": the code to search for, then the message.
inline std::string runtime_error_line(const migration_error& e, bool color) {
  return std::string(program) + ": " + styled("error", style::error, color) + " [" + to_string(e.code()) +
         "]: " + e.what() + "\n";
}

}  // namespace embedded_migrations::generator::cli
