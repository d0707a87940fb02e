// Scenarios 4, 5, 5b and 6: what the build side costs (compiling the embedded
// SQL, the generator and its replay as sets grow, the binary's size).
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
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace bench {
namespace {

namespace fs = std::filesystem;

// Writes `count` migrations of the small set's shape (a table and an index each) to `dir`.
fs::path write_scale_set(const settings& s, int count) {
  const auto dir = s.work / fmt::format("scale-{}", count);
  fs::remove_all(dir);
  fs::create_directories(dir);
  for (int i = 1; i <= count; ++i) {
    std::ofstream(dir / fmt::format("{:05}_create_t{}.sql", i, i))
        << fmt::format("CREATE TABLE t{0} (id INTEGER PRIMARY KEY, name TEXT NOT NULL, created_at TEXT);\n"
                       "CREATE INDEX t{0}_name ON t{0} (name);\n",
                       i);
  }
  return dir;
}

// The same DDL and tracking row per migration, one transaction each, by raw
// sqlite3_exec in process: what SQLite itself costs as the schema grows.
void raw_ddl(int count) {
  database db(":memory:");
  exec(db.handle, "CREATE TABLE migrations (id INTEGER PRIMARY KEY, version INTEGER UNIQUE, filename TEXT UNIQUE, "
                  "checksum TEXT)");
  for (int i = 1; i <= count; ++i) {
    exec(db.handle, fmt::format("BEGIN IMMEDIATE; CREATE TABLE t{0} (id INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                                "created_at TEXT); CREATE INDEX t{0}_name ON t{0} (name); INSERT INTO migrations "
                                "(version, filename, checksum) VALUES ({0}, 'f{0}', 'x'); COMMIT",
                                i));
  }
}

std::uintmax_t stripped_size(const settings& s, const std::string& app) {
  const auto copy = s.work / (app + ".stripped");
  fs::copy_file(fs::path(BENCH_APP_DIR) / app, copy, fs::copy_options::overwrite_existing);
  run_process({"strip", copy.string()});
  return fs::file_size(copy);
}

}  // namespace

