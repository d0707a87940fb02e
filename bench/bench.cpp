// embedded-migrations-bench: every scenario of bench/RESULTS.md, each figure
// against a baseline measured in the same run. bench/run builds it with full
// sizes; the test suite runs it with --quick on tiny ones.
//
//   embedded-migrations-bench --out RESULTS.md --work DIR [--quick] [--only 5b]...
//
// --only runs one scenario alone, by its section number in RESULTS.md
// (1, 2, 2b, 3, 4, 5, 5b, 6, 7, 7b, 7c; repeatable), to iterate on it.
#include "scenario.hpp"
#include "timing.hpp"

#include <embedded_migrations/embedded_migrations.hpp>

#include <bench_large.hpp>
#include <bench_small.hpp>

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <utility>
#include <thread>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using bench::format_duration;
using bench::run_process;
using bench::samples;
using bench::time_each;
using bench::check;
using bench::database;
using bench::exec;
using bench::on_fresh_file;
using bench::remove_database;
using bench::report;
using bench::row;
using bench::sql_bytes;
using bench::settings;
using bench::time_pair;

namespace {

// The hand-written runner the runtime is compared with: raw sqlite3_exec, the
// same transactions and the same tracking table and row.
void hand_written_apply(sqlite3* db, const embedded_migrations::migration_set& set, bool one_transaction) {
  const char* create =
      "CREATE TABLE IF NOT EXISTS \"migrations\" (id INTEGER PRIMARY KEY AUTOINCREMENT, version INTEGER NOT NULL "
      "UNIQUE, filename TEXT NOT NULL UNIQUE, checksum TEXT, applied_at DATETIME DEFAULT CURRENT_TIMESTAMP)";
  sqlite3_stmt* insert = nullptr;
  if (one_transaction) exec(db, "BEGIN IMMEDIATE");
  bool created = false;
  for (const auto& m : set) {
    if (!one_transaction) exec(db, "BEGIN IMMEDIATE");
    if (!created) {
      exec(db, create);
      sqlite3_prepare_v2(db, "INSERT INTO \"migrations\" (version, filename, checksum) VALUES (?1, ?2, ?3)", -1,
                         &insert, nullptr);
      created = true;
    }
    exec(db, std::string(m.sql));
    sqlite3_bind_int64(insert, 1, m.version);
    sqlite3_bind_text(insert, 2, m.filename.data(), static_cast<int>(m.filename.size()), SQLITE_STATIC);
    sqlite3_bind_text(insert, 3, m.checksum.data(), static_cast<int>(m.checksum.size()), SQLITE_STATIC);
    sqlite3_step(insert);
    sqlite3_reset(insert);
    if (!one_transaction) exec(db, "COMMIT");
  }
  if (one_transaction) exec(db, "COMMIT");
  sqlite3_finalize(insert);
}

// --- scenarios ---------------------------------------------------------------

void up_to_date_start(const settings& s, report& out) {
  const auto& set = bench::small::migrations();
  const auto path = s.work / "up-to-date.db";
  remove_database(path);
  { database db(path); embedded_migrations::apply(db.handle, set); }

  database db(path);
  const int calls = s.quick ? 20 : 500;
  const auto per_call = [&](samples all) {
    for (auto& v : all.seconds) v /= calls;
    return all;
  };
  const auto [select_total, apply_total] = time_pair(
      s.reps(15),
      [&] {
        for (int i = 0; i < calls; ++i) {
          sqlite3_stmt* statement = nullptr;
          sqlite3_prepare_v2(db.handle, "SELECT version, checksum FROM migrations", -1, &statement, nullptr);
          while (sqlite3_step(statement) == SQLITE_ROW) {
          }
          sqlite3_finalize(statement);
        }
      },
      [&] {
        for (int i = 0; i < calls; ++i) embedded_migrations::apply(db.handle, set);
      });
  const auto select_only = per_call(select_total);
  const auto apply_call = per_call(apply_total);
  out.section(fmt::format("1. Up-to-date start ({} applied migrations)", set.size()),
              "`SELECT version, checksum FROM migrations`, stepped to the end, on the same open connection; for "
              "whole processes, one that opens the database and runs that select",
              "`apply()` at most 2x the select");
  out.table({{"select (baseline)", select_only, {}}, {"`apply()`, nothing pending", apply_call, {}}});
  out.verdict("In process: " + check(apply_call.median() / select_only.median(), 2.0));

  const auto app = fs::path(BENCH_APP_DIR) / "bench-app-small";
  samples select_process, apply_process;
  for (int i = 0; i < s.reps(20); ++i) {
    select_process.seconds.push_back(run_process({BENCH_SELECT, path.string()}).seconds);
    apply_process.seconds.push_back(run_process({app.string(), path.string()}).seconds);
  }
  out.table({{"process: open + select (baseline)", select_process, {}},
              {"process: open + `apply()` (bench-app-small)", apply_process, {}}});
  out.verdict("Whole process: " + check(apply_process.median() / select_process.median(), 2.0));
}

void fresh_apply(const settings& s, report& out) {
  const auto& set = bench::small::migrations();
  const auto path = s.work / "fresh.db";
  const auto [hand_each, ours_each] =
      time_pair(s.reps(9), on_fresh_file(path, [&](sqlite3* db) { hand_written_apply(db, set, false); }),
                on_fresh_file(path, [&](sqlite3* db) { embedded_migrations::apply(db, set); }));
  embedded_migrations::options atomic;
  atomic.atomic = true;
  const auto [hand_batch, ours_batch] =
      time_pair(s.reps(9), on_fresh_file(path, [&](sqlite3* db) { hand_written_apply(db, set, true); }),
                on_fresh_file(path, [&](sqlite3* db) { embedded_migrations::apply(db, set, atomic); }));
  out.section(fmt::format("2. Fresh apply ({} small migrations, a table and an index each, to a new file)", set.size()),
              "a hand-written loop of `sqlite3_exec` with the same transactions and the same tracking table and row "
              "(SQLite's default `synchronous=FULL`, so each commit is synced)",
              "at most 1.10x, per-migration transactions and atomic batch mode both");
  out.table({{"hand-written, a transaction per migration (baseline)", hand_each, {}},
              {"`apply()`, a transaction per migration", ours_each, {}}});
  out.verdict("Per migration: " + check(ours_each.median() / hand_each.median(), 1.10));
  out.table({{"hand-written, one transaction (baseline)", hand_batch, {}},
              {"`apply()` with `options::atomic`", ours_batch, {}}});
  out.verdict("Atomic batch: " + check(ours_batch.median() / hand_batch.median(), 1.10));
}

// options::fresh_from_snapshot against the floor of making that schema at
// all: the build's snapshot script in one hand-written transaction.
void fresh_from_snapshot(const settings& s, report& out) {
  const auto& set = bench::small::migrations();
  const auto path = s.work / "snapshot.db";
  const std::string script(set.fresh_snapshot());
  if (script.empty()) throw std::runtime_error("the small set is not eligible: " + std::string(set.fresh_snapshot_refusal()));
  embedded_migrations::options snapshot;
  snapshot.fresh_from_snapshot = true;
  const auto [hand, ours] =
      time_pair(s.reps(9), on_fresh_file(path, [&](sqlite3* db) { exec(db, "BEGIN;\n" + script + "\nCOMMIT;"); }),
                on_fresh_file(path, [&](sqlite3* db) { embedded_migrations::apply(db, set, snapshot); }));
  const auto [hand_again, sequential] =
      time_pair(s.reps(5), on_fresh_file(path, [&](sqlite3* db) { exec(db, "BEGIN;\n" + script + "\nCOMMIT;"); }),
                on_fresh_file(path, [&](sqlite3* db) { embedded_migrations::apply(db, set); }));
  out.section(fmt::format("2b. A fresh database from the snapshot ({} migrations)", set.size()),
              "the build's snapshot script (the final schema's CREATE statements) in one hand-written transaction",
              "`options::fresh_from_snapshot` at most 2x");
  out.table({{"one CREATE transaction of the final schema (baseline)", hand, {}},
              {"`apply()` with `options::fresh_from_snapshot`", ours, {}},
              {"one CREATE transaction again (baseline for the next row)", hand_again, {}},
              {"`apply()` running every migration", sequential, {}}});
  out.verdict("From the snapshot: " + check(ours.median() / hand.median(), 2.0));
}

void large_migration(const settings& s, report& out) {
  const auto& set = bench::large::migrations();
  const auto path = s.work / "large.db";
  const auto [hand, ours] = time_pair(s.reps(9), on_fresh_file(path, [&](sqlite3* db) { hand_written_apply(db, set, false); }),
                                      on_fresh_file(path, [&](sqlite3* db) { embedded_migrations::apply(db, set); }));
  out.section(fmt::format("3. Large data migration ({:.1f} MiB of INSERTs in one migration)",
                          static_cast<double>(sql_bytes(set)) / 1048576),
              "`sqlite3_exec` of the same text in one transaction with the tracking row", "at most 1.05x");
  out.table({{"`sqlite3_exec` (baseline)", hand, {}}, {"`apply()`", ours, {}}});
  out.verdict(check(ours.median() / hand.median(), 1.05));
}


void peers(const settings& s, report& out) {
  const fs::path dir = fs::path(BENCH_DATA) / "peers";
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".sql") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  const auto read = [](const fs::path& p) {
    std::ifstream in(p);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  };

