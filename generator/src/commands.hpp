// The embed-migrations commands; each takes the arguments after its name and
// returns the process exit code.
#pragma once

#include <string>
#include <vector>

namespace embedded_migrations::generator::cli {

int run_generate(const std::vector<std::string>& args);
int run_check(const std::vector<std::string>& args);
int run_new(const std::vector<std::string>& args);
int run_status(const std::vector<std::string>& args);
int run_apply(const std::vector<std::string>& args);
int run_import(const std::vector<std::string>& args);
int run_schema(const std::vector<std::string>& args);
int run_restore(const std::vector<std::string>& args);

}  // namespace embedded_migrations::generator::cli
