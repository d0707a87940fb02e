// Applies the embedded migrations with the schema check on, and prints the
// destructive events the build embedded.
#include <embedded_migrations/embedded_migrations.hpp>

#include <app_migrations.hpp>

#include <sqlite3.h>

#include <cstdio>
#include <string>

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  sqlite3* db = nullptr;
  if (sqlite3_open(argv[1], &db) != SQLITE_OK) return 1;
  embedded_migrations::options opts;
  opts.verify_schema = true;
  opts.on_event = [](const embedded_migrations::event& e) {
    if (e.kind == embedded_migrations::event_kind::destructive) {
      std::printf("migration %lld %s\n", static_cast<long long>(e.version), std::string(e.message).c_str());
    }
  };
  int status = 0;
  try {
    embedded_migrations::apply(db, app_migrations::migrations(), opts);
    std::printf("schema verified\n");
  } catch (const embedded_migrations::migration_error& e) {
    std::printf("%s: %s\n", embedded_migrations::to_string(e.code()), e.what());
    status = 1;
  }
  sqlite3_close(db);
  return status;
}
