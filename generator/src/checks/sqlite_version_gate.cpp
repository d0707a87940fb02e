#include "checks/sqlite_version_gate.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <sqlite3.h>

#include <algorithm>
#include <filesystem>

#include "checks/syntax_rules.hpp"
#include "detail/sql_text.hpp"

namespace embedded_migrations::generator {
namespace {

const char* indirect_text(const feature_use& use) {
  return use.indirect ? ", which this statement runs through a trigger, view or column default," : "";
}

}  // namespace

int migration_features::required_version() const {
  int version = 0;
  for (const auto& use : uses) version = std::max(version, use.feature->version);
  return version;
}

sqlite_requirements set_requirements(const std::vector<migration_features>& features) {
  sqlite_requirements needs;
  for (const auto& migration : features) {
    needs.version = std::max(needs.version, migration.required_version());
    needs.modules.insert(needs.modules.end(), migration.modules.begin(), migration.modules.end());
  }
  std::sort(needs.modules.begin(), needs.modules.end());
  needs.modules.erase(std::unique(needs.modules.begin(), needs.modules.end()), needs.modules.end());
  return needs;
}

std::string describe_requirements(const std::vector<loaded_migration>& migrations, const std::string& directory,
                                  const std::vector<migration_features>& features) {
  const auto needs = set_requirements(features);
  std::string text = "any SQLite 3";
  for (std::size_t i = 0; i < migrations.size() && i < features.size() && needs.version > 0; ++i) {
    const auto newest = std::find_if(features[i].uses.begin(), features[i].uses.end(),
                                     [&](const feature_use& use) { return use.feature->version == needs.version; });
    if (newest == features[i].uses.end()) continue;
    const auto where = detail::position_of(migrations[i].sql, newest->offset);
    text = fmt::format("SQLite {} or newer ({} at {}:{}:{})", version_text(needs.version), newest->feature->name,
                       (std::filesystem::path(directory) / migrations[i].filename).string(), where.line, where.column);
    break;
  }
  if (!needs.modules.empty()) {
    text += fmt::format(", and the module{} {}", needs.modules.size() == 1 ? "" : "s", fmt::join(needs.modules, ", "));
  }
  return text;
}

bool check_version_gate(const std::vector<loaded_migration>& migrations, const std::string& directory,
                        const std::vector<migration_features>& features, const version_gate& gate,
                        std::vector<diagnostic>& diagnostics) {
  bool passed = true;
  for (std::size_t i = 0; i < migrations.size() && i < features.size(); ++i) {
    const auto& m = migrations[i];
    const std::string path = (std::filesystem::path(directory) / m.filename).string();
    for (const auto& use : features[i].uses) {
      const auto& feature = *use.feature;
      const auto where = detail::position_of(m.sql, use.offset);
      const auto needs = version_text(feature.version);
      if (gate.min_version && feature.version > *gate.min_version) {
        passed = false;
        diagnostics.push_back(
            {path, where.line, where.column, severity::error,
             fmt::format("{}{} needs SQLite {}; this set's MIN_SQLITE_VERSION is {}; raise MIN_SQLITE_VERSION "
                         "(--min-sqlite) to {} if every user's SQLite is that new, or write it for SQLite {}: {}",
                         feature.name, indirect_text(use), needs, version_text(*gate.min_version), needs,
                         version_text(*gate.min_version), feature.instead)});
        diagnostics.push_back({path, where.line, where.column, severity::note,
                               fmt::format("{} came in SQLite {}: {}", feature.name, needs, feature.release_notes)});
      } else if (feature.version > gate.build_version) {
        // The replay ran on an older SQLite than the set needs, so it proved
        // nothing about this statement on a user's machine.
        passed = false;
        diagnostics.push_back(
            {path, where.line, where.column, severity::error,
             fmt::format("{}{} needs SQLite {}, and the build machine's SQLite is {}, so the build cannot check this "
                         "migration; build with SQLite {} or newer",
                         feature.name, indirect_text(use), needs, version_text(gate.build_version), needs)});
      }
    }
  }
  return passed;
}

std::optional<std::string> newer_than_build_machine(std::string_view function_name, int build_version) {
  const auto* feature = feature_for_action(SQLITE_FUNCTION, function_name);
  if (!feature || feature->version <= build_version) return std::nullopt;
  return fmt::format("{} needs SQLite {}, and the build machine's SQLite is {}; build with SQLite {} or newer",
                     feature->name, version_text(feature->version), version_text(build_version),
                     version_text(feature->version));
}

std::optional<std::string> syntax_newer_than_build_machine(std::string_view statement, int build_version) {
  auto tokens = tokenize(statement);
  // The failed statement only: up to its first ';' (a trigger body is cut
  // short, which only loses a hint).
  const auto end =
      std::find_if(tokens.begin(), tokens.end(), [](const sql_token& t) { return is_punctuation(t, ";"); });
  tokens.erase(end, tokens.end());
  for (const auto& match : match_syntax_rules(tokens, false)) {
    const auto* feature = feature_for_rule(match.rule);
    if (!feature || feature->version <= build_version) continue;
    return fmt::format("{} needs SQLite {}, and the build machine's SQLite is {}; build with SQLite {} or newer",
                       feature->name, version_text(feature->version), version_text(build_version),
                       version_text(feature->version));
  }
  return std::nullopt;
}

}  // namespace embedded_migrations::generator
