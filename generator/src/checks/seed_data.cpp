#include "checks/seed_data.hpp"

#include "migration_content.hpp"
#include "replay/authorizer.hpp"
#include "replay/foreign_keys.hpp"
#include "replay/sandbox.hpp"

#include "detail/script.hpp"
#include "detail/sql_text.hpp"
#include "detail/sqlite_handles.hpp"
#include "detail/statement_program.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <stdexcept>
#include <tuple>

namespace embedded_migrations::generator {
namespace {

std::string path_of(const std::string& directory, const std::string& filename) {
  return (std::filesystem::path(directory) / filename).string();
}

bool same_name(std::string_view a, std::string_view b) {
  return a.size() == b.size() && sqlite3_strnicmp(a.data(), b.data(), static_cast<int>(a.size())) == 0;
}

void add_once(std::vector<std::string>& names, const char* name) {
  if (!name || sqlite3_strnicmp(name, "sqlite_", 7) == 0) return;  // SQLite's own tables: every DDL writes them
  for (const auto& known : names) {
    if (same_name(known, name)) return;
  }
  names.emplace_back(name);
}

std::int64_t read_integer(sqlite3* db, const char* sql) {
  detail::statement_ptr query;
  if (detail::prepare(db, sql, query) != SQLITE_OK || sqlite3_step(query.get()) != SQLITE_ROW) return -1;
  return sqlite3_column_int64(query.get(), 0);
}

// A table's root page, which a rename keeps; -1 when there is no such table.
std::int64_t root_page_of(sqlite3* db, const std::string& table) {
  detail::statement_ptr query;
  if (detail::prepare(db, "SELECT rootpage FROM main.sqlite_schema WHERE type = 'table' AND name = ?1 COLLATE NOCASE",
                      query) != SQLITE_OK) {
    return -1;
  }
  sqlite3_bind_text(query.get(), 1, table.c_str(), -1, SQLITE_TRANSIENT);
  return sqlite3_step(query.get()) == SQLITE_ROW ? sqlite3_column_int64(query.get(), 0) : -1;
}

void execute(sqlite3* db, const char* sql) {
  if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) {
    throw std::runtime_error(fmt::format("the replay could not run {} for a seed: {}", sql, sqlite3_errmsg(db)));
  }
}

}  // namespace

seed_set load_seed_directory(const std::filesystem::path& directory, migration_directory& into) {
  auto loaded = load_migration_directory(directory, true, file_kind::seed);
  into.diagnostics.insert(into.diagnostics.end(), loaded.diagnostics.begin(), loaded.diagnostics.end());
  into.inputs.insert(into.inputs.end(), loaded.inputs.begin(), loaded.inputs.end());
  std::error_code ec;
  if (std::filesystem::is_directory(directory, ec)) into.inputs.push_back(directory);

  seed_set seeds{directory.string(), {}};
  for (auto& seed : loaded.migrations) {
    const auto path = path_of(seeds.directory, seed.filename);
    const auto& migrations = into.migrations;
    const auto match = std::lower_bound(migrations.begin(), migrations.end(), seed.version,
                                        [](const loaded_migration& m, std::int64_t v) { return m.version < v; });
    if (match == migrations.end() || match->version != seed.version) {
      std::string example;
      if (match != migrations.begin()) {
        const auto& previous = *std::prev(match);
        example = fmt::format(" (to follow {}, name it {}{})", previous.filename,
                              previous.filename.substr(0, previous.filename.find('_')),
                              seed.filename.substr(seed.filename.find('_')));
      }
      into.diagnostics.push_back(
          {path, 1, 1, severity::error,
           fmt::format("'{}' is a seed for version {}, which no migration has: a seed runs right after the migration "
                       "of its version; rename it to the version of the migration whose schema its rows fit{}",
                       seed.filename, seed.version, example)});
      continue;
    }
    if (!seed.transactional) {
      into.diagnostics.push_back(
          {path, 1, 1, severity::error,
           fmt::format("a seed runs inside a transaction of the replay's own, so '{}' has no meaning here; remove "
                       "the line",
                       no_transaction_directive)});
      continue;
    }
    seeds.files.push_back(std::move(seed));
  }
  return seeds;
}

void seed_data_check::start(const replay_context& context) { context_ = context; }

