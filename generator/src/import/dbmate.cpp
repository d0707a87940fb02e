// dbmate (amacneil/dbmate): <version>...sql files with '-- migrate:up' and
// '-- migrate:down' blocks.
#include "import/import_format.hpp"
#include "import/marker_sections.hpp"
#include "import/source_files.hpp"

#include <cctype>

namespace embedded_migrations::generator::import {
namespace {

bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

// dbmate's directive, as its regular expressions read it: "--", optional
// whitespace, "migrate:up" or "migrate:down" in lower case, then the end of
// the line or whitespace and options such as "transaction:false". The options
// are whitespace-separated key:value pairs; dbmate reads only "transaction".
std::optional<marker> read_dbmate(std::string_view line) {
  if (!starts_with(line, "--")) return std::nullopt;
  auto rest = line.substr(2);
  while (!rest.empty() && is_space(rest.front())) rest.remove_prefix(1);
  marker found{marker_kind::up};
  if (starts_with(rest, "migrate:up")) {
    rest.remove_prefix(10);
  } else if (starts_with(rest, "migrate:down")) {
    found.kind = marker_kind::down;
    rest.remove_prefix(12);
  } else {
    return std::nullopt;
  }
  if (!rest.empty() && !is_space(rest.front())) return std::nullopt;  // "-- migrate:upgrade" is a comment
  while (!rest.empty()) {
    while (!rest.empty() && is_space(rest.front())) rest.remove_prefix(1);
    std::size_t length = 0;
    while (length < rest.size() && !is_space(rest[length])) ++length;
    if (rest.substr(0, length) == "transaction:false") found.no_transaction = true;
    rest.remove_prefix(length);
  }
  return found;
}

}  // namespace

const marker_grammar dbmate_markers{"dbmate", "-- migrate:up", read_dbmate};

conversion convert_dbmate(const std::filesystem::path& dir) {
  conversion result;
  for (const auto& name : list_entries(dir)) {
    // dbmate lists files matching ^(\d+).*\.sql$ and ignores everything else.
    const auto parsed = ends_with(name, ".sql") ? split_leading_version(name.substr(0, name.size() - 4)) : std::nullopt;
    if (!parsed) {
      result.skipped.push_back({name, "ignored: dbmate reads only <version>...sql files"});
      continue;
    }
    auto up = keep_up_section(read_source(dir / name), dbmate_markers, (dir / name).string());
    if (auto* problem = std::get_if<diagnostic>(&up)) {
      result.rejected.push_back({name, std::move(*problem)});
      continue;
    }
    auto& section = std::get<up_section>(up);
    imported_migration migration;
    migration.source = name;
    migration.version = parsed->version;
    migration.sql = std::move(section.sql);
    migration.transactional = section.transactional;
    migration.changes = std::move(section.changes);
    migration.description = clean_description(parsed->rest, migration.changes);
    result.migrations.push_back(std::move(migration));
  }
  return result;
}

}  // namespace embedded_migrations::generator::import
