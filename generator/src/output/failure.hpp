// Reporting an error that stops a command in the format the command was asked for.
//
// main() turns exceptions into exit codes and prints them on stderr. A script that asked for
// --format json reads stdout only, so it also needs the error there as a document; main() cannot
// see the parsed command line, so cli::parse() tells this file the format once it has read it.
#pragma once

#include "output/output_format.hpp"

#include <exception>
#include <ostream>
#include <string_view>

namespace embedded_migrations::generator::output {

// The format of the running command; text until cli::parse() has read a --format.
void set_failure_format(output_format format) noexcept;

// In json format, writes the error document for `e` to `out`: a migration_error's code name, or
// `code` for any other exception (such as "usage"). Writes nothing in the other formats, whose
// errors are the text main() prints on stderr.
void print_failure(std::ostream& out, const std::exception& e, std::string_view code);

}  // namespace embedded_migrations::generator::output
