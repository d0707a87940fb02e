// A second file that includes the generated header: it must not recompile when
// only the migrations change.
#include <tool_schema.hpp>

int migration_count() { return static_cast<int>(tool::schema::migrations().size()); }
