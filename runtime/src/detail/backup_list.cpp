#include "backup_list.hpp"

#include <embedded_migrations/migration_error.hpp>

#include <cstdint>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

namespace embedded_migrations::detail {
namespace {

namespace fs = std::filesystem;

struct listed_copy {
  std::uintmax_t size;
  std::int64_t modified;  // file_time_type's count: compared, never shown
  fs::path path;
};

constexpr const char* header =
    "# The copies embedded-migrations' options::backup made of this database, oldest first: size, modification\n"
    "# time, path. options::backup_keep deletes only files listed here, and only while they still have that size\n"
    "# and time.\n";

[[noreturn]] void fail(const fs::path& list, const std::string& what, const fs::path& backup) {
  throw migration_error(error_code::backup_failed,
                        "options::backup: cannot " + what + " the backup list " + list.string() + " (the copy at " +
                            backup.string() + " was made and is kept; nothing was written to the database); make "
                            "the list's directory writable, or remove the list to start it anew");
}

// Size and time of a regular file now; false when it is not one any more.
bool stat_file(const fs::path& file, std::uintmax_t& size, std::int64_t& modified) {
  std::error_code ec;
  if (!fs::is_regular_file(fs::symlink_status(file, ec))) return false;
  size = fs::file_size(file, ec);
  if (ec) return false;
  const auto time = fs::last_write_time(file, ec);
  if (ec) return false;
  modified = static_cast<std::int64_t>(time.time_since_epoch().count());
  return true;
}

bool is_ours(const listed_copy& copy) {
  std::uintmax_t size = 0;
  std::int64_t modified = 0;
  return stat_file(copy.path, size, modified) && size == copy.size && modified == copy.modified;
}

std::vector<listed_copy> read_list(const fs::path& list, const fs::path& backup) {
  std::vector<listed_copy> copies;
  std::error_code ec;
  if (!fs::exists(list, ec)) return copies;
  std::ifstream in(list, std::ios::binary);
  if (!in) fail(list, "read", backup);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    listed_copy copy{};
    std::string path;
    if (!(fields >> copy.size >> copy.modified) || fields.get() != ' ' || !std::getline(fields, path) || path.empty()) {
      continue;  // not a line apply() wrote: it names no copy of ours
    }
    copy.path = path;
    copies.push_back(std::move(copy));
  }
  return copies;
}

// Replaces the list in one rename, so a reader sees the old or the new one.
void write_list(const fs::path& list, const std::vector<listed_copy>& copies, const fs::path& backup) {
  std::random_device random;
  const fs::path temporary = list.string() + ".tmp-" + std::to_string(random());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << header;
    for (const auto& copy : copies) out << copy.size << ' ' << copy.modified << ' ' << copy.path.string() << '\n';
    out.flush();
    if (!out) {
      std::error_code ignored;
      fs::remove(temporary, ignored);
      fail(list, "write", backup);
    }
  }
  std::error_code ec;
  fs::rename(temporary, list, ec);
  if (ec) {
    fs::remove(temporary, ec);
    fail(list, "write", backup);
  }
}

}  // namespace

fs::path backup_list_of(const fs::path& database) { return database.string() + ".embedded-migrations-backups"; }

void record_backup(const fs::path& database, const fs::path& backup, std::size_t keep) {
  const auto list = backup_list_of(database);
  auto copies = read_list(list, backup);
  listed_copy made{};
  std::error_code ec;
  made.path = fs::absolute(backup, ec);
  if (ec || !stat_file(made.path, made.size, made.modified)) fail(list, "add the copy to", backup);
  copies.push_back(made);
  std::vector<listed_copy> kept;
  const std::size_t beyond = keep == 0 || copies.size() <= keep ? 0 : copies.size() - keep;
  for (std::size_t i = 0; i < copies.size(); ++i) {
    if (i >= beyond) {
      kept.push_back(copies[i]);
    } else if (is_ours(copies[i]) && !fs::remove(copies[i].path, ec) && ec) {
      kept.push_back(copies[i]);  // could not delete it: still ours, tried again next time
    }
    // otherwise deleted, or no longer ours: dropped from the list, left alone
  }
  write_list(list, kept, backup);
}

}  // namespace embedded_migrations::detail