  // sqlite3 shell: each file in its own transaction with a tracking row, like a runner.
  const auto script = s.work / "peers-shell.sql";
  {
    std::ofstream sql(script);
    sql << "CREATE TABLE migrations (version INTEGER PRIMARY KEY, filename TEXT);\n";
    int version = 0;
    for (const auto& f : files) {
      sql << "BEGIN IMMEDIATE;\n" << read(f) << "INSERT INTO migrations VALUES (" << ++version << ", '"
          << f.filename().string() << "');\nCOMMIT;\n";
    }
  }
  // sqitch: a project with one change per file.
  const auto sqitch_dir = s.work / "sqitch";
  fs::remove_all(sqitch_dir);
  fs::create_directories(sqitch_dir / "deploy");
  {
    std::ofstream(sqitch_dir / "sqitch.conf") << "[core]\n\tengine = sqlite\n\tplan_file = sqitch.plan\n\ttop_dir = .\n";
    std::ofstream plan(sqitch_dir / "sqitch.plan");
    plan << "%syntax-version=1.0.0\n%project=bench\n\n";
    for (const auto& f : files) {
      const auto name = "m" + f.stem().string();
      plan << name << " 2026-01-01T00:00:00Z Bench <bench@example.com> # " << f.filename().string() << "\n";
      fs::copy_file(f, sqitch_dir / "deploy" / (name + ".sql"));
    }
  }

