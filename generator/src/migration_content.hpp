// What a migration file must contain, checked before anything is embedded.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace embedded_migrations::generator {

struct content_problem {
  std::size_t offset;  // into the normalized text
  std::string message;
};

struct migration_content {
  std::string sql;  // normalized: no BOM, LF line endings
  bool transactional = true;
  std::vector<content_problem> problems;
};

// The directive that, as the first line, runs a migration outside a transaction.
inline constexpr std::string_view no_transaction_directive = "-- no-transaction";

// Normalizes the raw file bytes and checks them: UTF-8 without NUL bytes, the
// last statement complete (a missing final ';' is fine; an open trigger body,
// string or comment is not), the directive well-formed. An empty or
// comment-only file is a valid migration that runs nothing.
migration_content check_content(std::string_view raw);

}  // namespace embedded_migrations::generator
