// How the commands that open a database print a runtime error.
#pragma once

#include "cli.hpp"
#include "terminal.hpp"

#include <embedded_migrations/migration_error.hpp>

#include <string>

namespace embedded_migrations::generator::cli {

// Codes that are faults of the database file rather than of a migration: their
// message cannot name the file (the runtime sees only a connection), so the
// command that opened it does.
inline bool is_database_fault(error_code code) {
  switch (code) {
    case error_code::not_a_database:
    case error_code::database_corrupt:
    case error_code::io_error:
    case error_code::read_only:
    case error_code::busy:
    case error_code::disk_full: return true;
    default: return false;
  }
}

// "error [checksum_mismatch]: <message>": the code to search for, then the
// message; "error [not_a_database]: app.db: <message>" for a fault of the
// database file at `database`.
inline std::string runtime_error_line(const migration_error& e, bool color, const std::string& database = {}) {
  const std::string where = !database.empty() && is_database_fault(e.code()) ? database + ": " : "";
  return std::string(program) + ": " + styled("error", style::error, color) + " [" + to_string(e.code()) +
         "]: " + where + e.what() + "\n";
}

}  // namespace embedded_migrations::generator::cli
