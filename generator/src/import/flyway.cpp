// Flyway (and refinery, which uses the same names): V<version>__<description>.sql
// in the locations, searched recursively. Versions are dotted ("1.1", written
// V1.1__ or V1_1__); ours are integers, so dotted ones must be renumbered.
#include "import/import_format.hpp"
#include "import/marker_sections.hpp"
#include "import/source_files.hpp"

#include "detail/sql_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <map>

namespace embedded_migrations::generator::import {
namespace fs = std::filesystem;
namespace {

struct flyway_name {
  char prefix;                     // V versioned, U undo, B baseline
  std::vector<std::string> parts;  // of the version, without leading zeros, trailing ".0" parts dropped
  std::string display;             // as Flyway shows it: "1.1"
  std::string version_text;        // as written: "001"
  std::string description;
  std::string extension;
};

std::string without_leading_zeros(const std::string& digits) {
  const auto first = digits.find_first_not_of('0');
  return first == std::string::npos ? "0" : digits.substr(first);
}

// Flyway's MigrationVersion: numeric parts separated by '.' or '_', where
// trailing zero parts do not count (1.0 is 1).
std::optional<flyway_name> parse_flyway_name(const std::string& name) {
  if (name.size() < 4 || (name[0] != 'V' && name[0] != 'U' && name[0] != 'B')) return std::nullopt;
  const auto separator = name.find("__");
  const auto dot = name.rfind('.');
  if (separator == std::string::npos || dot == std::string::npos || dot < separator) return std::nullopt;
  flyway_name parsed;
  parsed.prefix = name[0];
  parsed.version_text = name.substr(1, separator - 1);
  parsed.description = name.substr(separator + 2, dot - separator - 2);
  parsed.extension = name.substr(dot + 1);
  std::string part;
  for (const char c : parsed.version_text + ".") {
    if (c != '.' && c != '_') {
      part.push_back(c);
      continue;
    }
    if (!all_digits(part)) return std::nullopt;
    parsed.parts.push_back(without_leading_zeros(part));
    parsed.display += (parsed.display.empty() ? "" : ".") + part;
    part.clear();
  }
  while (parsed.parts.size() > 1 && parsed.parts.back() == "0") parsed.parts.pop_back();
  return parsed;
}

bool version_less(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  for (std::size_t i = 0; i < std::max(a.size(), b.size()); ++i) {
    const std::string x = i < a.size() ? a[i] : "0";
    const std::string y = i < b.size() ? b[i] : "0";
    if (x.size() != y.size()) return x.size() < y.size();
    if (x != y) return x < y;
  }
  return false;
}

// Flyway's per-script configuration, <script>.conf: executeInTransaction=false.
bool runs_outside_transaction(const std::string& conf) {
  std::string compact;
  for (const char c : conf) {
    if (c != ' ' && c != '\t') compact.push_back(c);
  }
  return ("\n" + compact + "\n").find("\nexecuteInTransaction=false\n") != std::string::npos;
}

}  // namespace

conversion convert_flyway(const fs::path& dir) {
  conversion result;
  std::vector<std::string> sources;  // relative, '/'-separated
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code type_ec;
    const auto name = it->path().filename().string();
    if (name.front() == '.') {
      if (it->is_directory(type_ec)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file(type_ec)) sources.push_back(it->path().lexically_relative(dir).generic_string());
  }
  if (ec) throw std::runtime_error("cannot list " + dir.string() + ": " + ec.message());
  std::sort(sources.begin(), sources.end());

  std::vector<std::pair<std::string, flyway_name>> versioned;
  std::vector<std::pair<std::string, flyway_name>> undo;
  for (const auto& source : sources) {
    const auto name = fs::path(source).filename().string();
    const auto parsed = parse_flyway_name(name);
    if (ends_with(name, ".sql.conf") &&
        std::find(sources.begin(), sources.end(), source.substr(0, source.size() - 5)) != sources.end()) {
      result.skipped.push_back({source, "script configuration read"});
    } else if (starts_with(name, "R__")) {
      result.rejected.push_back(reject(dir, source,
                                       "a repeatable migration, which Flyway re-runs whenever it changes; ours run "
                                       "once, so put its current text in a new versioned migration of a copy (V<n>__) "
                                       "and import the copy"));
    } else if (!parsed && ends_with(name, ".sql") && (starts_with(name, "before") || starts_with(name, "after"))) {
      result.rejected.push_back(
          reject(dir, source,
                 "a Flyway callback, which runs around every migrate rather than once; move "
                 "what it must do once into a versioned migration of a copy and import the copy"));
    } else if (!parsed) {
      result.skipped.push_back({source, "ignored: not a Flyway migration name"});
    } else if (parsed->extension != "sql") {
      result.rejected.push_back(reject(dir, source,
                                       fmt::format("a .{} migration (Java, Rust or a script), which only its tool can "
                                                   "run; rewrite it as V{}__{}.sql in a copy and import the copy",
                                                   parsed->extension, parsed->version_text, parsed->description)));
    } else if (parsed->prefix == 'B') {
      result.rejected.push_back(reject(dir, source,
                                       "a baseline migration, which Flyway runs instead of the versions before it; "
                                       "keep either it or those versions in a copy and import the copy"));
    } else {
      (parsed->prefix == 'V' ? versioned : undo).emplace_back(source, *parsed);
    }
  }
  std::stable_sort(versioned.begin(), versioned.end(),
                   [](const auto& a, const auto& b) { return version_less(a.second.parts, b.second.parts); });
  for (const auto& [source, parsed] : undo) {
    // A named copy: C++17 lambdas cannot capture structured bindings (clang 14 refuses).
    const auto& undo_parts = parsed.parts;
    const bool has_versioned = std::any_of(versioned.begin(), versioned.end(), [&](const auto& v) {
      return !version_less(v.second.parts, undo_parts) && !version_less(undo_parts, v.second.parts);
    });
    if (has_versioned) {
      result.skipped.push_back({source, "undo migration ignored"});
    } else {
      result.rejected.push_back(reject(dir, source,
                                       "an undo migration without V" + parsed.version_text +
                                           " (or refinery's unversioned U migration); delete it from a copy, or "
                                           "rename a refinery one V<n>__, and import the copy"));
    }
  }

  // Integer versions stay as written wherever the order allows, so that adopt
  // matches Flyway's history rows by version; a dotted version, or an integer
  // the dotted ones before it pushed past, takes the next free number.
  unsigned long long next = 1;
  for (std::size_t i = 0; i < versioned.size(); ++i) {
    const auto& [source, parsed] = versioned[i];
    // Flyway refuses two files with one version (1.0 is 1), so neither ever ran alone.
    const auto& parts = parsed.parts;
    const auto same = [&](std::size_t j) {
      return j < versioned.size() && !version_less(versioned[j].second.parts, parts) &&
             !version_less(parts, versioned[j].second.parts);
    };
    if (same(i - 1) || same(i + 1)) {
      result.rejected.push_back(reject(dir, source,
                                       "the same Flyway version " + parsed.display +
                                           " as another file, which Flyway refuses; renumber one in a copy and "
                                           "import the copy"));
      continue;
    }
    const bool integer = parsed.parts.size() == 1 && parsed.parts[0].size() <= 18;  // 18 digits fit in int64
    const unsigned long long value = integer ? std::strtoull(parsed.parts[0].c_str(), nullptr, 10) : 0;
    imported_migration migration{source, parsed.version_text, "", "", true, "", {}};
    if (integer && value >= next) {
      next = value + 1;
    } else {
      migration.version = std::to_string(next++);
      migration.origin = "version " + parsed.display + " (" + fs::path(source).filename().string() + ")";
      migration.changes.push_back("renumbered from " + parsed.display);
    }
    migration.sql = read_source(dir / source);
    if (auto down = find_down_marker(migration.sql, (dir / source).string())) {
      result.rejected.push_back({source, std::move(*down)});
      continue;
    }
    // Flyway replaces ${name} placeholders before it runs a script: the file is not the SQL that ran.
    if (const auto placeholder = migration.sql.find("${"); placeholder != std::string::npos) {
      const auto where = detail::position_of(migration.sql, placeholder);
      result.rejected.push_back(reject(dir, source,
                                       "a Flyway placeholder, replaced before the script ran, so the file is not the "
                                       "SQL that ran; write the value into a copy and import the copy",
                                       where.line, where.column));
      continue;
    }
    if (std::find(sources.begin(), sources.end(), source + ".conf") != sources.end() &&
        runs_outside_transaction(read_source(dir / (source + ".conf")))) {
      migration.transactional = false;
      migration.changes.push_back("no-transaction");
    }
    migration.description = clean_description(parsed.description, migration.changes);
    result.migrations.push_back(std::move(migration));
  }
  return result;
}

}  // namespace embedded_migrations::generator::import
