#include "schema_replay.hpp"

#include "detail/schema/schema_text.hpp"
#include "detail/sqlite_handles.hpp"

#include <embedded_migrations/apply.hpp>

#include <sqlite3.h>

#include <cstdint>
#include <stdexcept>

namespace embedded_migrations::generator {
namespace {

// Stands in for an application function, as the build replay does: a
// distinct integer per call, which every column type and UNIQUE constraint
// accepts. Only the schema is read afterwards, so the values do not matter.
void stand_in(sqlite3_context* context, int, sqlite3_value**) {
  auto* calls = static_cast<std::int64_t*>(sqlite3_user_data(context));
  sqlite3_result_int64(context, ++*calls);
}

}  // namespace

detail::connection_ptr open_replay_database(const std::vector<declared_function>& functions, std::int64_t& calls) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(":memory:", &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  detail::connection_ptr db(raw);
  if (rc != SQLITE_OK) throw std::runtime_error("cannot open an in-memory SQLite database");
  for (const auto& function : functions) {
    sqlite3_create_function_v2(db.get(), function.name.c_str(), function.arg_count, SQLITE_UTF8, &calls, stand_in,
                               nullptr, nullptr, nullptr);
  }
  return db;
}

schema_history replay_schema(const std::vector<loaded_migration>& migrations,
                             const std::vector<declared_function>& functions, const std::string& table) {
  std::int64_t calls = 0;
  const auto db = open_replay_database(functions, calls);

  std::vector<migration> views;
  views.reserve(migrations.size());
  for (const auto& m : migrations) views.push_back({m.version, m.filename, m.sql, m.checksum, m.transactional});

  options opts;
  opts.table_name = table;
  detail::schema::read_options read;
  read.tracking_table = table;
  schema_history history;
  history.initial = detail::schema::read_schema(db.get(), read);
  // One migration more each time: apply() runs the pending one exactly as on a device.
  for (std::size_t i = 0; i < views.size(); ++i) {
    apply(db.get(), migration_set(views.data(), i + 1), opts);
    history.after.push_back(detail::schema::read_schema(db.get(), read));
  }
  return history;
}

std::string snapshot_text(const std::vector<loaded_migration>& migrations, const schema_history& history) {
  detail::schema::text_header header;
  if (!migrations.empty()) header.version = migrations.back().version;
  return detail::schema::to_text(history.final_schema(), header);
}

}  // namespace embedded_migrations::generator
