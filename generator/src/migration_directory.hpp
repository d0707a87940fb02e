// Discovering, ordering and checking the migration files of a directory.
#pragma once

#include "diagnostic.hpp"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace embedded_migrations::generator {

struct loaded_migration {
  std::int64_t version;
  std::string filename;
  std::string sql;       // normalized
  std::string checksum;  // sha256_hex(sql)
  bool transactional;
};

struct migration_directory {
  std::vector<loaded_migration> migrations;  // by version; only meaningful without errors
  std::vector<diagnostic> diagnostics;       // every problem found, not just the first
  std::vector<std::filesystem::path> inputs; // every *.sql file read, for the depfile

  bool has_errors() const;
};

// What the files of a directory are: migrations, or the seed files the
// replay loads after them (checks/seed_data.hpp), which are named, read and
// checked the same way and only worded differently.
enum class file_kind { migration, seed };

// Reads every *.sql file directly in `dir`. Diagnostics name files as
// `dir / filename`, so they read the way the directory was given.
migration_directory load_migration_directory(const std::filesystem::path& dir, bool allow_empty,
                                             file_kind kind = file_kind::migration);

}  // namespace embedded_migrations::generator
