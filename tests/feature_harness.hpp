// Runs SQL on a scratch connection whose authorizer feeds a feature_detector,
// the way the replay does, for the feature tests.
#pragma once

#include <sqlite3.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "checks/feature_detector.hpp"
#include "detail/sql_text.hpp"
#include "detail/sqlite_handles.hpp"

namespace test_support {

class feature_harness {
 public:
  feature_harness() {
    sqlite3* raw = nullptr;
    sqlite3_open(":memory:", &raw);
    db_.reset(raw);
    // Functions newer than the linked SQLite get stand-ins of the same name, so
    // that SQLite reports them as it would a real one.
    for (const auto& feature : embedded_migrations::generator::sqlite_features) {
      if (feature.detected_by != embedded_migrations::generator::detection::function ||
          feature.version <= sqlite3_libversion_number()) {
        continue;
      }
      std::string_view names = feature.names;
      while (!names.empty()) {
        const auto comma = names.find(',');
        const std::string name(names.substr(0, comma));
        sqlite3_create_function(db_.get(), name.c_str(), -1, SQLITE_UTF8, nullptr, stand_in, nullptr, nullptr);
        names = comma == std::string_view::npos ? std::string_view() : names.substr(comma + 1);
      }
    }
    sqlite3_set_authorizer(db_.get(), authorize, this);
  }

  // Runs `sql` without looking at it (the schema a case needs).
  void setup(const std::string& sql) {
    if (sqlite3_exec(db_.get(), sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
      throw std::runtime_error(sqlite3_errmsg(db_.get()));
    }
  }

  // Runs every statement of `sql`, feeding the detector as the replay does.
  std::vector<embedded_migrations::generator::feature_use> run(const std::string& sql) {
    const char* next = sql.c_str();
    const char* const end = next + sql.size();
    while (next < end) {
      const auto from = static_cast<std::size_t>(next - sql.c_str());
      const auto start = embedded_migrations::detail::skip_space_and_comments(sql, from);
      if (start >= sql.size()) break;
      sqlite3_stmt* raw = nullptr;
      const char* tail = nullptr;
      watching_ = true;
      const int rc = sqlite3_prepare_v2(db_.get(), next, -1, &raw, &tail);
      watching_ = false;
      embedded_migrations::detail::statement_ptr statement(raw);
      if (rc != SQLITE_OK) throw std::runtime_error(sqlite3_errmsg(db_.get()));
      next = tail;
      if (!statement) continue;
      const std::string_view text(sql.c_str() + start, static_cast<std::size_t>(tail - sql.c_str()) - start);
      detector_.on_statement(text, start,
                             !sqlite3_stmt_readonly(statement.get()) && sqlite3_column_count(statement.get()) > 0);
      while (sqlite3_step(statement.get()) == SQLITE_ROW) {
      }
    }
    return detector_.take_uses();
  }

  std::vector<std::string> modules() { return detector_.take_modules(); }

 private:
  static void stand_in(sqlite3_context* context, int, sqlite3_value**) { sqlite3_result_null(context); }
  static int authorize(void* self, int action, const char* arg1, const char* arg2, const char*, const char*) {
    auto& harness = *static_cast<feature_harness*>(self);
    if (harness.watching_) harness.detector_.on_authorize(action, arg1, arg2);
    return SQLITE_OK;
  }

  embedded_migrations::detail::connection_ptr db_;
  embedded_migrations::generator::feature_detector detector_;
  bool watching_ = false;
};

}  // namespace test_support
