#include "sql_replay.hpp"

#include "migration_content.hpp"

#include "detail/migration_runner.hpp"
#include "detail/sql_text.hpp"
#include "detail/sqlite_handles.hpp"
#include "detail/tracking_table.hpp"

#include <embedded_migrations/migration_error.hpp>

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>

namespace embedded_migrations::generator {
namespace {

std::string lower(std::string_view text) {
  std::string result(text);
  std::transform(result.begin(), result.end(), result.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return result;
}

// What the authorizer refused, and why, for the migration being replayed.
struct replay_guard {
  bool transactional = true;
  std::string refusal;
};

constexpr const char* no_files_reason =
    "the build replays migrations and must never touch files outside its output, and an application's migration "
    "has no business opening other files either";

// Refuses what could touch files, and the pragmas SQLite silently ignores (or
// refuses) inside the transaction that wraps a migration.
int authorize(void* context, int action, const char* arg1, const char* arg2, const char*, const char*) {
  auto& guard = *static_cast<replay_guard*>(context);
  const auto refuse = [&](std::string reason) {
    guard.refusal = std::move(reason);
    return SQLITE_DENY;
  };
  switch (action) {
    case SQLITE_ATTACH:
      // VACUUM attaches its scratch copy under an empty name; ATTACH and
      // VACUUM INTO name the file they open.
      if (arg1 && *arg1) {
        return refuse(fmt::format("ATTACH and VACUUM INTO are not allowed in a migration: this one opens '{}', and {}",
                                  arg1, no_files_reason));
      }
      return SQLITE_OK;
    case SQLITE_DETACH:
      return refuse(fmt::format("DETACH is not allowed in a migration: {}", no_files_reason));
    case SQLITE_FUNCTION:
      if (arg2 && lower(arg2) == "load_extension") {
        return refuse(fmt::format("load_extension() is not allowed in a migration: {}", no_files_reason));
      }
      return SQLITE_OK;
    case SQLITE_PRAGMA: {
      const std::string pragma = arg1 ? lower(arg1) : std::string();
      if (pragma == "temp_store_directory" || pragma == "data_store_directory") {
        return refuse(fmt::format("PRAGMA {} is not allowed in a migration: {}", pragma, no_files_reason));
      }
      if (guard.transactional && arg2 && (pragma == "foreign_keys" || pragma == "journal_mode")) {
        return refuse(fmt::format(
            "PRAGMA {} cannot be changed inside a transaction ({}); make '{}' the first line of the file", pragma,
            pragma == "foreign_keys" ? "SQLite silently ignores it there" : "SQLite refuses it there",
            no_transaction_directive));
      }
      return SQLITE_OK;
    }
    default:
      return SQLITE_OK;
  }
}

// ATTACH '' (a temporary database) passes the authorizer like VACUUM's own attach.
std::optional<std::string> refuse_attach(std::string_view statement) {
  if (detail::is_keyword(detail::first_token(statement), "ATTACH")) {
    return fmt::format("ATTACH is not allowed in a migration: {}", no_files_reason);
  }
  return std::nullopt;
}

// Stands in for an application function: a distinct integer per call, which
// every column type and UNIQUE constraint accepts.
void declared_function_stand_in(sqlite3_context* context, int, sqlite3_value**) {
  auto* calls = static_cast<std::int64_t*>(sqlite3_user_data(context));
  sqlite3_result_int64(context, ++*calls);
}

std::string statement_excerpt(std::string_view sql, std::size_t offset) {
  auto line = sql.substr(offset, sql.find('\n', offset) - offset);
  constexpr std::size_t max_length = 100;
  if (line.size() > max_length) return std::string(line.substr(0, max_length)) + "...";
  return std::string(line);
}

std::string path_of(const std::string& directory, const std::string& filename) {
  return (std::filesystem::path(directory) / filename).string();
}

// Names the migrations after `failed` that were not replayed.
void note_not_replayed(const std::vector<loaded_migration>& migrations, std::size_t failed,
                       const std::string& directory, std::vector<diagnostic>& diagnostics) {
  const std::size_t rest = migrations.size() - failed - 1;
  if (rest == 0) return;
  constexpr std::size_t named = 5;
  std::string names;
  for (std::size_t i = failed + 1; i < migrations.size() && i <= failed + named; ++i) {
    names += (names.empty() ? "" : ", ") + migrations[i].filename;
  }
  if (rest > named) names += fmt::format(" and {} more", rest - named);
  diagnostics.push_back({path_of(directory, migrations[failed].filename), 1, 1, severity::note,
                         fmt::format("{} later migration{} not checked, as {} on this one: {}", rest,
                                     rest == 1 ? " was" : "s were", rest == 1 ? "it builds" : "they build", names)});
}

std::string foreign_key_violations(sqlite3* db) {
  detail::statement_ptr check;
  if (detail::prepare(db, "PRAGMA foreign_key_check", check) != SQLITE_OK) return {};
  std::size_t count = 0;
  std::string first;
  while (sqlite3_step(check.get()) == SQLITE_ROW) {
    if (count++ == 0) {
      const auto* table = reinterpret_cast<const char*>(sqlite3_column_text(check.get(), 0));
      const auto* parent = reinterpret_cast<const char*>(sqlite3_column_text(check.get(), 2));
      first = fmt::format("row {} of \"{}\" references a missing row of \"{}\"", sqlite3_column_int64(check.get(), 1),
                          table ? table : "?", parent ? parent : "?");
    }
  }
  if (count == 0) return {};
  return fmt::format("after this migration {} row{} violate{} a foreign key ({}{}); fix the data or the constraint",
                     count, count == 1 ? "" : "s", count == 1 ? "s" : "", first, count > 1 ? ", ..." : "");
}

}  // namespace

std::variant<declared_function, std::string> parse_function_declaration(std::string_view text) {
  const auto malformed = [&] {
    return fmt::format("'{}' is not a function declaration; write NAME/NARGS, for example uuid/0 (NARGS -1: any)",
                       text);
  };
  const auto slash = text.rfind('/');
  if (slash == std::string_view::npos || slash == 0) return malformed();
  const auto name = text.substr(0, slash);
  const auto count = text.substr(slash + 1);
  const bool name_ok = std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$';
  });
  int arg_count = 0;
  if (count == "-1") {
    arg_count = -1;
  } else if (!count.empty() && count.size() <= 3 &&
             std::all_of(count.begin(), count.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    arg_count = std::stoi(std::string(count));
  } else {
    return malformed();
  }
  if (!name_ok || arg_count > 127) return malformed();
  return declared_function{std::string(name), arg_count};
}

bool replay_migrations(const std::vector<loaded_migration>& migrations, const std::string& directory,
                       const replay_options& options, std::vector<diagnostic>& diagnostics) {
  sqlite3* raw = nullptr;
  const int open_rc = sqlite3_open_v2(":memory:", &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  detail::connection_ptr db(raw);
  if (open_rc != SQLITE_OK) throw std::runtime_error("cannot open an in-memory SQLite database");

  std::int64_t calls = 0;
  for (const auto& function : options.functions) {
    sqlite3_create_function_v2(db.get(), function.name.c_str(), function.arg_count, SQLITE_UTF8, &calls,
                               declared_function_stand_in, nullptr, nullptr, nullptr);
  }
  replay_guard guard;
  sqlite3_set_authorizer(db.get(), authorize, &guard);
  if (options.configure_connection) options.configure_connection(db.get());

  detail::tracking_table table(db.get(), "migrations");
  table.read();
  for (std::size_t i = 0; i < migrations.size(); ++i) {
    const auto& m = migrations[i];
    const std::string path = path_of(directory, m.filename);
    guard.transactional = m.transactional;
    guard.refusal.clear();
    const migration view{m.version, m.filename, m.sql, m.checksum, m.transactional};

    std::optional<detail::script_failure> failure;
    try {
      detail::run_settings settings;
      settings.hooks.vet = [](sqlite3_stmt*, std::string_view text) { return refuse_attach(text); };
      failure = detail::run_migration(db.get(), table, view, settings).failure;
    } catch (const migration_error& e) {
      diagnostics.push_back({path, 1, 1, severity::error, fmt::format("replaying the migration failed: {}", e.what())});
      note_not_replayed(migrations, i, directory, diagnostics);
      return false;
    }
    if (failure) {
      // A refusal always fails the statement being prepared, so one recorded now is this failure's cause.
      std::string message = guard.refusal.empty() ? failure->message : guard.refusal;
      if (message.rfind("no such function: ", 0) == 0) {
        const auto name = message.substr(std::string_view("no such function: ").size());
        message += fmt::format(
            "; if the application registers it, declare it: --function {0}/NARGS (FUNCTIONS {0}/NARGS in "
            "add_embedded_migrations)",
            name);
      }
      const auto where = detail::position_of(m.sql, failure->error_offset);
      const auto statement = detail::position_of(m.sql, failure->statement_offset);
      diagnostics.push_back({path, where.line, where.column, severity::error, message});
      diagnostics.push_back({path, statement.line, statement.column, severity::note,
                             fmt::format("in the statement: {}", statement_excerpt(m.sql, failure->statement_offset))});
      note_not_replayed(migrations, i, directory, diagnostics);
      return false;
    }
    if (auto violations = foreign_key_violations(db.get()); !violations.empty()) {
      diagnostics.push_back({path, 1, 1, severity::error, std::move(violations)});
      note_not_replayed(migrations, i, directory, diagnostics);
      return false;
    }
  }
  return true;
}

}  // namespace embedded_migrations::generator
