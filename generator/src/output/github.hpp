// GitHub Actions workflow commands, so a CI run annotates the pull request at each diagnostic.
#pragma once

#include "diagnostic.hpp"

#include <string>
#include <string_view>

namespace embedded_migrations::generator::output {

// A command's message with '%', '\r' and '\n' escaped, as escapeData in actions/toolkit
// packages/core/src/command.ts does; the runner unescapes it.
std::string escape_data(std::string_view text);

// A property value (file=...) escaped as escapeProperty there: escape_data plus ':' and ',', which
// otherwise end the value.
std::string escape_property(std::string_view text);

// "::error file=PATH,line=L,col=C::MESSAGE" for an error, "::notice ..." for a note; GitHub shows it
// on that line of the pull request's diff. PATH is the diagnostic's, so run from the repository root.
std::string workflow_command(const diagnostic& d);

}  // namespace embedded_migrations::generator::output
