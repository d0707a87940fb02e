// conversations: the demo app. Applies its embedded migrations on start, then
// adds or lists conversations.
//
//   conversations --db PATH add TITLE
//   conversations --db PATH list
#include <embedded_migrations/embedded_migrations.hpp>

#include <conversations_schema.hpp>

#include <sqlite3.h>

#include <cstdio>
#include <memory>
#include <string>

namespace {

struct database_closer {
  void operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }
};
using database = std::unique_ptr<sqlite3, database_closer>;

int usage() {
  std::fputs("usage: conversations --db PATH add TITLE\n"
             "       conversations --db PATH list\n",
             stderr);
  return 2;
}

void print_progress(const embedded_migrations::event& e) {
  const auto name = std::string(e.filename);
  switch (e.kind) {
    case embedded_migrations::event_kind::started:
      std::printf("migrating [%zu/%zu] %s ...\n", e.position, e.pending_count, name.c_str());
      break;
    case embedded_migrations::event_kind::applied:
      std::printf("migrated  [%zu/%zu] %s in %.1f ms\n", e.position, e.pending_count, name.c_str(),
                  static_cast<double>(e.duration.count()) / 1000.0);
      break;
    case embedded_migrations::event_kind::failed:
      std::printf("failed    [%zu/%zu] %s\n", e.position, e.pending_count, name.c_str());
      break;
    case embedded_migrations::event_kind::out_of_order:
      std::printf("note: %s is older than the newest applied migration\n", name.c_str());
      break;
    case embedded_migrations::event_kind::baselined:
    case embedded_migrations::event_kind::adopted:
      std::printf("adopted   %s (recorded without running)\n", name.c_str());
      break;
    case embedded_migrations::event_kind::destructive:
      std::printf("note: %s %s\n", name.c_str(), std::string(e.message).c_str());
      break;
  }
}

bool add(sqlite3* db, const std::string& title) {
  sqlite3_stmt* raw = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO conversations (title) VALUES (?1) RETURNING id", -1, &raw, nullptr);
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> insert(raw, sqlite3_finalize);
  sqlite3_bind_text(insert.get(), 1, title.c_str(), -1, SQLITE_TRANSIENT);
  if (sqlite3_step(insert.get()) != SQLITE_ROW) return false;
  std::printf("added %s  %s\n", reinterpret_cast<const char*>(sqlite3_column_text(insert.get(), 0)), title.c_str());
  return sqlite3_step(insert.get()) == SQLITE_DONE;
}

bool list(sqlite3* db) {
  sqlite3_stmt* raw = nullptr;
  sqlite3_prepare_v2(db, "SELECT id, created_at, title FROM conversations ORDER BY created_at DESC", -1, &raw,
                     nullptr);
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> query(raw, sqlite3_finalize);
  int rc;
  while ((rc = sqlite3_step(query.get())) == SQLITE_ROW) {
    std::printf("%s  %s  %s\n", reinterpret_cast<const char*>(sqlite3_column_text(query.get(), 0)),
                reinterpret_cast<const char*>(sqlite3_column_text(query.get(), 1)),
                reinterpret_cast<const char*>(sqlite3_column_text(query.get(), 2)));
  }
  return rc == SQLITE_DONE;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4 || std::string(argv[1]) != "--db") return usage();
  const std::string path = argv[2];
  const std::string command = argv[3];
  if (!((command == "add" && argc == 5) || (command == "list" && argc == 4))) return usage();

  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  database db(raw);
  if (rc != SQLITE_OK) {
    std::fprintf(stderr, "conversations: cannot open %s: %s\n", path.c_str(), sqlite3_errmsg(db.get()));
    return 1;
  }

  try {
    embedded_migrations::options options;
    options.on_event = print_progress;
    const auto result = embedded_migrations::apply(db.get(), conversations::schema::migrations(), options);
    if (result.was_up_to_date()) std::printf("schema up to date: %zu applied before\n", result.already_applied);
  } catch (const embedded_migrations::migration_error& e) {
    std::fprintf(stderr, "conversations: %s: %s\n", embedded_migrations::to_string(e.code()), e.what());
    return 1;
  }

  const bool ok = command == "add" ? add(db.get(), argv[4]) : list(db.get());
  if (!ok) {
    std::fprintf(stderr, "conversations: %s\n", sqlite3_errmsg(db.get()));
    return 1;
  }
  return 0;
}