  const auto target = s.work / "peers.db";
  struct peer {
    std::string what;
    std::vector<std::string> command;
    std::string cwd;
    std::vector<std::string> probe;
  };
  const std::vector<peer> list = {
      {"embedded-migrations (bench-app-peers, baseline)", {(fs::path(BENCH_APP_DIR) / "bench-app-peers").string(), target.string()}, {}, {"true"}},
      {"`sqlite3` shell running the same files", {"sqlite3", target.string(), ".read " + script.string()}, {}, {"sqlite3", "-version"}},
      {"yoyo (Debian python3-yoyo)", {"/usr/bin/python3", "-m", "yoyo", "apply", "--batch", "--no-config-file", "--database",
                                      "sqlite:///" + target.string(), dir.string()}, {}, {"/usr/bin/python3", "-m", "yoyo", "--help"}},
      {"sqitch (Debian sqitch)", {"env", "SQITCH_FULLNAME=Bench", "SQITCH_EMAIL=bench@example.com", "sqitch", "deploy",
                                  "--no-verify", "db:sqlite:" + target.string()}, sqitch_dir.string(), {"sqitch", "--version"}}};
  std::vector<row> rows;
  std::vector<std::string> missing;
  for (const auto& p : list) {
    if (run_process(p.probe).exit_code != 0) {
      missing.push_back(p.what);
      continue;
    }
    samples measured;
    for (int i = 0; i < s.reps(5); ++i) {
      remove_database(target);
      fs::remove(s.work / "sqitch.db");
      const auto result = run_process(p.command, p.cwd);
      if (result.exit_code != 0) throw std::runtime_error(bench::describe_failure(p.what, result));
      measured.seconds.push_back(result.seconds);
    }
    rows.push_back({p.what, measured, {}});
  }
  out.section(fmt::format("7. Peers on the same work ({} migrations to a fresh SQLite file, whole processes)", files.size()),
              "our demo-style binary applying its embedded set", "reported: how many times our time each peer takes");
  out.table(rows);
  if (!missing.empty()) {
    std::string names;
    for (const auto& m : missing) names += (names.empty() ? "" : ", ") + m;
    out.note("Not installed, so not measured: " + names + " (bench/run installs them).");
  }
}

}  // namespace

