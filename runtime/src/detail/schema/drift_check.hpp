// options::verify_schema: apply() compares the schema once it has migrated.
#pragma once

#include <embedded_migrations/apply.hpp>

namespace embedded_migrations::detail {

// Returns `result` when options::verify_schema is off or the schema matches
// the embedded one; throws migration_error(schema_drift) when it differs, and
// invalid_argument when the option is set for a set without a schema. A
// database this set cannot judge (options::allow_unknown_applied let a newer
// binary's migrations through) is not compared.
apply_result check_schema_after_apply(sqlite3* db, const migration_set& set, const options& opts,
                                      apply_result result);

}  // namespace embedded_migrations::detail
