#include "replay/authorizer.hpp"

#include "migration_content.hpp"
#include "replay/replay_check.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <array>
#include <string_view>

namespace embedded_migrations::generator {
namespace {

constexpr const char* no_files_reason =
    "the build replays migrations and must never touch files outside its output, and an application's migration "
    "has no business opening other files either";

bool same_name(const char* a, std::string_view b) {
  return a && std::string_view(a).size() == b.size() && sqlite3_strnicmp(a, b.data(), static_cast<int>(b.size())) == 0;
}

// Functions that reach outside the database. fts3_tokenizer() returns the
// address of a tokenizer module (a library address leak) and, given one,
// makes FTS3 call through any pointer (arbitrary code); load_extension() loads
// a shared library; readfile(), writefile() and edit() are the shell's file
// access, present wherever an extension registers them.
constexpr std::array<std::string_view, 5> outside_functions = {"fts3_tokenizer", "load_extension", "readfile",
                                                               "writefile", "edit"};

std::string tracking_table_refusal(int action, const std::string& table) {
  const char* what = "uses";
  switch (action) {
    case SQLITE_READ: what = "reads"; break;
    case SQLITE_INSERT: what = "inserts into"; break;
    case SQLITE_UPDATE: what = "updates"; break;
    case SQLITE_DELETE: what = "deletes from"; break;
    case SQLITE_CREATE_TABLE: case SQLITE_CREATE_VIEW: case SQLITE_CREATE_VTABLE: what = "creates"; break;
    case SQLITE_CREATE_TEMP_TABLE: case SQLITE_CREATE_TEMP_VIEW: what = "creates a temporary shadow of"; break;
    case SQLITE_DROP_TABLE: case SQLITE_DROP_TEMP_TABLE: case SQLITE_DROP_VIEW: case SQLITE_DROP_TEMP_VIEW:
    case SQLITE_DROP_VTABLE: what = "drops"; break;
    case SQLITE_ALTER_TABLE: what = "alters"; break;
    case SQLITE_CREATE_INDEX: case SQLITE_CREATE_TEMP_INDEX: what = "indexes"; break;
    case SQLITE_CREATE_TRIGGER: case SQLITE_CREATE_TEMP_TRIGGER: what = "puts a trigger on"; break;
    default: break;
  }
  return fmt::format(
      "this statement {} the tracking table \"{}\", which belongs to embedded-migrations: a migration must never "
      "read or change it; if the application has a table of that name, record migrations in another one: --table "
      "NAME (TABLE NAME in add_embedded_migrations)",
      what, table);
}

// The table a statement names, for the actions that name one; both arguments
// when either can (an index or trigger's own name, and its table's).
bool names_tracking_table(int action, const char* arg1, const char* arg2, const std::string& table) {
  switch (action) {
    case SQLITE_READ: case SQLITE_INSERT: case SQLITE_UPDATE: case SQLITE_DELETE:
    case SQLITE_CREATE_TABLE: case SQLITE_CREATE_TEMP_TABLE: case SQLITE_DROP_TABLE: case SQLITE_DROP_TEMP_TABLE:
    case SQLITE_CREATE_VIEW: case SQLITE_CREATE_TEMP_VIEW: case SQLITE_DROP_VIEW: case SQLITE_DROP_TEMP_VIEW:
    case SQLITE_CREATE_VTABLE: case SQLITE_DROP_VTABLE:
      return same_name(arg1, table);
    case SQLITE_CREATE_INDEX: case SQLITE_CREATE_TEMP_INDEX: case SQLITE_DROP_INDEX: case SQLITE_DROP_TEMP_INDEX:
    case SQLITE_CREATE_TRIGGER: case SQLITE_CREATE_TEMP_TRIGGER: case SQLITE_DROP_TRIGGER:
    case SQLITE_DROP_TEMP_TRIGGER:
      return same_name(arg1, table) || same_name(arg2, table);
    case SQLITE_ALTER_TABLE:  // arg1 is the schema, arg2 the table
      return same_name(arg2, table);
    default:
      return false;
  }
}

// A pragma the migration may read but not set, and why; nullptr when it may.
const char* refused_pragma_reason(const char* pragma, bool sets_a_value) {
  if (same_name(pragma, "temp_store_directory") || same_name(pragma, "data_store_directory")) {
    return "the build replays migrations and must never touch files outside its output, and where SQLite writes is "
           "the application's choice, not a migration's; remove it";
  }
  if (!sets_a_value) return nullptr;
  if (same_name(pragma, "writable_schema")) {
    return "it lets SQL write SQLite's own schema table, which can corrupt the database; change the schema with "
           "CREATE, ALTER and DROP statements (the 12-step rebuild for what ALTER TABLE cannot do)";
  }
  if (same_name(pragma, "schema_version")) {
    return "changing it makes SQLite read a stale schema, which can corrupt the database (the replay's defensive "
           "mode ignores it, the application's connection does not); change the schema with CREATE, ALTER and DROP "
           "statements, and keep a version of your own in PRAGMA user_version";
  }
  if (same_name(pragma, "query_only")) {
    return "it makes the connection refuse every later write, the application's included, and the tracking table "
           "could not be written; remove it";
  }
  if (same_name(pragma, "temp_store")) {
    return "the replay keeps temporary tables and sorts in memory so that the build never writes a file; leave "
           "temp_store to the application";
  }
  if (same_name(pragma, "trusted_schema")) {
    return "the replay runs with an untrusted schema, so that SQL in views and triggers cannot call functions "
           "with side effects; leave trusted_schema to the application";
  }
  if (same_name(pragma, "hard_heap_limit") || same_name(pragma, "soft_heap_limit")) {
    return "the replay's memory limit is set by --replay-memory (REPLAY_MEMORY in add_embedded_migrations), and "
           "the heap limit is the whole application's, not a migration's";
  }
  return nullptr;
}

// The whole remedy, not half of it: a file that only gains the directive runs
// its statements one by one, so a table rebuild that fails halfway leaves a
// half-built table. SQLite's 12-step rebuild (lang_altertable.html#otheralter)
// turns foreign keys off outside the transaction, checks them before COMMIT
// and turns them back on after it.
std::string own_transaction_remedy() {
  return fmt::format(
      "make '{}' the first line of the file and wrap its changes in the file's own transaction, so that it stays "
      "atomic: PRAGMA foreign_keys=OFF; BEGIN; ... PRAGMA foreign_key_check; COMMIT; PRAGMA foreign_keys=ON; (as in "
      "SQLite's 12-step table rebuild, https://www.sqlite.org/lang_altertable.html#otheralter)",
      no_transaction_directive);
}

// What a statement does that a seed may not, in the words of its SQL; nullptr
// for what a seed may do: read and write rows (SQLite reports a statement's
// every table, view, trigger body and function while it prepares it).
const char* seed_refusal_of(int action) {
  switch (action) {
    case SQLITE_SELECT: case SQLITE_READ: case SQLITE_INSERT: case SQLITE_UPDATE: case SQLITE_DELETE:
    case SQLITE_FUNCTION: case SQLITE_RECURSIVE:
      return nullptr;
    case SQLITE_TRANSACTION: return "BEGIN, COMMIT or ROLLBACK";
    case SQLITE_SAVEPOINT: return "SAVEPOINT";
    case SQLITE_PRAGMA: return "PRAGMA";
    case SQLITE_ATTACH: case SQLITE_DETACH: return "ATTACH or DETACH";
    case SQLITE_ALTER_TABLE: return "ALTER TABLE";
    case SQLITE_ANALYZE: return "ANALYZE";
    case SQLITE_REINDEX: return "REINDEX";
    case SQLITE_CREATE_INDEX: case SQLITE_CREATE_TEMP_INDEX: return "CREATE INDEX";
    case SQLITE_CREATE_TRIGGER: case SQLITE_CREATE_TEMP_TRIGGER: return "CREATE TRIGGER";
    case SQLITE_CREATE_VIEW: case SQLITE_CREATE_TEMP_VIEW: return "CREATE VIEW";
    case SQLITE_DROP_INDEX: case SQLITE_DROP_TEMP_INDEX: return "DROP INDEX";
    case SQLITE_DROP_TRIGGER: case SQLITE_DROP_TEMP_TRIGGER: return "DROP TRIGGER";
    case SQLITE_DROP_VIEW: case SQLITE_DROP_TEMP_VIEW: return "DROP VIEW";
    case SQLITE_DROP_TABLE: case SQLITE_DROP_TEMP_TABLE: case SQLITE_DROP_VTABLE: return "DROP TABLE";
    case SQLITE_CREATE_TABLE: case SQLITE_CREATE_TEMP_TABLE: case SQLITE_CREATE_VTABLE: return "CREATE TABLE";
    default: return "a statement that neither reads nor writes rows";
  }
}

// A seed file's SQL: rows only, never the schema (the replay would then check
// a schema the migrations do not build, and the snapshot and the destructive
// report would describe it), nor the tracking table, nor the sandbox's refusals.
int authorize_seed(replay_policy& policy, int action, const char* arg1, const char* arg2) {
  const auto refuse = [&](std::string reason) {
    if (policy.refusal.empty()) policy.refusal = std::move(reason);
    return SQLITE_DENY;
  };
  ++policy.seed_authorizations;
  if (const char* what = seed_refusal_of(action)) {
    // The schema object or pragma SQLite names (ANALYZE's is CREATE TABLE sqlite_stat1).
    const std::string_view words = what;
    const bool named = action == SQLITE_PRAGMA || action == SQLITE_ALTER_TABLE || words.rfind("CREATE ", 0) == 0 ||
                       words.rfind("DROP ", 0) == 0;
    const char* object = action == SQLITE_ALTER_TABLE ? arg2 : arg1;
    if (action == SQLITE_TRANSACTION && arg1) what = arg1;  // BEGIN, COMMIT or ROLLBACK, as SQLite says
    return refuse(fmt::format(
        "a seed file holds rows only (INSERT, UPDATE, DELETE, SELECT), and this statement runs {}{}{}: a seed that "
        "changed the schema or the connection would have the build check what the migrations never build; move it "
        "to a migration, or remove it",
        what, named && object ? " " : "", named && object ? object : ""));
  }
  if (names_tracking_table(action, arg1, arg2, policy.tracking_table)) {
    return refuse(fmt::format(
        "this seed statement touches the tracking table \"{}\", which belongs to embedded-migrations: seed files "
        "hold rows for the application's tables only; remove the statement",
        policy.tracking_table));
  }
  if (action == SQLITE_FUNCTION) {
    for (const auto name : outside_functions) {
      if (same_name(arg2, name)) {
        return refuse(fmt::format("{}() is not allowed in a seed file: it reaches outside the database, and {}; "
                                  "remove the call",
                                  name, no_files_reason));
      }
    }
  }
  if ((action == SQLITE_INSERT || action == SQLITE_UPDATE || action == SQLITE_DELETE) && arg1) {
    policy.seeded_tables.emplace_back(arg1);
  }
  return SQLITE_OK;
}

int authorize(void* context, int action, const char* arg1, const char* arg2, const char*, const char*) {
  auto& policy = *static_cast<replay_policy*>(context);
  const auto refuse = [&](std::string reason) {
    if (policy.refusal.empty()) policy.refusal = std::move(reason);
    return SQLITE_DENY;
  };
  if (policy.current == replay_policy::phase::bookkeeping) return SQLITE_OK;
  if (policy.current == replay_policy::phase::seeding) return authorize_seed(policy, action, arg1, arg2);
  if (policy.current == replay_policy::phase::running) {
    // What SQLite prepares while a migration statement runs is its own doing:
    // VACUUM's copy, a virtual table creating its shadow tables or reading its
    // content. VACUUM attaches its scratch copy under an empty name (in
    // memory, as temp_store is), then copies every table, ours too; VACUUM
    // INTO attaches the file it writes.
    if (action == SQLITE_ATTACH && arg1 && *arg1) {
      return refuse(fmt::format("VACUUM INTO is not allowed in a migration: this one writes '{}', and {}; take "
                                "backups in the application, outside its migrations",
                                arg1, no_files_reason));
    }
    if (action == SQLITE_ATTACH) policy.vacuuming = true;
    // A virtual table's own SQL reads whatever table the migration names:
    // fts4(content="migrations") and fts5(content=migrations) read the
    // tracking table while the statement runs.
    if (!policy.vacuuming && names_tracking_table(action, arg1, arg2, policy.tracking_table)) {
      return refuse(tracking_table_refusal(action, policy.tracking_table));
    }
    return SQLITE_OK;
  }

  for (auto* check : policy.checks) check->on_authorize(action, arg1, arg2);
  switch (action) {
    case SQLITE_TRANSACTION:
      if (!policy.transactional) return SQLITE_OK;
      if (policy.refusal.empty()) policy.refusal_needs_own_transaction = true;
      return refuse(fmt::format(
          "{} cannot run inside the transaction that wraps this migration; to control transactions yourself, {}; "
          "a SAVEPOINT works in either kind of file",
          arg1 ? arg1 : "transaction control", own_transaction_remedy()));
    case SQLITE_ATTACH:
      // Even ATTACH '' and ':memory:': a migration runs on the application's
      // connection, where another schema name changes what its SQL refers to.
      return refuse(fmt::format("ATTACH is not allowed in a migration: this one attaches '{}', and {}; keep the "
                                "migration's tables in the application's database (a TEMP table for scratch data)",
                                arg1 ? arg1 : "", no_files_reason));
    case SQLITE_DETACH:
      return refuse(fmt::format("DETACH is not allowed in a migration: {}; remove it", no_files_reason));
    case SQLITE_FUNCTION:
      for (const auto name : outside_functions) {
        if (same_name(arg2, name)) {
          return refuse(fmt::format(
              "{}() is not allowed in a migration: it reaches outside the database, and {}; remove the call", name,
              no_files_reason));
        }
      }
      return SQLITE_OK;
    case SQLITE_PRAGMA: {
      const std::string pragma = arg1 ? arg1 : "";
      if (const char* reason = refused_pragma_reason(arg1, arg2 != nullptr)) {
        return refuse(fmt::format("PRAGMA {} is not allowed in a migration: {}", pragma, reason));
      }
      if (policy.transactional && arg2 && same_name(arg1, "foreign_keys")) {
        if (policy.refusal.empty()) policy.refusal_needs_own_transaction = true;
        return refuse(fmt::format(
            "PRAGMA foreign_keys cannot be changed inside a transaction (SQLite silently ignores it there); {}",
            own_transaction_remedy()));
      }
      if (policy.transactional && arg2 && same_name(arg1, "journal_mode")) {
        return refuse(fmt::format(
            "PRAGMA journal_mode cannot be changed inside a transaction (SQLite refuses it there); make '{}' the "
            "first line of the file",
            no_transaction_directive));
      }
      return SQLITE_OK;
    }
    case SQLITE_ALTER_TABLE:
      if (same_name(arg1, "temp")) policy.altered_temporary_table = true;
      policy.renamed_or_dropped_table = true;
      [[fallthrough]];
    case SQLITE_DROP_TABLE:
      if (action == SQLITE_DROP_TABLE) policy.renamed_or_dropped_table = true;
      [[fallthrough]];
    default:
      if (names_tracking_table(action, arg1, arg2, policy.tracking_table)) {
        return refuse(tracking_table_refusal(action, policy.tracking_table));
      }
      return SQLITE_OK;
  }
}

}  // namespace

void install_authorizer(sqlite3* db, replay_policy& policy) { sqlite3_set_authorizer(db, authorize, &policy); }

}  // namespace embedded_migrations::generator
