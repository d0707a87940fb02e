// What every importer produces, and the registry of the tools we import from.
#pragma once

#include "diagnostic.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace embedded_migrations::generator::import {

// One migration as it will be written, <version>_<description>.sql.
struct imported_migration {
  std::string source;       // relative to the source directory, '/'-separated, as the report shows it
  std::string version;      // the digits of the new name: the tool's own version wherever it is an integer
  std::string description;  // valid for our naming rule
  std::string sql;          // the up part only, normalized, without our directive
  bool transactional = true;
  // The tool's identity ("version 1.1 (V1.1__x.sql)") when `version` is not it, so
  // that the leading comment lets a person or `adopt` match the old tool's rows.
  std::string origin;
  std::vector<std::string> changes;  // what the import did, for the report
};

// A file left out on purpose: a down file, a README, diesel's Postgres-only setup.
struct skipped_file {
  std::string source;
  std::string reason;
};

// A file whose meaning cannot be kept. The diagnostic points into the source
// file and its message is "fault; remedy".
struct rejected_file {
  std::string source;
  diagnostic problem;
};

struct conversion {
  std::vector<imported_migration> migrations;
  std::vector<skipped_file> skipped;
  std::vector<rejected_file> rejected;
};

struct import_format {
  std::string_view name;     // the --from value
  std::string_view summary;  // what the import does, one line for --help
  // Reads the tool's directory. Never writes. Throws std::runtime_error when a
  // file cannot be listed or read; problems inside files become rejected_files.
  conversion (*convert)(const std::filesystem::path& dir);
};

// The seven tools, in the order --help lists them.
const std::vector<import_format>& formats();

// The format called `name`, or nullptr.
const import_format* find_format(std::string_view name);

// --- one converter per tool (import/<tool>.cpp) ---
conversion convert_goose(const std::filesystem::path& dir);
conversion convert_dbmate(const std::filesystem::path& dir);
conversion convert_sql_migrate(const std::filesystem::path& dir);
conversion convert_golang_migrate(const std::filesystem::path& dir);
conversion convert_sqlx(const std::filesystem::path& dir);
conversion convert_diesel(const std::filesystem::path& dir);
conversion convert_flyway(const std::filesystem::path& dir);

}  // namespace embedded_migrations::generator::import
