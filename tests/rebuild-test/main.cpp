// tool --db PATH: applies the embedded migrations and reports what happened.
#include <embedded_migrations/embedded_migrations.hpp>
#include <tool_migrations.hpp>

#include <sqlite3.h>

#include <cstdio>

int main(int argc, char** argv) {
  if (argc != 3) return 2;
  sqlite3* db = nullptr;
  if (sqlite3_open(argv[2], &db) != SQLITE_OK) return 1;
  int status = 0;
  try {
    const auto result = embedded_migrations::apply(db, tool_migrations::migrations());
    for (const auto& m : result.applied) std::printf("applied %.*s\n", static_cast<int>(m.filename.size()), m.filename.data());
    std::printf("embedded %zu, applied before %zu\n", tool_migrations::migrations().size(), result.already_applied);
  } catch (const embedded_migrations::migration_error& e) {
    std::printf("error %s in %s: %s\n", embedded_migrations::to_string(e.code()), e.filename().c_str(), e.what());
    status = 3;
  }
  sqlite3_close(db);
  return status;
}
