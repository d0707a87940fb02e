// app DB: applies release 1's migrations, then meets release 2's edited copy
// of one of them, every call through the noexcept overloads.
#include <embedded_migrations/embedded_migrations.hpp>

#include <release1_schema.hpp>
#include <release2_schema.hpp>

#include <sqlite3.h>

#include <cstdio>
#include <system_error>

#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
#error "this test must be compiled with -fno-exceptions"
#endif

namespace em = embedded_migrations;

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  sqlite3* db = nullptr;
  if (sqlite3_open(argv[1], &db) != SQLITE_OK) return 2;
  int status = 1;
  std::error_code ec;
  const auto supported = em::check_sqlite_support(db, release1::migrations(), ec).satisfied() && !ec;
  const auto planned = em::plan(db, release1::migrations(), {}, ec);
  const auto result = em::apply(db, release1::migrations(), {}, ec);
  const auto verified = ec ? em::schema_report{} : em::verify_schema(db, release1::migrations(), {}, {}, ec);
  if (!supported || ec || planned.error || planned.pending.size() != 1 ||
      verified.state != em::schema_state::comparable || verified.has_drift()) {
    std::printf("release 1 failed: %s\n", ec.message().c_str());
  } else {
    std::printf("applied %zu\n", result.applied.size());
    em::error_details error;
    em::apply(db, release2::migrations(), {}, error);
    const auto states = em::status(db, release2::migrations(), {}, ec);
    if (error.code == em::error_code::checksum_mismatch && !ec && states.size() == 1 &&
        states[0].state == em::migration_state::modified) {
      std::printf("%s in %s: %s\n", em::to_string(em::error_code::checksum_mismatch), error.filename.c_str(),
                  error.message.c_str());
      em::restore(db, "no-such-backup.db", ec);
      if (ec == em::error_code::backup_failed) status = 0;
    } else {
      std::printf("release 2 did not report a checksum mismatch: %s\n", error.message.c_str());
    }
  }
  sqlite3_close(db);
  return status;
}
