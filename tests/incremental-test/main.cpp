// tool: prints the embedded migrations' file names, one a line.
#include <tool_schema.hpp>

#include <cstdio>

int migration_count();

int main() {
  for (const auto& m : tool::schema::migrations()) {
    std::printf("%.*s\n", static_cast<int>(m.filename.size()), m.filename.data());
  }
  return migration_count() == static_cast<int>(tool::schema::migrations().size()) ? 0 : 1;
}
