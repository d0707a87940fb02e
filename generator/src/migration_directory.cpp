#include "migration_directory.hpp"

#include "checksum.hpp"
#include "file_bytes.hpp"
#include "migration_content.hpp"
#include "migration_name.hpp"
#include "import/marker_sections.hpp"

#include "detail/sql_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>
#include <optional>
#include <system_error>

namespace embedded_migrations::generator {
namespace fs = std::filesystem;
namespace {

struct named_file {
  fs::path path;
  std::string filename;
  std::int64_t version;
  std::string description;
};

diagnostic error_at(const fs::path& path, int line, int column, std::string message) {
  return {path.string(), line, column, severity::error, std::move(message)};
}

const char* kind_of(fs::file_type type) {
  switch (type) {
    case fs::file_type::directory: return "a directory";
    case fs::file_type::fifo: return "a FIFO";
    case fs::file_type::socket: return "a socket";
    case fs::file_type::block: return "a block device";
    case fs::file_type::character: return "a character device";
    default: return "not a regular file";
  }
}

// Why a *.sql entry cannot be read as a migration, or nullopt when it is a
// regular file or a symbolic link to one. Nothing named like a migration is
// ever skipped in silence.
std::optional<std::string> unusable_entry(const fs::directory_entry& entry, const char* noun) {
  std::error_code ec;
  const auto target = entry.status(ec);  // follows symbolic links
  if (ec) {
    const auto link = entry.symlink_status();
    if (ec == std::errc::too_many_symbolic_link_levels) {
      return fmt::format("is a symbolic link that loops back on itself; point it at the {} file or delete it", noun);
    }
    if (link.type() == fs::file_type::symlink) {
      std::error_code read_link;
      const auto points_to = fs::read_symlink(entry.path(), read_link).string();
      return fmt::format("is a symbolic link to '{}', which does not exist; restore the file or delete the link",
                         points_to);
    }
    return fmt::format("cannot be read: {}", ec.message());
  }
  if (target.type() == fs::file_type::regular) return std::nullopt;
  return fmt::format("is {0}, not a {1} file; a {1} file is a regular file (or a symbolic link to one): "
                     "rename it so that its name does not end in .sql, or replace it with the file",
                     kind_of(target.type()), noun);
}

// A NNN_name.down.sql beside its NNN_name.up.sql is the reverse of a
// migration, which we never run (forward only): a note says it is ignored. One
// without its up file is an error naming both, since the up half is missing.
void note_down_files(const std::vector<named_file>& downs, const std::vector<named_file>& files,
                     std::vector<diagnostic>& diagnostics) {
  for (const auto& down : downs) {
    constexpr std::string_view down_suffix = ".down.sql";
    const auto up_name = down.filename.substr(0, down.filename.size() - down_suffix.size()) + ".up.sql";
    const bool paired = std::any_of(files.begin(), files.end(), [&](const named_file& f) { return f.filename == up_name; });
    if (paired) {
      diagnostics.push_back({down.path.string(), 1, 1, severity::note,
                             fmt::format("'{}' is ignored: embedded-migrations applies migrations forward only, so "
                                         "only '{}' runs",
                                         down.filename, up_name)});
    } else {
      diagnostics.push_back(error_at(down.path, 1, 1,
                                     fmt::format("'{}' has no '{}' beside it, so version {} has no migration that "
                                                 "runs going forward; add '{}' or delete '{}'",
                                                 down.filename, up_name, down.version, up_name, down.filename)));
    }
  }
}

// A version of at least 8 digits reads as a date (YYYYMMDD) or a timestamp
// (YYYYMMDDhhmmss). Versions compare as numbers, so when such versions differ
// in width every shorter one sorts before every longer one whatever its date:
// 20240313_x runs before 20230101000000_y. Sequences below 8 digits (1, 001,
// 0042) are numbers and order as numbers, whatever their padding.
constexpr std::size_t timestamp_digits = 8;

std::size_t version_digits(const std::string& filename) {
  std::size_t n = 0;
  while (n < filename.size() && filename[n] >= '0' && filename[n] <= '9') ++n;
  return n;
}

void check_timestamp_widths(const std::vector<named_file>& files, std::vector<diagnostic>& diagnostics) {
  std::map<std::size_t, std::vector<const named_file*>> by_width;
  for (const auto& f : files) {
    const auto width = version_digits(f.filename);
    if (width >= timestamp_digits) by_width[width].push_back(&f);
  }
  if (by_width.size() < 2) return;
  // The width most files use is the set's; the others are reported, each once.
  const auto common = std::max_element(by_width.begin(), by_width.end(), [](const auto& a, const auto& b) {
    return a.second.size() < b.second.size();
  });
  const auto& example = *common->second.front();
  for (const auto& [width, odd] : by_width) {
    if (width == common->first) continue;
    for (const auto* f : odd) {
      const auto digits = f->filename.substr(0, width);
      const auto fix = width < common->first
                           ? fmt::format("rename it to '{}{}{}'", digits, std::string(common->first - width, '0'),
                                         f->filename.substr(width))
                           : fmt::format("give it a {}-digit version", common->first);
      diagnostics.push_back(error_at(
          f->path, 1, 1,
          fmt::format("the version of '{}' is a timestamp of {} digits, and that of '{}' has {}; versions compare as "
                      "numbers, so timestamps of different widths run in an order their dates do not say (every "
                      "shorter one first); {} so that every timestamp version has {} digits",
                      f->filename, width, example.filename, common->first, fix, common->first)));
    }
  }
}

}  // namespace

bool migration_directory::has_errors() const {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const diagnostic& d) { return d.level == severity::error; });
}

