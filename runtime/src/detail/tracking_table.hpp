// The table that records which migrations a database has applied.
#pragma once

#include "sqlite_handles.hpp"

#include <embedded_migrations/migration.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace embedded_migrations::detail {

struct recorded_migration {
  std::int64_t version;
  std::string filename;
  std::string checksum;
  std::string applied_at;
};

class tracking_table {
 public:
  // Validates the name (letters, digits, '_'; no leading digit; 1..64 chars);
  // throws migration_error(invalid_argument) otherwise.
  tracking_table(sqlite3* db, const std::string& name);

  // The recorded migrations by version, in one query. A missing table reads as
  // none (exists() is then false) and is not created: reading never writes.
  std::vector<recorded_migration> read();
  bool exists() const noexcept { return exists_; }

  // Both must run inside the caller's transaction when there is one.
  void create_if_missing();
  void record(const migration& applied);

  const std::string& name() const noexcept { return name_; }

 private:
  sqlite3* db_;
  std::string name_;
  std::string quoted_name_;
  bool exists_ = false;
  statement_ptr insert_;
};

}  // namespace embedded_migrations::detail
