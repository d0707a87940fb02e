// The build's schema artifacts: the snapshot, the committed snapshot's
// freshness, and each migration's destructive effects.
#pragma once

#include "diagnostic.hpp"
#include "fresh_snapshot.hpp"
#include "migration_directory.hpp"
#include "replay/replay.hpp"
#include "schema/schema_history.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace embedded_migrations::generator {

enum class destructive_policy {
  report,  // a note per destructive migration (the default)
  error,   // an error per destructive migration without a "-- destructive: <reason>" line
};

struct schema_check_settings {
  std::vector<declared_function> functions;
  std::string table = "migrations";
  std::optional<std::filesystem::path> schema_file;  // the committed snapshot to compare, if any
  destructive_policy destructive = destructive_policy::report;
  std::string update_command;  // how to rewrite schema_file, for the message
  int sqlite_requirement = 0;  // the set's, for the snapshot's header (sqlite3_libversion_number() form)
  bool fresh_snapshot = false;  // also decide options::fresh_from_snapshot (a replay of its own)
  replay_limits limits;         // for that replay: the build replay's
  bool foreign_keys = false;    // ... and its foreign-key mode
};

struct schema_check_result {
  std::string snapshot;                  // the final schema's canonical text
  std::vector<std::string> destructive;  // per migration: its effects described, empty when none
  fresh_snapshot fresh;                  // empty script and refusal unless settings.fresh_snapshot
};

// Judges `history`, which the build replay of `migrations` recorded, and
// appends diagnostics: a note per destructive migration (an error under
// destructive_policy::error unless acknowledged) and an error with a unified
// diff when schema_file differs from the snapshot. Returns nullopt, after an
// error diagnostic, when the fresh snapshot's replay fails.
std::optional<schema_check_result> check_schema(const std::vector<loaded_migration>& migrations,
                                                const schema_history& history, const std::string& directory,
                                                const schema_check_settings& settings,
                                                std::vector<diagnostic>& diagnostics);

}  // namespace embedded_migrations::generator
