#include "schema_checks.hpp"

#include "schema/destructive_changes.hpp"
#include "schema/unified_diff.hpp"
#include "source_text.hpp"

#include <fmt/format.h>

#include <exception>
#include <fstream>
#include <iterator>

namespace embedded_migrations::generator {
namespace {

std::optional<std::string> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void check_snapshot_file(const std::string& snapshot, const schema_check_settings& settings,
                         std::vector<diagnostic>& diagnostics) {
  const auto& path = *settings.schema_file;
  const auto committed = read_file(path);
  if (!committed) {
    diagnostics.push_back({path.string(), 1, 1, severity::error,
                           fmt::format("the schema snapshot does not exist yet; create it with: {}, and commit it",
                                       settings.update_command)});
    return;
  }
  // A CRLF or BOM checkout of the committed file (git's core.autocrlf, some
  // editors) holds the same schema, as a migration's does.
  const auto text = normalize_source(*committed);
  if (text == snapshot) return;
  auto diff = unified_diff(text, snapshot, path.string(), "schema produced by the migrations");
  if (!diff.empty() && diff.back() == '\n') diff.pop_back();  // the diagnostic ends the line
  diagnostics.push_back(
      {path.string(), 1, 1, severity::error,
       fmt::format("the schema snapshot is out of date: the migrations produce the schema below (+), the file "
                   "holds the lines marked -; update it with: {}, review the change and commit it\n{}",
                   settings.update_command,
                   diff)});
}

}  // namespace

std::optional<schema_check_result> check_schema(const std::vector<loaded_migration>& migrations,
                                                const schema_history& history, const std::string& directory,
                                                const schema_check_settings& settings,
                                                std::vector<diagnostic>& diagnostics) {
  schema_check_result result;
  result.snapshot = snapshot_text(migrations, history, settings.sqlite_requirement);
  if (settings.fresh_snapshot) {
    try {
      result.fresh = make_fresh_snapshot(migrations, settings.functions, settings.table, settings.limits,
                                         settings.foreign_keys);
    } catch (const std::exception& e) {  // migration_error, or std::runtime_error from the replay
      diagnostics.push_back({directory, 1, 1, severity::error,
                             fmt::format("replaying the migrations for the fresh snapshot failed: {}", e.what())});
      return std::nullopt;
    }
  }
  for (std::size_t i = 0; i < migrations.size() && i < history.destructive.size(); ++i) {
    result.destructive.push_back(history.destructive[i]);
    if (result.destructive.back().empty()) continue;
    const auto path = (std::filesystem::path(directory) / migrations[i].filename).string();
    const auto reason = destructive_reason(migrations[i].sql);
    if (settings.destructive == destructive_policy::error && !reason) {
      diagnostics.push_back(
          {path, 1, 1, severity::error,
           fmt::format("{}; destructive migrations must say why (--destructive error, DESTRUCTIVE ERROR in "
                       "add_embedded_migrations): if this is intended, add a '-- destructive: <reason>' line to the "
                       "file's leading comments",
                       result.destructive.back())});
    } else {
      diagnostics.push_back({path, 1, 1, severity::note,
                             reason ? fmt::format("{} (destructive: {})", result.destructive.back(), *reason)
                                    : result.destructive.back()});
    }
  }
  if (settings.schema_file) check_snapshot_file(result.snapshot, settings, diagnostics);
  return result;
}

}  // namespace embedded_migrations::generator