void seed_data_check::before(std::size_t, const loaded_migration& migration) {
  preparing_.clear();
  statement_tables_.clear();
  migration_tables_.clear();
  statement_begin_ = statement_end_ = 0;
  sql_begin_ = migration.sql.data();
}

void seed_data_check::on_authorize(int action, const char* arg1, const char* arg2) {
  // The tables whose rows a statement reads or changes, as SQLite names them.
  switch (action) {
    case SQLITE_READ: case SQLITE_INSERT: case SQLITE_UPDATE: case SQLITE_DELETE: case SQLITE_DROP_TABLE:
      add_once(preparing_, arg1);
      break;
    case SQLITE_ALTER_TABLE: case SQLITE_CREATE_INDEX: case SQLITE_DROP_INDEX: case SQLITE_CREATE_TRIGGER:
      add_once(preparing_, arg2);
      break;
    default:
      break;
  }
}

void seed_data_check::on_statement(sqlite3_stmt*, std::string_view text) {
  statement_tables_ = preparing_;
  preparing_.clear();
  for (const auto& table : statement_tables_) add_once(migration_tables_, table.c_str());
  statement_begin_ = static_cast<std::size_t>(text.data() - sql_begin_);
  statement_end_ = statement_begin_ + text.size();
}

bool seed_data_check::finish(std::size_t, const loaded_migration& migration, std::vector<diagnostic>& diagnostics) {
  while (next_ < seeds_.files.size() && seeds_.files[next_].version == migration.version) {
    if (!run_seed(seeds_.files[next_], migration, diagnostics)) return false;
    ++next_;
  }
  return true;
}

void seed_data_check::after(std::size_t, const loaded_migration&) {}

bool seed_data_check::run_seed(const loaded_migration& seed, const loaded_migration& after,
                               std::vector<diagnostic>& diagnostics) {
  sqlite3* const db = context_.db;
  auto& policy = *context_.policy;
  const auto path = path_of(seeds_.directory, seed.filename);
  policy.current = replay_policy::phase::bookkeeping;
  policy.seeded_tables.clear();
  context_.limits->restart();
  execute(db, "SAVEPOINT embedded_migrations_seed");
  const auto schema_before = read_integer(db, "PRAGMA schema_version");

  detail::script_rules rules;
  rules.in_transaction = true;
  detail::tracking_root_pages tracking_pages(context_.tracking_table);
  rules.tracking_table = &tracking_pages;
  detail::statement_hooks hooks;
  hooks.before_prepare = [&] {
    policy.current = replay_policy::phase::seeding;
    policy.refusal.clear();
    policy.seed_authorizations = 0;
  };
  hooks.vet = [&](sqlite3_stmt*, std::string_view) -> std::optional<std::string> {
    if (policy.seed_authorizations == 0) {
      return "a seed file holds rows only (INSERT, UPDATE, DELETE, SELECT), and this statement neither reads nor "
             "writes rows (SQLite asked no authorization for it); move it to a migration, or remove it";
    }
    policy.current = replay_policy::phase::running;  // what SQLite prepares as it runs (FTS, triggers) is its own
    return std::nullopt;
  };
  hooks.after_statement = [&] { policy.current = replay_policy::phase::bookkeeping; };
  hooks.error_offset = [](sqlite3* connection) { return sqlite3_error_offset(connection); };
  const auto result = detail::run_script(db, seed.sql, rules, hooks);
  policy.current = replay_policy::phase::bookkeeping;

  const auto fits = fmt::format("this seed runs right after migration {}, so its rows must fit the schema that "
                                "migration leaves: correct the seed",
                                after.filename);
  std::vector<diagnostic> errors;
  if (result.failure) {
    const auto& failure = *result.failure;
    const auto where = detail::position_of(seed.sql, failure.error_offset);
    const auto statement = detail::position_of(seed.sql, failure.statement_offset);
    std::string message;
    if (!policy.refusal.empty()) {
      message = policy.refusal;
    } else if (context_.limits->timed_out() || (failure.sqlite_code & 0xff) == SQLITE_NOMEM) {
      message = "this seed ran into the replay's time or memory limit; load fewer rows, or raise the limit: "
                "--replay-timeout SECONDS, --replay-memory MIB (REPLAY_TIMEOUT, REPLAY_MEMORY in "
                "add_embedded_migrations)";
    } else if (failure.sqlite_code == 0) {
      message = failure.message;  // our own refusal, worded for a seed
    } else {
      message = fmt::format("{}; {}", failure.message, fits);
    }
    errors.push_back({path, where.line, where.column, severity::error, std::move(message)});
    const auto from = std::min(failure.statement_offset, seed.sql.size());
    auto excerpt = seed.sql.substr(from, seed.sql.find('\n', from) - from);
    constexpr std::size_t max_excerpt = 100;  // as the replay shows a migration's statement
    if (excerpt.size() > max_excerpt) excerpt = excerpt.substr(0, max_excerpt) + "...";
    if (!excerpt.empty()) {
      errors.push_back({path, statement.line, statement.column, severity::note, "in the statement: " + excerpt});
    }
  } else if (read_integer(db, "PRAGMA schema_version") != schema_before) {
    // The authorizer refuses every schema change; this is the second line of defence.
    errors.push_back({path, 1, 1, severity::error,
                      "this seed changed the schema; a seed file holds rows only (INSERT, UPDATE, DELETE, SELECT): "
                      "move the change to a migration"});
  } else if (auto problem = foreign_key_problem(db, "this seed")) {
    errors.push_back({path, 1, 1, severity::error,
                      fmt::format("{} (the seed runs right after migration {})", *problem, after.filename)});
  }
  if (!errors.empty()) {
    sqlite3_exec(db, "ROLLBACK TO embedded_migrations_seed", nullptr, nullptr, nullptr);
    sqlite3_exec(db, "RELEASE embedded_migrations_seed", nullptr, nullptr, nullptr);
    diagnostics.insert(diagnostics.end(), errors.begin(), errors.end());
    return false;
  }
  execute(db, "RELEASE embedded_migrations_seed");
  const auto index = static_cast<std::size_t>(&seed - seeds_.files.data());
  for (const auto& table : policy.seeded_tables) {
    const bool known = std::any_of(seeded_.begin(), seeded_.end(), [&](const seeded_table& s) {
      return s.seed == index && same_name(s.name, table);
    });
    if (!known) seeded_.push_back({table, root_page_of(db, table), index});
  }
  policy.seeded_tables.clear();
  return true;
}