void build_cost(const settings& s, report& out) {
  const fs::path sql = fs::path(BENCH_DATA) / "large" / "001_load_events.sql";
  const auto asm_file = s.work / "incbin.s";
  std::ofstream(asm_file) << ".section .rodata\n.global embedded_sql\nembedded_sql:\n.incbin \"" << sql.string()
                          << "\"\n.byte 0\n.section .note.GNU-stack,\"\",@progbits\n";
  struct variant {
    std::string what;
    std::vector<std::string> command;
    int reps;
  };
  std::vector<variant> variants = {
      {"`.incbin` through the assembler (baseline, the floor)", {BENCH_CXX, "-c", asm_file.string(), "-o",
                                                                  (s.work / "incbin.o").string()}, s.reps(5)},
      {"generated string literals, `g++ -O2`", {BENCH_CXX, "-O2", "-std=c++17", "-I", BENCH_RUNTIME_INCLUDE, "-c",
                                                BENCH_LARGE_SOURCE, "-o", (s.work / "literals.o").string()}, s.reps(5)}};
  // Where the literals' time goes: the C++ front end alone, and the assembler
  // reading the .string directives g++ writes for them.
  const auto emitted = s.work / "literals.s";
  variants.push_back({"  of which: `g++ -fsyntax-only` (front end)", {BENCH_CXX, "-std=c++17", "-I", BENCH_RUNTIME_INCLUDE,
                                                                     "-fsyntax-only", BENCH_LARGE_SOURCE}, s.reps(3)});
  run_process({BENCH_CXX, "-O2", "-std=c++17", "-I", BENCH_RUNTIME_INCLUDE, "-S", BENCH_LARGE_SOURCE, "-o", emitted.string()});
  variants.push_back({"  of which: `as` on the assembly g++ emits", {"as", emitted.string(), "-o",
                                                                       (s.work / "emitted.o").string()}, s.reps(3)});
  const bool have_xxd = run_process({"xxd", "-v"}).exit_code == 0;
  if (have_xxd) {
    const auto xxd_source = s.work / "xxd.cpp";
    const auto made = run_process({"sh", "-c", "xxd -i '" + sql.string() + "' > '" + xxd_source.string() + "'"});
    if (made.exit_code == 0) {
      variants.push_back({"`xxd -i` array, `g++ -O2`", {BENCH_CXX, "-O2", "-c", xxd_source.string(), "-o",
                                                        (s.work / "xxd.o").string()}, 1});
    }
  }
  std::vector<row> rows;
  for (const auto& v : variants) {
    samples measured;
    long peak = 0;
    for (int i = 0; i < v.reps; ++i) {
      const auto result = run_process(v.command);
      if (result.exit_code != 0) throw std::runtime_error(bench::describe_failure(v.what, result));
      measured.seconds.push_back(result.seconds);
      peak = std::max(peak, result.peak_memory_kib);
    }
    rows.push_back({v.what, measured, fmt::format("{:.0f} MiB", static_cast<double>(peak) / 1024)});
  }
  out.section(fmt::format("4. Build cost of embedding {:.1f} MiB of SQL", static_cast<double>(fs::file_size(sql)) / 1048576),
              "the same bytes through `.incbin` in the assembler: the floor", "at most 5x the floor");
  out.table(rows, "peak compiler memory");
  out.verdict("String literals against the floor: " + check(rows[1].measured.median() / rows[0].measured.median(), 5.0));
  out.note("The literals' time is the compiler's, not the generator's: the C++ front end lexes the literal, then `as` "
           "parses the `.string` text g++ writes for it, each several times the whole `.incbin` floor. Only "
           "`.incbin` or C23 `#embed` of a side file avoids both, and neither is portable C++ (MSVC has no `.incbin`; "
           "GCC 12 and Clang 14 have no `#embed`), which the generated code must be.");
  if (rows.size() > 4) {
    out.verdict(fmt::format("`xxd -i` takes {:.1f}x as long as string literals, with {} against {} of memory",
                            rows[4].measured.median() / rows[1].measured.median(), rows[4].extra, rows[1].extra));
  } else {
    out.note("`xxd` is not installed: the `xxd -i` comparison was skipped.");
  }
}

void generator_cost(const settings& s, report& out) {
  struct set_info {
    std::string name;
    const embedded_migrations::migration_set* set;
  };
  for (const set_info& info : {set_info{"small", &bench::small::migrations()}, set_info{"large", &bench::large::migrations()}}) {
    const auto dir = (fs::path(BENCH_DATA) / info.name).string();
    const auto replay = time_each(s.reps(5), [&] {
      database db(":memory:");
      embedded_migrations::apply(db.handle, *info.set);
    });
    const auto generate = [&](bool validate) {
      samples measured;
      for (int i = 0; i < s.reps(5); ++i) {
        std::vector<std::string> command = {BENCH_GENERATOR, "generate", "--dir", dir, "--output-dir",
                                            (s.work / ("gen-" + info.name)).string(), "--namespace", "gen",
                                            "--header", "gen.hpp"};
        if (!validate) command.push_back("--no-validate");
        const auto result = run_process(command);
        if (result.exit_code != 0) {
          throw std::runtime_error(bench::describe_failure("embed-migrations generate", result));
        }
        measured.seconds.push_back(result.seconds);
      }
      return measured;
    };
    const auto with = generate(true);
    const auto without = generate(false);
    out.section(fmt::format("5. Generator on {} ({} migration{}, {:.1f} MiB)", info.name, info.set->size(),
                            info.set->size() == 1 ? "" : "s", static_cast<double>(sql_bytes(*info.set)) / 1048576),
                "the replay alone: `apply()` of the same set to an in-memory database, in process",
                "reported, not bounded; the issue asks 1000 small migrations to generate in under 2 s");
    out.table({{"replay through the runtime (baseline)", replay, {}},
               {"`embed-migrations generate` (whole process, with replay)", with, {}},
               {"`embed-migrations generate --no-validate`", without, {}}});
  }
}

