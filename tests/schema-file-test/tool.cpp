// Builds the set of replay-options/; only its build and schema target matter.
#include <tool_migrations.hpp>

int main() { return tool_migrations::migrations().size() == 2 ? 0 : 1; }
