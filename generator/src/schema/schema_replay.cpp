#include "schema_replay.hpp"

#include "checks/sqlite_api.hpp"
#include "checks/sqlite_features.hpp"

#include "replay/declared_functions.hpp"
#include "replay/sandbox.hpp"

#include "detail/schema/schema_text.hpp"
#include "detail/sqlite_handles.hpp"

#include <embedded_migrations/apply.hpp>

#include <sqlite3.h>

#include <algorithm>
#include <cstdint>
#include <stdexcept>

namespace embedded_migrations::generator {
detail::connection_ptr open_replay_database(const std::vector<declared_function>& functions, std::int64_t& calls) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(":memory:", &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  detail::connection_ptr db(raw);
  if (rc != SQLITE_OK) throw std::runtime_error("cannot open an in-memory SQLite database");
  // The same seal as the build replay: these replays run the same SQL again,
  // and must no more reach a file, a temporary file or a function pointer.
  seal_connection(db.get());
  register_stand_ins(db.get(), functions, &calls);
  return db;
}

schema_history replay_schema(const std::vector<loaded_migration>& migrations,
                             const std::vector<declared_function>& functions, const std::string& table) {
  std::int64_t calls = 0;
  const auto db = open_replay_database(functions, calls);
  // The build replay already ran each migration within these bounds.
  limit_guard limits(db.get(), replay_limits{});

  std::vector<migration> views;
  views.reserve(migrations.size());
  for (const auto& m : migrations) views.push_back({m.version, m.filename, m.sql, m.checksum, m.transactional});

  options opts;
  opts.table_name = table;
  detail::schema::read_options read;
  read.tracking_table = table;
  schema_history history;
  history.after.reserve(migrations.size());
  history.initial = detail::schema::read_schema(db.get(), read);
  // One migration more each time: apply() runs the pending one exactly as on a device.
  for (std::size_t i = 0; i < views.size(); ++i) {
    limits.restart();
    apply(db.get(), migration_set(views.data(), i + 1), opts);
    read.previous = history.after.empty() ? &history.initial : &history.after.back();
    auto next = detail::schema::read_schema(db.get(), read);
    history.after.push_back(std::move(next));
  }
  return history;
}

std::string snapshot_text(const std::vector<loaded_migration>& migrations, const schema_history& history,
                          int sqlite_requirement) {
  detail::schema::text_header header;
  if (!migrations.empty()) header.version = migrations.back().version;
  // What an app needs to run the set: the migrations' own requirement, or the
  // runtime library's floor when they need nothing newer.
  header.sqlite_requirement = version_text(std::max(sqlite_requirement, checks::runtime_sqlite_floor));
  return detail::schema::to_text(history.final_schema(), header);
}

}  // namespace embedded_migrations::generator
