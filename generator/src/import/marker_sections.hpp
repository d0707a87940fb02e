// Line-based up/down sections, as goose, dbmate and sql-migrate mark them in one file.
#pragma once

#include "diagnostic.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace embedded_migrations::generator::import {

enum class marker_kind {
  up,
  down,
  statement_begin,  // statement-splitting hints: SQLite's parser finds the boundaries itself
  statement_end,
  no_transaction,  // a whole-file option on its own line (goose)
  envsub_on,       // goose substitutes environment variables: the file is not the SQL that ran
  envsub_off,
  ignored,       // a line the tool drops without effect (sql-migrate's unknown "-- +" commands)
  unrecognized,  // a line the tool refuses (goose's unknown annotations)
};

struct marker {
  marker_kind kind;
  bool no_transaction = false;  // an option on the up or down line itself (dbmate, sql-migrate)
};

const char* to_string(marker_kind kind);

struct marker_grammar {
  std::string_view tool;       // "goose", for messages
  std::string_view up_marker;  // "-- +goose Up", for messages
  // The marker a line is, or nullopt for SQL and ordinary comments.
  std::optional<marker> (*read)(std::string_view line);
  // sql-migrate lets Up and Down sections alternate; goose and dbmate take one of each, up first.
  bool sections_alternate = false;
  // sql-migrate skips text before its first marker; goose and dbmate refuse statements there.
  bool skips_text_before_first_marker = false;
};

struct up_section {
  std::string sql;  // comments before the first marker and every up line, markers removed
  bool transactional = true;
  std::vector<std::string> changes;  // for the report
};

// The three grammars, defined beside their importers.
extern const marker_grammar goose_markers;
extern const marker_grammar dbmate_markers;
extern const marker_grammar sql_migrate_markers;

// Keeps the up part of a normalized file. A file the tool itself would refuse,
// or whose meaning we cannot keep (goose ENVSUB), yields a diagnostic at the
// offending line of `path`. The down part is never kept.
std::variant<up_section, diagnostic> keep_up_section(std::string_view text, const marker_grammar& grammar,
                                                     const std::string& path);

// For the formats that keep a file whole: the first line another tool reads as
// the start of a down section ("-- +goose Down", "-- migrate:down", "-- +migrate
// Down"), as a diagnostic naming the --from that would drop it; nullopt when
// there is none. Without it, a goose directory imported --from sqlx would run
// its down parts going forward.
std::optional<diagnostic> find_down_marker(std::string_view text, const std::string& path);

// For a migration directory's own files: the first line that starts an up or
// down section of goose, dbmate or sql-migrate, as an error naming the marker
// and the import that converts the file; nullopt when there is none. We run
// whole files, so without it the down section would run going forward.
std::optional<diagnostic> find_section_marker(std::string_view text, const std::string& path);

}  // namespace embedded_migrations::generator::import