void generator_scale(const settings& s, report& out) {
  // Issue 11: 1000 files took 0.29 s, 4000 1.84 s and 10,000 17 s.
  const int small = s.quick ? 20 : 1000, large = s.quick ? 200 : 10000;
  struct side {
    samples wall, cpu;
    long peak_kib = 0;
  };
  const auto run_check = [&](const fs::path& dir, side& into) {
    const auto result = run_process({BENCH_GENERATOR, "check", "--dir", dir.string()});
    if (result.exit_code != 0) throw std::runtime_error(bench::describe_failure("embed-migrations check", result));
    into.wall.seconds.push_back(result.seconds);
    into.cpu.seconds.push_back(result.cpu_seconds);
    into.peak_kib = std::max(into.peak_kib, result.peak_memory_kib);
  };
  const auto run_raw = [&](int count, side& into) {
    const double cpu_before = bench::process_cpu_seconds();
    into.wall.seconds.push_back(time_each(1, [&] { raw_ddl(count); }).seconds.front());
    into.cpu.seconds.push_back(bench::process_cpu_seconds() - cpu_before);
  };
  const auto small_dir = write_scale_set(s, small);
  const auto large_dir = write_scale_set(s, large);
  // Each check alternates with SQLite alone on the same work, so that other
  // load on the machine (it is shared) weighs on both alike.
  side small_check, small_raw, large_check, large_raw;
  for (int i = 0; i < s.reps(5); ++i) {
    run_check(small_dir, small_check);
    run_raw(small, small_raw);
  }
  for (int i = 0; i < s.reps(4); ++i) {
    run_check(large_dir, large_check);
    run_raw(large, large_raw);
  }
  const auto mib = [](long kib) { return fmt::format("{:.0f} MiB", static_cast<double>(kib) / 1024); };
  const auto extra = [&](const side& x, bool process) {
    return format_duration(x.cpu.median()) + (process ? ", " + mib(x.peak_kib) : std::string(", in process"));
  };
  out.section(fmt::format("5b. Generator scale ({} and {} small migrations, `embed-migrations check`)", small, large),
              fmt::format("`check` over {} files", small),
              fmt::format("{} files in at most 10x the time of {}: judged on our share (`check` less SQLite alone), "
                          "as SQLite's own DDL grows quadratically",
                          large, small));
  out.table({{fmt::format("`check`, {} files (baseline)", small), small_check.wall, extra(small_check, true)},
             {fmt::format("`check`, {} files", large), large_check.wall, extra(large_check, true)},
             {fmt::format("SQLite alone: the same DDL and tracking rows, {} migrations", small), small_raw.wall,
              extra(small_raw, false)},
             {fmt::format("SQLite alone, {} migrations", large), large_raw.wall, extra(large_raw, false)}},
            "CPU time (median), peak memory");
  const double ratio = large_check.wall.median() / small_check.wall.median();
  const double sqlite_ratio = large_raw.wall.median() / small_raw.wall.median();
  out.verdict(fmt::format("Whole `check`: {} files take {:.1f}x the time of {} (the issue's literal target, at most "
                          "10x: {}); SQLite alone takes {:.1f}x for the same DDL",
                          large, ratio, small, ratio <= 10 ? "met" : "MISSED", sqlite_ratio));
  // What is ours: the whole process (reading, checksums, statement rules, the
  // replay's runner, checks and schema tracking, the report) less what SQLite
  // spends on the same DDL and tracking rows.
  const auto share = [&](const char* what, double small_ours, double large_ours) {
    if (small_ours <= 0 || large_ours <= 0) {
      // SQLite walks its tables faster on the pool the generator gives it
      // (replay/sqlite_heap.hpp) than SQLite alone does on malloc.
      out.verdict(fmt::format("Our share, {}: {} for {} files, {} for {}: `check` took no longer than SQLite alone, "
                              "so no growth can be computed (target at most 10x: met)",
                              what, format_duration(small_ours), small, format_duration(large_ours), large));
      return;
    }
    out.verdict(fmt::format("Our share, {}: {} for {} files, {} for {}: {}", what, format_duration(small_ours), small,
                            format_duration(large_ours), large, check(large_ours / small_ours, 10.0)));
  };
  share("CPU time, medians", small_check.cpu.median() - small_raw.cpu.median(),
        large_check.cpu.median() - large_raw.cpu.median());
  share("wall time, medians", small_check.wall.median() - small_raw.wall.median(),
        large_check.wall.median() - large_raw.wall.median());
  // The difference of two times of several seconds, each of which other
  // processes on the machine lengthen by as much again at times: the fastest
  // runs are the least disturbed.
  share("CPU time, fastest runs", small_check.cpu.min() - small_raw.cpu.min(),
        large_check.cpu.min() - large_raw.cpu.min());
  out.verdict(fmt::format("Peak memory of the {}-file check: {} ({:.1f} KiB per migration; {} for {} files)", large,
                          mib(large_check.peak_kib), static_cast<double>(large_check.peak_kib) / large,
                          mib(small_check.peak_kib), small));
  out.note(fmt::format(
      "SQLite's own share is quadratic: every `CREATE TABLE` and `CREATE INDEX` ends with `OP_ParseSchema`, which scans "
      "`sqlite_schema` (it has no index) for the new object, so the {}th migration's DDL scans {} times the rows the "
      "{}th one's does. No replay that runs the DDL can meet the literal target when SQLite alone takes {:.1f}x; the "
      "target is judged on our share, which must grow no faster than the files ({}x). CPU time is the steadier "
      "measure on a shared machine: wall time also counts the time other processes held the cores.",
      large, large / small, small, sqlite_ratio, large / small));
}

