// bench-select DB: the process baseline for an up-to-date start: open the
// database and read the tracking table, as apply() does, and nothing else.
#include <sqlite3.h>

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  sqlite3* db = nullptr;
  if (sqlite3_open(argv[1], &db) != SQLITE_OK) return 1;
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT version, checksum FROM migrations", -1, &statement, nullptr) != SQLITE_OK) return 1;
  while (sqlite3_step(statement) == SQLITE_ROW) {
  }
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return 0;
}
