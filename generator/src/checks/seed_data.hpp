// Seed files (SEED_DIRECTORY in add_embedded_migrations, --seed-dir): rows
// the replay loads right after the migration of the same version, so that
// the later migrations are checked on rows like users' instead of on empty
// tables. Seeds run during the replay only and are never embedded.
#pragma once

#include "migration_directory.hpp"
#include "replay/replay_check.hpp"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace embedded_migrations::generator {

struct seed_set {
  std::string directory;                // as given, so diagnostics read the way it was named
  std::vector<loaded_migration> files;  // by version, one per version
};

// Loads `directory` as a migration directory is loaded (names, UTF-8, BOM,
// line endings, section markers: migration_directory.hpp), appending its
// diagnostics and the paths it read to `into`, the directory too, so that
// adding or deleting a seed re-runs the build. Each seed must have the
// version of one of `into.migrations`, and may not say '-- no-transaction'
// (it runs in the replay's own transaction).
seed_set load_seed_directory(const std::filesystem::path& directory, migration_directory& into);

// Runs each seed right after its migration replayed, in a transaction of
// its own, with the authorizer in its seeding phase: a seed may read and
// write rows (INSERT, UPDATE, DELETE, SELECT) and nothing else, never the
// tracking table, and leaves no row violating a foreign key. A failing seed
// is an error at the seed file's line:col; a migration that fails later on
// tables the seeds wrote gets a note naming those seeds.
class seed_data_check final : public replay_check {
 public:
  explicit seed_data_check(seed_set seeds) : seeds_(std::move(seeds)) {}

  void start(const replay_context& context) override;
  void before(std::size_t index, const loaded_migration& migration) override;
  void on_authorize(int action, const char* arg1, const char* arg2) override;
  void on_statement(sqlite3_stmt* statement, std::string_view text) override;
  bool finish(std::size_t index, const loaded_migration& migration, std::vector<diagnostic>& diagnostics) override;
  void explain_failure(std::size_t index, const loaded_migration& migration, replay_failure where,
                       const diagnostic& error, std::vector<diagnostic>& diagnostics) override;
  void after(std::size_t index, const loaded_migration& migration) override;
  bool loads_rows() const override { return true; }

  // How many seed files ran, for tests.
  std::size_t seeds_run() const noexcept { return next_; }

 private:
  struct seeded_table {
    std::string name;
    std::int64_t root_page;  // follows the table through a rename
    std::size_t seed;        // index into seeds_.files
  };
  bool run_seed(const loaded_migration& seed, const loaded_migration& after, std::vector<diagnostic>& diagnostics);
  std::vector<std::size_t> seeds_that_wrote(const std::vector<std::string>& tables) const;

  seed_set seeds_;
  replay_context context_;
  std::size_t next_ = 0;  // the first seed not run yet
  std::vector<seeded_table> seeded_;
  // The tables the migration's SQL names, as SQLite reports them while
  // preparing: the statement being prepared, the last one compiled (and
  // where it is in the migration), and the whole migration's.
  std::vector<std::string> preparing_, statement_tables_, migration_tables_;
  std::size_t statement_begin_ = 0, statement_end_ = 0;
  const char* sql_begin_ = nullptr;
};

}  // namespace embedded_migrations::generator
