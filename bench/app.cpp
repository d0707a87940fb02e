// bench-app-<set> DB: what an application does at startup, and nothing else.
#include <embedded_migrations/embedded_migrations.hpp>

#include <bench_app.hpp>

#include <sqlite3.h>

#include <cstdio>

// Each set has its own namespace (one namespace, one set in a build), given by
// bench/CMakeLists.txt.
#ifndef BENCH_APP_NAMESPACE
#error "BENCH_APP_NAMESPACE must name the set's namespace"
#endif

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  sqlite3* db = nullptr;
  if (sqlite3_open(argv[1], &db) != SQLITE_OK) return 1;
  int status = 0;
  try {
    embedded_migrations::apply(db, BENCH_APP_NAMESPACE::migrations());
  } catch (const embedded_migrations::migration_error& e) {
    std::fprintf(stderr, "%s\n", e.what());
    status = 1;
  }
  sqlite3_close(db);
  return status;
}