std::vector<std::size_t> seed_data_check::seeds_that_wrote(const std::vector<std::string>& tables) const {
  std::vector<std::size_t> seeds;
  for (const auto& table : tables) {
    const auto root_page = root_page_of(context_.db, table);
    for (const auto& s : seeded_) {
      if (same_name(s.name, table) || (root_page > 0 && s.root_page == root_page)) seeds.push_back(s.seed);
    }
  }
  std::sort(seeds.begin(), seeds.end());
  seeds.erase(std::unique(seeds.begin(), seeds.end()), seeds.end());
  return seeds;
}

void seed_data_check::explain_failure(std::size_t, const loaded_migration& migration, replay_failure where,
                                      const diagnostic& error, std::vector<diagnostic>& diagnostics) {
  if (seeded_.empty()) return;
  const std::vector<std::string>* tables = &migration_tables_;
  if (where == replay_failure::statement) {
    // A statement that failed to prepare failed on its text and the schema,
    // never on rows: only one that compiled (the last) met the seeds' rows.
    const auto begin = detail::position_of(migration.sql, statement_begin_);
    const auto end = detail::position_of(migration.sql, statement_end_);
    const auto at = std::make_tuple(error.line, error.column);
    if (statement_end_ == statement_begin_ || at < std::make_tuple(begin.line, begin.column) ||
        !(at < std::make_tuple(end.line, end.column))) {
      return;
    }
    tables = &statement_tables_;
  }
  const auto seeds = seeds_that_wrote(*tables);
  if (seeds.empty()) return;
  std::string names;
  for (const auto i : seeds) names += (names.empty() ? "" : ", ") + path_of(seeds_.directory, seeds_.files[i].filename);
  diagnostics.push_back(
      {error.path, error.line, error.column, severity::note,
       fmt::format("the rows involved come from the seed file{} {}, which the replay loads to check the migrations "
                   "on data like users'; a user's database can hold such rows, so make the migration handle them "
                   "(or, if no database can hold them, correct the seed)",
                   seeds.size() == 1 ? "" : "s", names)});
}

}  // namespace embedded_migrations::generator