void binary_size(const settings& s, report& out) {
  const auto empty = stripped_size(s, "bench-app-empty");
  out.section("6. Binary size", "the same app with an empty migration set, stripped",
              "at most 1.01 bytes per byte of SQL, plus a small constant per migration");
  std::string table =
      "| set | migrations | SQL bytes | stripped binary | added bytes | added per SQL byte | constant per migration |\n"
      "|---|---|---|---|---|---|---|\n" +
      fmt::format("| empty (baseline) | 0 | 0 | {} | | | |\n", empty);
  std::string verdict;
  struct probe {
    const char* name;
    const embedded_migrations::migration_set* set;
  };
  for (const probe& p : {probe{"small", &bench::small::migrations()}, probe{"large", &bench::large::migrations()}}) {
    const auto size = stripped_size(s, std::string("bench-app-") + p.name);
    const auto bytes = sql_bytes(*p.set);
    const double added = static_cast<double>(size) - static_cast<double>(empty);
    table += fmt::format("| {} | {} | {} | {} | {:.0f} | {:.3f} | {:.0f} bytes |\n", p.name, p.set->size(), bytes, size,
                         added, added / static_cast<double>(bytes),
                         (added - static_cast<double>(bytes)) / static_cast<double>(p.set->size()));
    if (std::string(p.name) == "large") {
      verdict = fmt::format("{:.4f} bytes per byte of SQL on the large set (target at most 1.01): {}",
                            added / static_cast<double>(bytes), added / static_cast<double>(bytes) <= 1.01 ? "met" : "MISSED");
    }
  }
  out.note(table);
  out.note("Sizes are whole pages of the stripped ELF file, so small sets show page-sized steps rather than exact bytes.");
  out.verdict(verdict);
}

}  // namespace bench
