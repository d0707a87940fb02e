// Pairs the embedded migrations with the recorded ones, by version.
#pragma once

#include "tracking_table.hpp"

#include <embedded_migrations/migration.hpp>

#include <vector>

namespace embedded_migrations::detail {

struct reconciled_migration {
  const migration* embedded;           // null: recorded only (database ahead)
  const recorded_migration* recorded;  // null: pending

  bool is_pending() const noexcept { return recorded == nullptr; }
  bool is_unknown() const noexcept { return embedded == nullptr; }
  bool is_incomplete() const noexcept { return recorded && !recorded->complete; }
  bool is_modified() const noexcept {
    return embedded && recorded && recorded->complete && embedded->checksum != recorded->checksum;
  }
};

// Throws migration_error(invalid_argument) unless versions strictly increase.
void check_version_order(const migration_set& set);

// Both inputs sorted by version; the result is too.
std::vector<reconciled_migration> reconcile(const migration_set& set, const std::vector<recorded_migration>& recorded);

}  // namespace embedded_migrations::detail
