// The differences between two schemas, object by object, compared by their SQL.
#pragma once

#include "canonical_schema.hpp"

#include <string>
#include <vector>

namespace embedded_migrations::detail::schema {

enum class difference_kind {
  missing,     // expected, absent from the actual schema
  unexpected,  // present, not expected
  changed,     // present in both under the same type and name, with other SQL
};

struct difference {
  difference_kind kind;
  std::string type;
  std::string name;
  std::string expected_sql;  // empty when unexpected
  std::string actual_sql;    // empty when missing
};

// Objects are matched by type and name (names case-insensitively, as SQLite
// does) and compared by the SQL sqlite_schema stores: SQLite itself rebuilds
// its schema from that text, so equal text is an equal object. The result is
// in the order of type, then name.
std::vector<difference> diff(const canonical_schema& expected, const canonical_schema& actual);

}  // namespace embedded_migrations::detail::schema
