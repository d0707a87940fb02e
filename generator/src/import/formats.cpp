#include "import/import_format.hpp"

namespace embedded_migrations::generator::import {

const std::vector<import_format>& formats() {
  static const std::vector<import_format> table = {
      {"goose", "keeps the '-- +goose Up' section; StatementBegin/End go, NO TRANSACTION becomes -- no-transaction",
       convert_goose},
      {"dbmate",
       "keeps the '-- migrate:up' section, drops '-- migrate:down'; transaction:false becomes -- no-transaction",
       convert_dbmate},
      {"sql-migrate", "keeps '-- +migrate Up' sections, numbers files 1..N in sql-migrate's order",
       convert_sql_migrate},
      {"golang-migrate", "renames N_name.up.sql to N_name.sql, ignores .down.sql files", convert_golang_migrate},
      {"sqlx", "renames V_name.up.sql to V_name.sql, ignores .down.sql files, keeps simple V_name.sql files",
       convert_sqlx},
      {"diesel", "turns <timestamp>_<name>/up.sql into <timestamp digits>_<name>.sql, ignores down.sql",
       convert_diesel},
      {"flyway", "renames V<n>__name.sql to <n>_name.sql, renumbers dotted versions (also refinery)", convert_flyway},
  };
  return table;
}

const import_format* find_format(std::string_view name) {
  for (const auto& format : formats()) {
    if (format.name == name) return &format;
  }
  return nullptr;
}

}  // namespace embedded_migrations::generator::import
