// apply --dry-run: a plan (plan.hpp) as the lines the CLI prints.
#pragma once

#include <embedded_migrations/plan.hpp>

#include <string>

namespace embedded_migrations::generator::output {

// What apply would do to the database at `path`, one line per migration and
// one for the backup; `created` when the file does not exist yet. With an
// error, one line saying that apply would stop there; the error itself is not
// part of it: the command prints it on stderr, as apply does.
std::string describe_plan(const apply_plan& plan, const std::string& path, bool created, bool color);

}  // namespace embedded_migrations::generator::output
