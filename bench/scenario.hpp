// What every benchmark scenario uses: the run's settings, SQLite helpers, the
// report with its ratio tables, and baseline/contender timing in alternation.
#pragma once

#include "timing.hpp"

#include <embedded_migrations/migration.hpp>

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace bench {

namespace fs = std::filesystem;

struct settings {
  bool quick = false;
  std::vector<std::string> only;  // section numbers to run ("5b"); empty: all
  bool runs(const std::string& scenario) const {
    return only.empty() || std::find(only.begin(), only.end(), scenario) != only.end();
  }
  fs::path out = "RESULTS.md";
  fs::path work = "bench-work";
  int reps(int full) const { return quick ? 1 : full; }
};

// --- SQLite helpers --------------------------------------------------------

struct database {
  sqlite3* handle = nullptr;
  explicit database(const fs::path& path) {
    if (sqlite3_open(path.c_str(), &handle) != SQLITE_OK) throw std::runtime_error("cannot open " + path.string());
  }
  database(const database&) = delete;
  database& operator=(const database&) = delete;
  ~database() { sqlite3_close(handle); }
};

inline void exec(sqlite3* db, const std::string& sql) {
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
    throw std::runtime_error(sql.substr(0, 60) + ": " + sqlite3_errmsg(db));
  }
}

inline void remove_database(const fs::path& path) {
  for (const char* suffix : {"", "-journal", "-wal", "-shm"}) fs::remove(path.string() + suffix);
}

// --- the report --------------------------------------------------------------

struct row {
  std::string what;
  samples measured;
  std::string extra;  // peak memory, sizes
};

class report {
 public:
  void section(const std::string& title, const std::string& baseline, const std::string& target) {
    text_ << fmt::format("\n## {}\n\nBaseline: {}  \nTarget: {}\n\n", title, baseline, target);
  }
  // A table whose ratios are against the first row (the baseline).
  void table(const std::vector<row>& rows, const std::string& extra_header = {}) {
    text_ << "| | median | spread (min – max) | runs | ratio to baseline |" << (extra_header.empty() ? "" : " " + extra_header + " |")
          << "\n|---|---|---|---|---|" << (extra_header.empty() ? "" : "---|") << "\n";
    const double base = rows.front().measured.median();
    for (const auto& r : rows) {
      text_ << fmt::format("| {} | {} | {} – {} | {} | {:.2f}x |{}\n", r.what, format_duration(r.measured.median()),
                           format_duration(r.measured.min()), format_duration(r.measured.max()),
                           r.measured.seconds.size(), base > 0 ? r.measured.median() / base : 0,
                           extra_header.empty() ? "" : " " + r.extra + " |");
    }
  }
  void verdict(const std::string& text) {
    text_ << "\n**" << text << "**\n";
    std::cout << text << '\n';
  }
  void note(const std::string& text) { text_ << "\n" << text << "\n"; }
  std::string str() const { return text_.str(); }

 private:
  std::ostringstream text_;
};

inline std::string check(double ratio, double target) {
  return fmt::format("{:.2f}x (target at most {:.2f}x): {}", ratio, target, ratio <= target ? "met" : "MISSED");
}

// Wraps `body(db)` to run on a database file made anew each time.
template <typename Body>
auto on_fresh_file(const fs::path& path, Body body) {
  return [path, body] {
    remove_database(path);
    database db(path);
    body(db.handle);
  };
}

// Times a baseline and a contender alternately, so drift in the machine (page
// cache, other load) falls on both rather than on whichever ran second.
template <typename Baseline, typename Contender>
std::pair<samples, samples> time_pair(int repetitions, Baseline&& baseline, Contender&& contender) {
  std::pair<samples, samples> result;
  for (int i = 0; i < repetitions; ++i) {
    result.first.seconds.push_back(time_each(1, baseline).seconds.front());
    result.second.seconds.push_back(time_each(1, contender).seconds.front());
  }
  return result;
}

}  // namespace bench

namespace bench {

// The bytes of SQL a set embeds.
inline std::size_t sql_bytes(const embedded_migrations::migration_set& set) {
  std::size_t total = 0;
  for (const auto& m : set) total += m.sql.size();
  return total;
}

// The scenarios of build_side.cpp: compiling the embedded SQL (4), the
// generator on the small and large sets (5), as sets grow (5b), and the
// binary's size (6).
void build_cost(const settings& s, report& out);
void generator_cost(const settings& s, report& out);
void generator_scale(const settings& s, report& out);
void binary_size(const settings& s, report& out);

// The scenarios of field.cpp (issue 14): what options::backup adds to apply()
// against a bare sqlite3_backup, and plan() against apply() when nothing is pending.
void backup_cost(const settings& s, report& out);
void plan_cost(const settings& s, report& out);

}  // namespace bench
