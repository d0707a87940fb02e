// bench-app-<set> DB: what an application does at startup, and nothing else.
#include <embedded_migrations/embedded_migrations.hpp>

#include <bench_app.hpp>

#include <sqlite3.h>

#include <cstdio>

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  sqlite3* db = nullptr;
  if (sqlite3_open(argv[1], &db) != SQLITE_OK) return 1;
  int status = 0;
  try {
    embedded_migrations::apply(db, bench_app::migrations());
  } catch (const embedded_migrations::migration_error& e) {
    std::fprintf(stderr, "%s\n", e.what());
    status = 1;
  }
  sqlite3_close(db);
  return status;
}
