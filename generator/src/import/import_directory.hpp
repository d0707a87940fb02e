// Importing another tool's directory: the checks every format shares, the
// report, and writing the new directory all at once or not at all.
#pragma once

#include "import/import_format.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace embedded_migrations::generator::import {

// Converts `source` with `format`, then applies what every format shares: each
// new name must follow our rule, versions must be distinct, and each file must
// keep at least one statement. Throws std::runtime_error on I/O errors.
conversion run_import(const import_format& format, const std::filesystem::path& source);

// The other formats that import `source` with nothing refused, for a hint when
// --from was probably wrong. Reads only; a format that cannot read it does not fit.
std::vector<std::string_view> formats_that_fit(const std::filesystem::path& source, std::string_view except);

// <version>_<description>.sql
std::string target_filename(const imported_migration& migration);

// The file as written: our directive first when it runs outside a transaction,
// then "-- imported from <tool> <origin>" when it was renumbered, then the SQL.
std::string target_text(const imported_migration& migration, std::string_view tool);

// One row per source file (source, target, what was done), sorted by source,
// and a summary line.
std::string format_report(const conversion& converted);

// Why `output` cannot receive an import of `source`, with the remedy; empty when it can.
std::string output_directory_problem(const std::filesystem::path& source, const std::filesystem::path& output);

// Writes every migration into a fresh hidden sibling of `output` and renames it
// to `output` (created, or replacing an empty directory) only when all are
// written, so a failure leaves no half-written directory. Throws std::runtime_error.
void write_output(const conversion& converted, std::string_view tool, const std::filesystem::path& output);

}  // namespace embedded_migrations::generator::import
