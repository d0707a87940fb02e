// The replay check that records, per migration, the SQLite features and
// virtual-table modules it uses (checks/feature_detector.hpp).
#pragma once

#include <vector>

#include "checks/feature_detector.hpp"
#include "checks/sqlite_version_gate.hpp"
#include "replay/replay_check.hpp"

namespace embedded_migrations::generator {

class sqlite_feature_check final : public replay_check {
 public:
  void before(std::size_t index, const loaded_migration& migration) override;
  void on_authorize(int action, const char* arg1, const char* arg2) override;
  void on_statement(sqlite3_stmt* statement, std::string_view text) override;
  void after(std::size_t index, const loaded_migration& migration) override;

  // Indexed like the replayed migrations; entries past the last migration that
  // replayed are empty.
  const std::vector<migration_features>& features() const { return features_; }

 private:
  feature_detector detector_;
  const char* sql_begin_ = nullptr;
  bool altering_ = false;  // SQLite authorized an ALTER TABLE for the statement being prepared
  std::vector<migration_features> features_;
};

}  // namespace embedded_migrations::generator
