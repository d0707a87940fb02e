// migrate-child stress|crash DB: a separate process applying an embedded set,
// so concurrency-test and crash-test can start many at once and kill them.
// Prints "applied N" and exits 0, or prints the error and exits 1.
// migrate-child restore DB BACKUP: restore()s BACKUP over DB, for crash-test
// to kill mid-copy; prints "restored" and exits 0, or the error and exits 1.
#include <embedded_migrations/embedded_migrations.hpp>

#include <crash_migrations.hpp>
#include <stress_migrations.hpp>

#include <sqlite3.h>

#include <cstdio>
#include <string>

int main(int argc, char** argv) {
  const std::string which = argc > 1 ? argv[1] : "";
  if (argc != (which == "restore" ? 4 : 3)) {
    std::fputs("usage: migrate-child stress|crash DB, or migrate-child restore DB BACKUP\n", stderr);
    return 2;
  }
  const auto& set = which == "crash" ? crash::migrations() : stress::migrations();
  sqlite3* db = nullptr;
  if (sqlite3_open(argv[2], &db) != SQLITE_OK) {
    std::printf("cannot open %s: %s\n", argv[2], sqlite3_errmsg(db));
    return 1;
  }
  int status = 0;
  if (which == "restore") {
    embedded_migrations::error_details error;
    embedded_migrations::restore(db, argv[3], error);
    if (error) std::printf("error %s\n", error.message.c_str());
    else std::puts("restored");
    sqlite3_close(db);
    return error ? 1 : 0;
  }
  try {
    const auto result = embedded_migrations::apply(db, set);
    std::printf("applied %zu\n", result.applied.size());
  } catch (const embedded_migrations::migration_error& e) {
    std::printf("error %s: %s\n", embedded_migrations::to_string(e.code()), e.what());
    status = 1;
  }
  sqlite3_close(db);
  return status;
}
