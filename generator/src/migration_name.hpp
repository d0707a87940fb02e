// The <version>_<description>.sql naming rule.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

namespace embedded_migrations::generator {

// golang-migrate, sqlx and dbmate-style reversible pairs: NNN_name.up.sql is
// migration NNN under its own filename; NNN_name.down.sql is never run, as we
// apply forward only.
enum class name_kind { plain, up, down };

const char* to_string(name_kind kind);

struct migration_name {
  std::int64_t version;
  std::string description;  // without ".up" or ".down"
  name_kind kind = name_kind::plain;
};

// Files the rule applies to: any visible file whose name ends in ".sql" in any
// letter case. Everything else in the directory (README.md, hidden editor
// files) is ignored.
bool is_sql_file_name(std::string_view filename);

// The parsed name, or a message saying what is wrong and how to rename the file.
std::variant<migration_name, std::string> parse_migration_name(std::string_view filename);

}  // namespace embedded_migrations::generator
