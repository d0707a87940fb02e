#include "import/import_directory.hpp"

#include "import/source_files.hpp"
#include "migration_content.hpp"
#include "migration_name.hpp"

#include "detail/sql_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <random>
#include <stdexcept>
#include <tuple>

namespace embedded_migrations::generator::import {
namespace fs = std::filesystem;
namespace {

std::string short_reason(const std::string& message) { return message.substr(0, message.find("; ")); }

fs::path comparable(const fs::path& path) { return fs::weakly_canonical(fs::absolute(path)).lexically_normal(); }

// True when `inner` is `outer` or below it; both already made comparable.
bool is_inside(const fs::path& inner, const fs::path& outer) {
  const auto elements = [](const fs::path& path) {
    std::vector<fs::path> names;
    for (const auto& element : path) {
      if (!element.empty()) names.push_back(element);  // a trailing separator is an empty element
    }
    return names;
  };
  const auto in = elements(inner);
  const auto out = elements(outer);
  return in.size() >= out.size() && std::equal(out.begin(), out.end(), in.begin());
}

// Removes the temporary directory unless it was renamed into place.
struct staging_directory {
  fs::path path;
  bool kept = false;
  ~staging_directory() {
    std::error_code ignored;
    if (!kept) fs::remove_all(path, ignored);
  }
};

}  // namespace

conversion run_import(const import_format& format, const fs::path& source) {
  auto converted = format.convert(source);
  std::vector<imported_migration> accepted;
  std::map<std::int64_t, std::string> versions;  // version -> the source that took it
  for (auto& migration : converted.migrations) {
    auto name = parse_migration_name(target_filename(migration));
    if (auto* problem = std::get_if<std::string>(&name)) {
      converted.rejected.push_back(reject(source, migration.source, "its new name is refused: " + *problem));
      continue;
    }
    const auto version = std::get<migration_name>(name).version;
    if (const auto taken = versions.find(version); taken != versions.end()) {
      converted.rejected.push_back(reject(source, migration.source,
                                          fmt::format("version {} again, already taken by '{}', and {} refuses that "
                                                      "too; renumber one of them in a copy and import the copy",
                                                      version, taken->second, format.name)));
      continue;
    }
    versions.emplace(version, migration.source);
    accepted.push_back(std::move(migration));
  }
  // The order they run in, for the report; the files are written by name anyway.
  std::stable_sort(accepted.begin(), accepted.end(), [](const imported_migration& a, const imported_migration& b) {
    return std::get<migration_name>(parse_migration_name(target_filename(a))).version <
           std::get<migration_name>(parse_migration_name(target_filename(b))).version;
  });
  converted.migrations = std::move(accepted);
  std::stable_sort(converted.rejected.begin(), converted.rejected.end(),
                   [](const rejected_file& a, const rejected_file& b) { return a.source < b.source; });
  return converted;
}

std::vector<std::string_view> formats_that_fit(const fs::path& source, std::string_view except) {
  std::vector<std::string_view> fitting;
  for (const auto& format : formats()) {
    if (format.name == except) continue;
    try {
      const auto converted = run_import(format, source);
      if (!converted.migrations.empty() && converted.rejected.empty()) fitting.push_back(format.name);
    } catch (const std::runtime_error&) {
      // An unreadable file makes no format fit; the real error was reported already.
    }
  }
  return fitting;
}

std::string target_filename(const imported_migration& migration) {
  return migration.version + "_" + migration.description + ".sql";
}

std::string target_text(const imported_migration& migration, std::string_view tool) {
  std::string text;
  if (!migration.transactional) text += fmt::format("{}\n", no_transaction_directive);
  if (!migration.origin.empty()) text += fmt::format("-- imported from {} {}\n", tool, migration.origin);
  return text + migration.sql;
}

std::string format_report(const conversion& converted) {
  // What runs comes first, in the order it will run; then what was left out on
  // purpose; then what could not be imported.
  std::vector<std::tuple<std::string, std::string, std::string>> rows;
  for (const auto& m : converted.migrations) {
    std::string what;
    for (const auto& change : m.changes) what += (what.empty() ? "" : "; ") + change;
    const auto target = target_filename(m);
    if (what.empty()) what = fs::path(m.source).filename() == target ? "copied" : "renamed";
    rows.emplace_back(m.source, target, what);
  }
  std::vector<std::tuple<std::string, std::string, std::string>> others;
  for (const auto& s : converted.skipped) others.emplace_back(s.source, "-", s.reason);
  std::sort(others.begin(), others.end());
  rows.insert(rows.end(), others.begin(), others.end());
  for (const auto& r : converted.rejected) {
    rows.emplace_back(r.source, "-", "not imported: " + short_reason(r.problem.message));
  }
  std::size_t source_width = 6;  // "source"
  std::size_t target_width = 6;  // "target"
  for (const auto& [source, target, what] : rows) {
    source_width = std::max(source_width, source.size());
    target_width = std::max(target_width, target.size());
  }
  std::string report = fmt::format("{:<{}}  {:<{}}  {}\n", "source", source_width, "target", target_width, "what");
  for (const auto& [source, target, what] : rows) {
    report += fmt::format("{:<{}}  {:<{}}  {}\n", source, source_width, target, target_width, what);
  }
  report += fmt::format("{} imported, {} left out, {} not importable\n", converted.migrations.size(),
                        converted.skipped.size(), converted.rejected.size());
  return report;
}

std::string output_directory_problem(const fs::path& source, const fs::path& output) {
  std::error_code ec;
  if (!fs::is_directory(source, ec)) {
    return fmt::format("--dir {} does not exist or is not a directory; give the directory holding the migrations",
                       source.string());
  }
  const auto src = comparable(source);
  const auto dst = comparable(output);
  if (is_inside(dst, src)) {
    return fmt::format("--output-dir {} is {} --dir {}, which import never writes to; give a new directory outside it",
                       output.string(), dst == src ? "the same directory as" : "inside", source.string());
  }
  if (fs::exists(output, ec)) {
    if (!fs::is_directory(output, ec)) {
      return fmt::format("--output-dir {} exists and is not a directory; give a new directory", output.string());
    }
    if (!fs::is_empty(output, ec)) {
      return fmt::format("--output-dir {} already exists and is not empty; give a new directory, or empty this one",
                         output.string());
    }
  }
  return "";
}

void write_output(const conversion& converted, std::string_view tool, const fs::path& output) {
  const auto target = fs::absolute(output).lexically_normal();
  const auto final_path = target.filename().empty() ? target.parent_path() : target;
  fs::create_directories(final_path.parent_path());
  staging_directory staging;
  std::random_device random;
  for (int attempt = 0; staging.path.empty(); ++attempt) {
    const auto candidate =
        final_path.parent_path() / fmt::format(".{}.import-{:08x}", final_path.filename().string(), random());
    if (fs::create_directory(candidate)) staging.path = candidate;
    if (attempt > 100) throw std::runtime_error("cannot create a temporary directory beside " + output.string());
  }
  for (const auto& migration : converted.migrations) {
    const auto file = staging.path / target_filename(migration);
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    const auto text = target_text(migration, tool);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.close();
    if (!out) throw std::runtime_error("cannot write " + file.string());
  }
  std::error_code ec;
  if (fs::is_directory(final_path, ec)) fs::remove(final_path);  // empty: output_directory_problem checked it
  fs::rename(staging.path, final_path);
  staging.kept = true;
}

}  // namespace embedded_migrations::generator::import
