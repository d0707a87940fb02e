// app --db PATH: applies two embedded migration sets and prints what happened.
#include <embedded_migrations/embedded_migrations.hpp>

#include <app_schema.hpp>
#include <audit/schema.hpp>

#include <sqlite3.h>

#include <cstdio>
#include <string>

namespace {

bool migrate(sqlite3* db, const embedded_migrations::migration_set& set, const char* table) {
  embedded_migrations::options options;
  options.table_name = table;
  options.on_event = [](const embedded_migrations::event& e) {
    if (e.kind == embedded_migrations::event_kind::applied) {
      std::printf("applied %.*s\n", static_cast<int>(e.filename.size()), e.filename.data());
    }
  };
  try {
    const auto result = embedded_migrations::apply(db, set, options);
    if (result.was_up_to_date()) std::printf("%s up to date (%zu)\n", table, result.already_applied);
    return true;
  } catch (const embedded_migrations::migration_error& e) {
    std::printf("error %s: %s\n", embedded_migrations::to_string(e.code()), e.what());
    return false;
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3 || std::string(argv[1]) != "--db") {
    std::fputs("usage: app --db PATH\n", stderr);
    return 2;
  }
  sqlite3* db = nullptr;
  if (sqlite3_open(argv[2], &db) != SQLITE_OK) return 1;
  const bool ok = migrate(db, app::schema::migrations(), "migrations") &&
                  migrate(db, app::audit::migrations(), "audit_migrations");
  sqlite3_close(db);
  return ok ? 0 : 3;
}
