#include "migration_directory.hpp"

#include "checksum.hpp"
#include "migration_content.hpp"
#include "migration_name.hpp"

#include "detail/sql_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <system_error>

namespace embedded_migrations::generator {
namespace fs = std::filesystem;
namespace {

struct named_file {
  fs::path path;
  std::string filename;
  std::int64_t version;
};

std::optional<std::string> read_file(const fs::path& path, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = std::strerror(errno);
    return std::nullopt;
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) {
    error = "read error";
    return std::nullopt;
  }
  return std::move(bytes).str();
}

diagnostic error_at(const fs::path& path, int line, int column, std::string message) {
  return {path.string(), line, column, severity::error, std::move(message)};
}

}  // namespace

bool migration_directory::has_errors() const {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const diagnostic& d) { return d.level == severity::error; });
}

migration_directory load_migration_directory(const fs::path& dir, bool allow_empty) {
  migration_directory result;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    result.diagnostics.push_back(error_at(dir, 1, 1, "the migrations directory does not exist or is not a directory"));
    return result;
  }

  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code type_ec;  // a dangling symlink is skipped, not a listing failure
    if (is_sql_file_name(it->path().filename().string()) && it->is_regular_file(type_ec)) {
      result.inputs.push_back(it->path());
    }
  }
  if (ec) {
    result.diagnostics.push_back(error_at(dir, 1, 1, fmt::format("cannot list the directory: {}", ec.message())));
    return result;
  }
  // Directory order is arbitrary; sorting keeps the output and the diagnostics reproducible.
  std::sort(result.inputs.begin(), result.inputs.end());

  std::vector<named_file> files;
  for (const auto& path : result.inputs) {
    const std::string filename = path.filename().string();
    auto parsed = parse_migration_name(filename);
    if (auto* problem = std::get_if<std::string>(&parsed)) {
      result.diagnostics.push_back(error_at(dir / filename, 1, 1, std::move(*problem)));
      continue;
    }
    files.push_back({dir / filename, filename, std::get<migration_name>(parsed).version});
  }
  std::stable_sort(files.begin(), files.end(),
                   [](const named_file& a, const named_file& b) { return a.version < b.version; });

  for (std::size_t i = 1; i < files.size(); ++i) {
    if (files[i].version != files[i - 1].version) continue;
    result.diagnostics.push_back(error_at(
        files[i].path, 1, 1,
        fmt::format("'{}' and '{}' have the same version {}; give one of them the next free version",
                    files[i - 1].filename, files[i].filename, files[i].version)));
    result.diagnostics.push_back({files[i - 1].path.string(), 1, 1, severity::note,
                                  fmt::format("'{}' is the other file with version {}", files[i - 1].filename,
                                              files[i].version)});
  }

  if (files.empty() && result.inputs.empty() && !allow_empty) {
    result.diagnostics.push_back(error_at(
        dir, 1, 1, "the directory has no migrations (*.sql files); add one, or pass --allow-empty (ALLOW_EMPTY in "
                   "CMake) if an empty set is intended"));
  }

  for (const auto& file : files) {
    std::string read_error;
    const auto raw = read_file(file.path, read_error);
    if (!raw) {
      result.diagnostics.push_back(error_at(file.path, 1, 1, fmt::format("cannot read the file: {}", read_error)));
      continue;
    }
    auto content = check_content(*raw);
    for (const auto& problem : content.problems) {
      const auto where = detail::position_of(content.sql, problem.offset);
      result.diagnostics.push_back(error_at(file.path, where.line, where.column, problem.message));
    }
    if (!content.problems.empty()) continue;
    auto checksum = sha256_hex(content.sql);
    result.migrations.push_back(
        {file.version, file.filename, std::move(content.sql), std::move(checksum), content.transactional});
  }
  return result;
}

}  // namespace embedded_migrations::generator
