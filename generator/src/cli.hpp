// What the embed-migrations commands share: exit codes, option groups, and
// loading, validating and reporting a migration directory.
#pragma once

#include "checks/sqlite_version_gate.hpp"
#include "migration_directory.hpp"
#include "output/output_format.hpp"
#include "schema/schema_checks.hpp"
#include "terminal.hpp"

#include "detail/sqlite_handles.hpp"

#include <embedded_migrations/migration.hpp>

#include <boost/program_options.hpp>

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace embedded_migrations::generator::cli {

namespace po = boost::program_options;

// Exit codes, documented in --help.
inline constexpr int exit_ok = 0;
inline constexpr int exit_invalid = 1;  // invalid migrations, or the command failed
inline constexpr int exit_usage = 2;
inline constexpr int exit_out_of_sync = 3;  // status --exit-code, apply --dry-run: something pending or wrong

inline constexpr const char* program = "embed-migrations";

struct usage_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// --dir (with a default, or required when `default_dir` is null) and --allow-empty.
void add_directory_options(po::options_description& desc, const char* default_dir = nullptr);
// --db, for the commands that open a database.
void add_database_options(po::options_description& desc);
// --table: the tracking table, for every command that replays or opens a database.
void add_table_option(po::options_description& desc);
// --function, --replay-timeout, --replay-memory, --min-sqlite and --no-validate.
void add_validation_options(po::options_description& desc);
// The --table value, checked; throws usage_error for a name the runtime refuses.
std::string table_name(const po::variables_map& options);

// The --foreign-keys mode: true for on. Throws usage_error for anything but on or off.
bool foreign_keys_on(const po::variables_map& options);
// --color and --help: every command takes them. --format too, for a command that takes more
// `formats` than text; any other value is a usage error naming the ones it takes.
void add_output_options(po::options_description& desc,
                        const std::vector<output::output_format>& formats = {output::output_format::text});

struct parsed_command {
  po::variables_map options;
  bool color_stdout = false;
  bool color_stderr = false;
  output::output_format format = output::output_format::text;
};

// The parsed options, or nullopt once --help has been printed. Positional
// arguments go to `positional` when given.
std::optional<parsed_command> parse(const std::vector<std::string>& args, const po::options_description& desc,
                                    const po::positional_options_description* positional = nullptr);

// A directory, replayed: what the set needs of the user's SQLite comes with it.
struct validated_directory : migration_directory {
  sqlite_requirements requirements;  // empty unless the replay ran and passed
  std::string requirements_text;     // describe_requirements(); empty unless the replay ran and passed
  schema_history schema;             // what the replay recorded of the schema; complete once it passed
};

// Loads the directory and, unless --no-validate, replays it on a scratch
// database and holds it to --min-sqlite and the build machine's SQLite.
validated_directory load_and_validate(const po::variables_map& options);

// "DIR: needs SQLite 3.35.0 or newer (DROP COLUMN at ...)" for a loaded
// directory, from a replay with default limits; a line saying it is unknown
// when the directory does not replay (check names why). With `history`, the
// same replay records the schema there (status --verify), with stand-ins for
// `functions`.
std::string describe_sqlite_needs(const migration_directory& loaded, const std::string& dir, const std::string& table,
                                  schema_history* history = nullptr,
                                  const std::vector<declared_function>& functions = {});

// Prints the diagnostics to stderr (as workflow commands on stdout for github); exit_ok when none is an error.
int report(const migration_directory& loaded, const std::string& dir, bool color,
           output::output_format format = output::output_format::text);

// Opens a database for status (read-only) or apply; throws migration_error (io_error, ...) with SQLite's message.
detail::connection_ptr open_database(const std::string& path, int flags);

// --- schema snapshot and destructive changes (issue 13) ---
// --schema-file and --destructive, for check and generate.
void add_schema_options(po::options_description& desc);
// The settings those options (and --function, --table, --dir) give; throws
// usage_error for a bad value or with --no-validate, which skips the replay.
schema_check_settings schema_settings(const po::variables_map& options);
// The snapshot checks, when the directory is valid and was replayed; appends
// their diagnostics to `loaded`. nullopt when they did not run or failed.
std::optional<schema_check_result> run_schema_checks(const po::variables_map& options, validated_directory& loaded);
// Removes the notes among diagnostics[first...]: the destructive report is for
// 'check'; a build that printed it on every run would bury real messages.
void drop_notes_of_schema_checks(migration_directory& loaded, std::size_t first);
// --verify and --function, for status.
void add_verify_options(po::options_description& desc);
// The --function declarations; throws usage_error for a malformed one.
std::vector<declared_function> declared_functions(const po::variables_map& options);
// status --verify: prints how the database's schema differs from `history`,
// the one the migrations produce; exit_out_of_sync on drift or when it cannot
// be compared. Throws std::runtime_error when the migrations did not replay.
int verify_database(const po::variables_map& options, const migration_directory& loaded,
                    const schema_history& history, sqlite3* db, bool color);
// --- end of schema ---

// Runtime views of loaded migrations, for apply() and status().
std::vector<migration> runtime_migrations(const std::vector<loaded_migration>& loaded);

}  // namespace embedded_migrations::generator::cli
