// Scenarios 7b and 7c: operating in the field (issue 14).
#include "scenario.hpp"

#include <embedded_migrations/embedded_migrations.hpp>

#include <bench_large.hpp>
#include <bench_small.hpp>

#include <chrono>
#include <vector>

namespace bench {
namespace {

double seconds_of(const std::function<void()>& body) {
  const auto start = std::chrono::steady_clock::now();
  body();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

void backup_cost(const settings& s, report& out) {
  // The large set's data applied, and one small migration pending: the copy
  // is of a database worth copying, the upgrade itself is cheap.
  const auto& large = bench::large::migrations();
  std::vector<embedded_migrations::migration> list(large.begin(), large.end());
  list.push_back({large[large.size() - 1].version + 1, "999_note.sql", "CREATE TABLE note (body TEXT);\n", "n", true});
  const embedded_migrations::migration_set upgrade(list.data(), list.size(), large.table_name());
  const auto original = s.work / "backup-original.db";
  remove_database(original);
  {
    database db(original);
    embedded_migrations::apply(db.handle, large);
  }
  const auto path = s.work / "backup.db";
  const auto copy = s.work / "backup-copy.db";
  const auto reset = [&] {
    remove_database(path);
    remove_database(copy);
    fs::remove(path.string() + ".embedded-migrations-backups");
    fs::copy_file(original, path);
  };
  embedded_migrations::options with_backup;
  with_backup.backup = copy.string();

  samples bare, without, with;
  for (int i = 0; i < s.reps(9); ++i) {
    reset();
    {
      database source(path);
      bare.seconds.push_back(seconds_of([&] {
        database target(copy);
        sqlite3_backup* backup = sqlite3_backup_init(target.handle, "main", source.handle, "main");
        if (backup == nullptr || sqlite3_backup_step(backup, -1) != SQLITE_DONE) {
          throw std::runtime_error("backup failed");
        }
        sqlite3_backup_finish(backup);
      }));
    }
    reset();
    {
      database db(path);
      without.seconds.push_back(seconds_of([&] { embedded_migrations::apply(db.handle, upgrade); }));
    }
    reset();
    {
      database db(path);
      with.seconds.push_back(seconds_of([&] {
        if (embedded_migrations::apply(db.handle, upgrade, with_backup).backup.empty()) {
          throw std::runtime_error("options::backup made no copy");
        }
      }));
    }
  }
  const double cost = with.median() - without.median();
  out.section(fmt::format("7b. `options::backup` ({:.1f} MiB database, one migration pending)",
                          static_cast<double>(fs::file_size(original)) / 1048576),
              "a bare `sqlite3_backup_init` / `step(-1)` / `finish` of the same database into a new file, on an "
              "open connection",
              "what `options::backup` adds to `apply()` (its median minus that of `apply()` without it) at most 1.2x");
  out.table({{"bare `sqlite3_backup` (baseline)", bare, {}},
             {"`apply()` without `options::backup`", without, {}},
             {"`apply()` with `options::backup`", with, {}}});
  out.verdict("The backup's cost: " + check(cost / bare.median(), 1.2));
}

void plan_cost(const settings& s, report& out) {
  const auto& set = bench::small::migrations();
  const auto path = s.work / "plan.db";
  remove_database(path);
  {
    database db(path);
    embedded_migrations::apply(db.handle, set);
  }
  database db(path);
  const int calls = s.quick ? 20 : 500;
  const auto [apply_total, plan_total] = time_pair(
      s.reps(21),
      [&] {
        for (int i = 0; i < calls; ++i) embedded_migrations::apply(db.handle, set);
      },
      [&] {
        for (int i = 0; i < calls; ++i) {
          if (!embedded_migrations::plan(db.handle, set).is_up_to_date()) throw std::runtime_error("not up to date");
        }
      });
  auto per_call = [&](samples all) {
    for (auto& v : all.seconds) v /= calls;
    return all;
  };
  const auto apply_call = per_call(apply_total);
  const auto plan_call = per_call(plan_total);
  out.section(fmt::format("7c. `plan()` on an up-to-date database ({} applied migrations)", set.size()),
              "`apply()` with nothing pending, on the same open connection",
              "`plan()` at most 1.05x: both run the one planner, so the two costs are equal, and 5% is the spread of "
              "two equal medians on a shared machine");
  out.table({{"`apply()`, nothing pending (baseline)", apply_call, {}}, {"`plan()`, nothing pending", plan_call, {}}});
  out.verdict("plan(): " + check(plan_call.median() / apply_call.median(), 1.05));
}

}  // namespace bench
