// Tell whether a database's schema is the one its applied migrations produce,
// or was altered by hand (or by another tool) since.
#pragma once

#include <embedded_migrations/migration.hpp>
#include <embedded_migrations/migration_error.hpp>
#include <embedded_migrations/options.hpp>

#include <string>
#include <vector>

struct sqlite3;

namespace embedded_migrations {

// Whether the database can be compared with the schema the set embeds. Only a
// database that records exactly the set's migrations has a known expected schema.
enum class schema_state {
  comparable,          // every migration of the set is applied, and nothing else: see the differences
  not_up_to_date,      // migrations are pending or unfinished; apply() first
  database_ahead,      // the database records migrations this set does not know
  checksum_mismatch,   // an applied migration was edited after it ran
  no_embedded_schema,  // the set carries no schema (built by hand, or generated with VALIDATE OFF)
};

const char* to_string(schema_state state) noexcept;

enum class schema_difference_kind {
  missing,     // the migrations create it; the database lacks it
  unexpected,  // the database has it; the migrations never create it
  changed,     // both have it, with different SQL
};

const char* to_string(schema_difference_kind kind) noexcept;

struct schema_difference {
  schema_difference_kind kind;
  std::string type;          // "table", "index", "view" or "trigger"
  std::string name;
  std::string expected_sql;  // as the migrations create it; empty when unexpected
  std::string actual_sql;    // as sqlite_schema stores it; empty when missing
};

struct schema_report {
  schema_state state = schema_state::no_embedded_schema;
  std::vector<schema_difference> differences;  // by type then name; empty unless comparable

  bool has_drift() const noexcept { return state == schema_state::comparable && !differences.empty(); }
};

// Compares the database's schema (every table, index, view and trigger but the
// tracking table, SQLite's own sqlite_% objects and `ignored_tables` with their
// indexes and triggers) with the one the build embedded in `set`. Reads only,
// the tracking table and the schema in one read transaction (a migration
// another connection commits meanwhile is never taken for drift): it works
// on a SQLITE_OPEN_READONLY connection and never creates the tracking table.
// Throws migration_error when the database cannot be read (busy once another
// connection's commit has locked the read out past options::busy_timeout).
schema_report verify_schema(sqlite3* db, const migration_set& set, const options& opts = {},
                            const std::vector<std::string>& ignored_tables = {});

// The noexcept twins (see error_details in migration_error.hpp): what
// verify_schema() would throw goes to `ec`, or to `error` with its message;
// both are cleared on success.
schema_report verify_schema(sqlite3* db, const migration_set& set, const options& opts,
                            const std::vector<std::string>& ignored_tables, std::error_code& ec) noexcept;
schema_report verify_schema(sqlite3* db, const migration_set& set, const options& opts,
                            const std::vector<std::string>& ignored_tables, error_details& error) noexcept;

// One line per difference: "table users: changed", followed by both SQL texts.
std::string describe(const schema_report& report);

}  // namespace embedded_migrations
