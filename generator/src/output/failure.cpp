#include "output/failure.hpp"

#include "output/json.hpp"

namespace embedded_migrations::generator::output {
namespace {

// One process runs one command, so one format; only main()'s thread reads or writes it.
output_format failure_format = output_format::text;

}  // namespace

void set_failure_format(output_format format) noexcept { failure_format = format; }

void print_failure(std::ostream& out, const std::exception& e, std::string_view code) {
  if (failure_format != output_format::json) return;
  const auto* runtime_error = dynamic_cast<const migration_error*>(&e);
  out << to_text(runtime_error ? error_document(*runtime_error) : error_document(code, e.what())) << std::flush;
}

}  // namespace embedded_migrations::generator::output
