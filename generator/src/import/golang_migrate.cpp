// golang-migrate: <version>_<title>.up.<ext> and .down.<ext> file pairs.
#include "import/import_format.hpp"
#include "import/marker_sections.hpp"
#include "import/source_files.hpp"

#include <set>

namespace embedded_migrations::generator::import {
namespace {

struct pair_name {
  std::string version;
  std::string title;
  bool up;
  std::string extension;
};

// golang-migrate's source.Regex, ^([0-9]+)_(.*)\.(down|up)\.(.*)$: the title
// is greedy, so the last ".up." or ".down." decides the direction.
std::optional<pair_name> parse_pair_name(const std::string& name) {
  const auto parsed = split_leading_version(name);
  if (!parsed || name[parsed->version.size()] != '_') return std::nullopt;
  const std::string& rest = parsed->rest;
  const auto up = rest.rfind(".up.");
  const auto down = rest.rfind(".down.");
  if (up == std::string::npos && down == std::string::npos) return std::nullopt;
  const bool is_up = down == std::string::npos || (up != std::string::npos && up > down);
  const auto at = is_up ? up : down;
  return pair_name{parsed->version, rest.substr(0, at), is_up, rest.substr(at + (is_up ? 4 : 6))};
}

// golang-migrate reads the version as a uint64, so 001 and 1 are one version.
std::string without_leading_zeros(const std::string& version) {
  const auto first = version.find_first_not_of('0');
  return first == std::string::npos ? "0" : version.substr(first);
}

}  // namespace

conversion convert_golang_migrate(const std::filesystem::path& dir) {
  conversion result;
  const auto names = list_entries(dir);
  std::set<std::string> up_versions;
  for (const auto& name : names) {
    const auto parsed = parse_pair_name(name);
    if (parsed && parsed->up) up_versions.insert(without_leading_zeros(parsed->version));
  }
  for (const auto& name : names) {
    const auto parsed = parse_pair_name(name);
    if (!parsed) {
      // golang-migrate skips names it cannot parse.
      result.skipped.push_back({name, "ignored: not <version>_<title>.up.sql or .down.sql"});
      continue;
    }
    if (!parsed->up) {
      if (up_versions.count(without_leading_zeros(parsed->version)) != 0) {
        result.skipped.push_back({name, "down file ignored"});
      } else {
        result.rejected.push_back(reject(dir, name,
                                         "a down file without an up file: nothing here runs going forward; delete "
                                         "it from a copy, or add the up file it undoes, and import the copy"));
      }
      continue;
    }
    if (parsed->extension != "sql") {
      result.rejected.push_back(
          reject(dir, name,
                 "a ." + parsed->extension + " migration, not SQL; rewrite it as SQL in a copy and import the copy"));
      continue;
    }
    imported_migration migration{name, parsed->version, "", read_source(dir / name), true, "", {}};
    if (auto down = find_down_marker(migration.sql, (dir / name).string())) {
      result.rejected.push_back({name, std::move(*down)});
      continue;
    }
    migration.changes.push_back("up file kept");
    migration.description = clean_description(parsed->title, migration.changes);
    result.migrations.push_back(std::move(migration));
  }
  return result;
}

}  // namespace embedded_migrations::generator::import
