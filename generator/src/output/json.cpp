#include "output/json.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace embedded_migrations::generator::output {
namespace {

using nlohmann::json;

// A document: the format version and the command's fields. nlohmann::json objects are std::maps,
// so the keys of every object print sorted.
json document(json fields) {
  fields["format_version"] = format_version;
  return fields;
}

json diagnostics_json(const std::vector<diagnostic>& diagnostics) {
  json list = json::array();
  for (const auto& d : diagnostics) list.push_back(to_json(d));
  return list;
}

std::size_t count(const std::vector<diagnostic>& diagnostics, severity level) {
  return static_cast<std::size_t>(std::count_if(diagnostics.begin(), diagnostics.end(),
                                                 [level](const diagnostic& d) { return d.level == level; }));
}

// status() leaves a field empty where it has no value (applied_at of a pending migration); JSON says null.
json or_null(const std::string& text) { return text.empty() ? json(nullptr) : json(text); }

}  // namespace

json to_json(const diagnostic& d) {
  return {{"path", d.path}, {"line", d.line}, {"column", d.column}, {"severity", to_string(d.level)},
          {"message", printable(d.message)}};
}

json check_document(const std::vector<diagnostic>& diagnostics, std::size_t migrations_checked) {
  return document({{"diagnostics", diagnostics_json(diagnostics)},
                   {"summary",
                    {{"migrations_checked", migrations_checked},
                     {"errors", count(diagnostics, severity::error)},
                     {"notes", count(diagnostics, severity::note)}}}});
}

set_requirements requirements_of(const migration_set& set, std::string tracking_table) {
  set_requirements requirements;
  requirements.tracking_table = std::move(tracking_table);
  requirements.migration_count = set.size();
  if (!set.empty()) requirements.last_version = set[set.size() - 1].version;
  return requirements;
}

json requirements_json(const set_requirements& requirements) {
  return {{"tracking_table", requirements.tracking_table},
          {"migration_count", requirements.migration_count},
          {"last_version", requirements.last_version ? json(*requirements.last_version) : json(nullptr)}};
}

json status_document(const std::vector<migration_status>& rows, const set_requirements& requirements,
                     bool database_exists) {
  json migrations = json::array();
  std::map<std::string, std::size_t> counts;  // every state, even those no row is in
  for (const auto state : {migration_state::applied, migration_state::pending, migration_state::modified,
                           migration_state::unknown, migration_state::incomplete}) {
    counts[to_string(state)] = 0;
  }
  for (const auto& row : rows) {
    migrations.push_back({{"version", row.version},
                          {"filename", row.filename},
                          {"state", to_string(row.state)},
                          {"applied_at", or_null(row.applied_at)},
                          {"recorded_checksum", or_null(row.recorded_checksum)},
                          {"embedded_checksum", or_null(row.embedded_checksum)}});
    ++counts[to_string(row.state)];
  }
  return document({{"migrations", std::move(migrations)},
                   {"requirements", requirements_json(requirements)},
                   {"summary", counts},
                   {"database_exists", database_exists}});
}

json error_document(std::string_view code, std::string_view message) {
  return document({{"error", {{"code", code}, {"message", message}}}});
}

json error_document(const migration_error& e) {
  json doc = error_document(to_string(e.code()), e.what());
  auto& error = doc["error"];
  if (!e.filename().empty()) error["filename"] = e.filename();
  if (e.line() > 0) error["line"] = e.line();
  if (e.sqlite_code() != 0) error["sqlite_code"] = e.sqlite_code();
  return doc;
}

json invalid_directory_document(const std::vector<diagnostic>& diagnostics, const std::string& dir) {
  const auto errors = count(diagnostics, severity::error);
  json doc = error_document("invalid_migrations",
                            fmt::format("{} error{} in {}; fix the migrations the diagnostics name", errors,
                                        errors == 1 ? "" : "s", dir));
  doc["diagnostics"] = diagnostics_json(diagnostics);
  return doc;
}

std::string to_text(const json& document) {
  return document.dump(2, ' ', false, json::error_handler_t::replace) + '\n';
}

}  // namespace embedded_migrations::generator::output
