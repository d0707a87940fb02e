// embedded-migrations-data-check-bench: what the checks for data (issue 12)
// add to the build-time replay: the populated-table probe
// (checks/populated_tables.hpp) and the seed tracking a --seed-dir brings
// (checks/seed_data.hpp, with an empty seed directory, so that only the
// check's own work is timed, not the user's rows). Baseline: the replay as
// the build ran it before them, with the feature check riding on it. In
// process, on the bench sets, plus a worst case for the probe: every
// migration alters an empty table. Prints a RESULTS.md section; bench/run
// appends it.
//   embedded-migrations-data-check-bench [--quick]
#include <fmt/format.h>

#include <iostream>
#include <stdexcept>
#include <string>

#include "checks/populated_tables.hpp"
#include "checks/seed_data.hpp"
#include "checks/sqlite_feature_check.hpp"
#include "checksum.hpp"
#include "migration_directory.hpp"
#include "replay/replay.hpp"
#include "timing.hpp"

using namespace embedded_migrations::generator;

namespace {

enum class checks { today, populated, populated_and_seeds };

// The small set's shape, each migration also adding a column to the table it
// created while that table is empty: one probe per migration, on a schema
// that grows, which is what the probe costs most on.
std::vector<loaded_migration> altering_set(int count) {
  std::vector<loaded_migration> set;
  for (int i = 1; i <= count; ++i) {
    auto sql = fmt::format(
        "CREATE TABLE t{0} (id INTEGER PRIMARY KEY, name TEXT NOT NULL, created_at TEXT);\n"
        "CREATE INDEX t{0}_name ON t{0} (name);\n"
        "ALTER TABLE t{0} ADD COLUMN note TEXT NOT NULL DEFAULT '';\n",
        i);
    auto checksum = sha256_hex(sql);
    set.push_back({i, fmt::format("{:04}_t{}.sql", i, i), std::move(sql), std::move(checksum), true});
  }
  return set;
}

}  // namespace

int main(int argc, char** argv) {
  const bool quick = argc > 1 && std::string(argv[1]) == "--quick";
  const int repetitions = quick ? 1 : 7;
  std::cout << "## 5d. The data checks' cost (issue 12)\n\n"
            << "The build-time replay of each set, in process, as the build ran it before the data checks (with the "
               "feature check), then with the populated-table probe, then also with the seed tracking a "
               "`--seed-dir` brings (an empty seed directory: the check's own work, not the user's rows). "
               "Target: at most 1.5x on the small and large sets. The altering set is the probe's worst case, "
               "reported, not bounded: every migration alters a table while it is empty.\n\n"
            << "| set | today's replay | + populated tables | ratio | + seed tracking | ratio |\n"
            << "|---|---|---|---|---|---|\n";
  struct named_set {
    std::string name;
    std::vector<loaded_migration> migrations;
  };
  std::vector<named_set> sets;
  for (const char* name : {"small", "large"}) {
    const std::string dir = std::string(BENCH_DATA) + "/" + name;
    auto loaded = load_migration_directory(dir, false);
    if (loaded.has_errors()) throw std::runtime_error("cannot load " + dir);
    sets.push_back({name, std::move(loaded.migrations)});
  }
  sets.push_back({"altering", altering_set(quick ? 20 : 1000)});

  for (const auto& set : sets) {
    std::size_t probes = 0;
    const auto replay_once = [&](checks with) {
      sqlite_feature_check features;
      populated_tables_check populated;
      seed_data_check seeds(seed_set{"seed", {}});
      replay_options options;
      options.checks.push_back(&features);
      if (with != checks::today) options.checks.push_back(&populated);
      if (with == checks::populated_and_seeds) options.checks.push_back(&seeds);
      std::vector<diagnostic> diagnostics;
      if (!replay_migrations(set.migrations, set.name, options, diagnostics)) {
        throw std::runtime_error("replay failed: " + (diagnostics.empty() ? std::string() : diagnostics[0].message));
      }
      probes = populated.probes();
    };
    // Alternated, after a warm-up, so that a busy machine's drift (the bench
    // shares its cores) weighs on every side alike.
    replay_once(checks::populated_and_seeds);
    bench::samples today, populated, seeded;
    for (int i = 0; i < repetitions; ++i) {
      today.seconds.push_back(bench::time_each(1, [&] { replay_once(checks::today); }).seconds.front());
      populated.seconds.push_back(bench::time_each(1, [&] { replay_once(checks::populated); }).seconds.front());
      seeded.seconds.push_back(bench::time_each(1, [&] { replay_once(checks::populated_and_seeds); }).seconds.front());
    }
    std::cout << fmt::format("| {} ({} migration{}, {} probe{}) | {} | {} | {:.2f}x | {} | {:.2f}x |\n", set.name,
                             set.migrations.size(), set.migrations.size() == 1 ? "" : "s", probes,
                             probes == 1 ? "" : "s", bench::format_duration(today.median()),
                             bench::format_duration(populated.median()), populated.median() / today.median(),
                             bench::format_duration(seeded.median()), seeded.median() / today.median());
  }
  std::cout << "\nMedians of " << repetitions << " runs.\n";
}