migration_directory load_migration_directory(const fs::path& dir, bool allow_empty, file_kind kind) {
  migration_directory result;
  const bool seeds = kind == file_kind::seed;
  const char* const noun = seeds ? "seed" : "migration";
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    result.diagnostics.push_back(error_at(
        dir, 1, 1,
        seeds ? "the seed directory does not exist or is not a directory; create it, or correct --seed-dir "
                "(SEED_DIRECTORY in add_embedded_migrations)"
              : "the migrations directory does not exist or is not a directory"));
    return result;
  }

  std::vector<diagnostic> unusable;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const auto filename = it->path().filename();
    if (!is_sql_file_name(filename.string())) continue;
    if (auto problem = unusable_entry(*it, noun)) {
      unusable.push_back(error_at(dir / filename, 1, 1, fmt::format("'{}' {}", filename.string(), *problem)));
      continue;
    }
    result.inputs.push_back(it->path());
  }
  if (ec) {
    result.diagnostics.push_back(error_at(dir, 1, 1, fmt::format("cannot list the directory: {}", ec.message())));
    return result;
  }
  // Directory order is arbitrary; sorting keeps the output and the diagnostics reproducible.
  std::sort(result.inputs.begin(), result.inputs.end());
  std::sort(unusable.begin(), unusable.end(),
            [](const diagnostic& a, const diagnostic& b) { return a.path < b.path; });
  result.diagnostics.insert(result.diagnostics.end(), unusable.begin(), unusable.end());

  std::vector<named_file> files, downs;
  for (const auto& path : result.inputs) {
    const std::string filename = path.filename().string();
    auto parsed = parse_migration_name(filename);
    if (auto* problem = std::get_if<std::string>(&parsed)) {
      if (seeds) *problem += " (a seed file is named as a migration is, with the version of the migration it follows)";
      result.diagnostics.push_back(error_at(dir / filename, 1, 1, std::move(*problem)));
      continue;
    }
    const auto& name = std::get<migration_name>(parsed);
    if (name.kind == name_kind::down) {
      downs.push_back({dir / filename, filename, name.version, name.description});
      continue;
    }
    files.push_back({dir / filename, filename, name.version, name.description});
  }
  note_down_files(downs, files, result.diagnostics);
  check_timestamp_widths(files, result.diagnostics);
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

  if (files.empty() && result.inputs.empty() && unusable.empty() && !allow_empty) {
    result.diagnostics.push_back(error_at(
        dir, 1, 1, "the directory has no migrations (*.sql files); add one, or pass --allow-empty (ALLOW_EMPTY in "
                   "CMake) if an empty set is intended"));
  }

  for (const auto& file : files) {
    const auto raw = read_regular_file(file.path);
    if (const auto* failed = std::get_if<read_error>(&raw)) {
      result.diagnostics.push_back(
          error_at(file.path, 1, 1, fmt::format("cannot read the file: {}; nothing of it was {}", failed->message,
                                                seeds ? "loaded" : "embedded")));
      continue;
    }
    auto content = check_content(std::get<std::string>(raw));
    for (const auto& problem : content.problems) {
      const auto where = detail::position_of(content.sql, problem.offset);
      result.diagnostics.push_back(error_at(file.path, where.line, where.column, problem.message));
    }
    if (!content.problems.empty()) continue;
    if (auto marker = import::find_section_marker(content.sql, file.path.string())) {
      result.diagnostics.push_back(std::move(*marker));
      continue;
    }
    auto checksum = sha256_hex(content.sql);
    result.migrations.push_back(
        {file.version, file.filename, std::move(content.sql), std::move(checksum), content.transactional});
  }
  return result;
}

}  // namespace embedded_migrations::generator