int main(int argc, char** argv) {
  settings s;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--quick") {
      s.quick = true;
    } else if (arg == "--out" && i + 1 < argc) {
      s.out = argv[++i];
    } else if (arg == "--work" && i + 1 < argc) {
      s.work = argv[++i];
    } else if (arg == "--only" && i + 1 < argc) {
      s.only.push_back(argv[++i]);
    } else {
      std::cerr << "usage: embedded-migrations-bench [--quick] [--out FILE] [--work DIR] [--only SCENARIO]...\n"
                   "  --only 5b runs scenario 5b alone (repeatable; the numbers of RESULTS.md's sections)\n";
      return 2;
    }
  }
  fs::create_directories(s.work);
  s.work = fs::absolute(s.work);
  try {
    report out;
    if (s.runs("1")) up_to_date_start(s, out);
    if (s.runs("2")) fresh_apply(s, out);
    if (s.runs("2b")) fresh_from_snapshot(s, out);
    if (s.runs("3")) large_migration(s, out);
    if (s.runs("4")) bench::build_cost(s, out);
    if (s.runs("5")) bench::generator_cost(s, out);
    if (s.runs("5b")) bench::generator_scale(s, out);
    if (s.runs("6")) bench::binary_size(s, out);
    if (s.runs("7")) peers(s, out);
    if (s.runs("7b")) bench::backup_cost(s, out);
    if (s.runs("7c")) bench::plan_cost(s, out);

    const auto cpu = run_process({"sh", "-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"}).output;
    std::ofstream file(s.out);
    file << "# Benchmark results\n\n"
         << (s.only.empty() ? std::string("Written by `bench/run`")
                            : fmt::format("Written by `bench/run --only {}`", fmt::join(s.only, " --only ")))
         << (s.quick ? " (--quick: tiny sizes, single runs; not meaningful)" : "")
         << ". Every figure is a ratio to a baseline measured in the same run; medians, with the spread of the runs.\n\n"
         << fmt::format("Machine: {} cores,{}; SQLite {}; {}.\n", std::thread::hardware_concurrency(),
                        cpu.empty() ? " unknown CPU" : cpu.substr(0, cpu.size() - 1), sqlite3_libversion(),
                        BENCH_CXX)
         << out.str();
    std::cout << "wrote " << s.out.string() << '\n';
  } catch (const std::exception& e) {
    std::cerr << "embedded-migrations-bench: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
