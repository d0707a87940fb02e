// embedded-migrations-feature-bench: what the SQLite feature check (issue 12)
// adds to the build-time replay, on the bench sets: the same replay with and
// without checks/sqlite_feature_check.hpp riding on it, in process. Prints a
// RESULTS.md section; bench/run appends it.
//   embedded-migrations-feature-bench [--quick]
#include <fmt/format.h>

#include <iostream>
#include <stdexcept>
#include <string>

#include "checks/sqlite_feature_check.hpp"
#include "migration_directory.hpp"
#include "replay/replay.hpp"
#include "timing.hpp"

using namespace embedded_migrations::generator;

int main(int argc, char** argv) {
  const bool quick = argc > 1 && std::string(argv[1]) == "--quick";
  const int repetitions = quick ? 1 : 7;
  std::cout << "## 5c. The SQLite feature check's cost (issue 12)\n\n"
            << "The build-time replay of each set, in process, without and with the feature check riding on it "
               "(authorizer reports, the tokenizer over every statement, the gate). Target: at most 1.5x.\n\n"
            << "| set | replay without the check | replay with the check | ratio |\n|---|---|---|---|\n";
  for (const char* name : {"small", "large"}) {
    const std::string dir = std::string(BENCH_DATA) + "/" + name;
    const auto loaded = load_migration_directory(dir, false);
    if (loaded.has_errors()) throw std::runtime_error("cannot load " + dir);
    const auto replay_once = [&](bool with_check) {
      sqlite_feature_check check;
      replay_options options;
      if (with_check) options.checks.push_back(&check);
      std::vector<diagnostic> diagnostics;
      if (!replay_migrations(loaded.migrations, dir, options, diagnostics)) throw std::runtime_error("replay failed");
    };
    // Alternated, after a warm-up, so that a busy machine's drift (the bench
    // shares its cores) weighs on both sides alike.
    replay_once(false);
    bench::samples without, with;
    for (int i = 0; i < repetitions; ++i) {
      for (const bool with_check : {false, true}) {
        auto& side = with_check ? with : without;
        side.seconds.push_back(bench::time_each(1, [&] { replay_once(with_check); }).seconds.front());
      }
    }
    std::cout << fmt::format("| {} ({} migration{}) | {} | {} | {:.2f}x |\n", name, loaded.migrations.size(),
                             loaded.migrations.size() == 1 ? "" : "s", bench::format_duration(without.median()),
                             bench::format_duration(with.median()), with.median() / without.median());
  }
  std::cout << "\nMedians of " << repetitions << " runs.\n";
}
