// The C++ header and source that embed a migration set as constant data.
#pragma once

#include "checks/sqlite_version_gate.hpp"
#include "migration_directory.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace embedded_migrations::generator {

// MSVC rejects a single string literal of over 16380 bytes (C2026); pieces this
// size stay far below it and keep the generated lines readable.
inline constexpr std::size_t max_literal_piece_bytes = 4000;

struct emit_options {
  std::string cpp_namespace;  // "app::schema"
  std::string header_name;    // as included: "app_schema.hpp" or "app/schema.hpp"
  // The tracking table the set was validated against, embedded in the set so
  // that apply() and status() use it (TABLE in add_embedded_migrations).
  std::string table_name = "migrations";
  // What the set is compiled into (the CMake target), named in the one
  // function only this set's source defines; the header name when empty.
  std::string owner{};
  // The final schema's canonical text, embedded as migration_set::schema()
  // for verify_schema(); empty when the SQL was not replayed.
  std::string schema = {};
  // Per migration, in the same order: its destructive effects, embedded as
  // migration::destructive. Missing or empty entries embed nothing.
  std::vector<std::string> destructive = {};
  // options::fresh_from_snapshot: the script (empty when not eligible) and
  // why the set is not eligible; both empty embed nothing.
  std::string fresh_snapshot = {};
  std::string fresh_snapshot_refusal = {};
  // The PRAGMA foreign_keys setting the set was replayed with (--foreign-keys),
  // embedded so that apply() runs the migrations with it.
  bool foreign_keys = false;
};

struct generated_code {
  std::string header;
  std::string source;
};

// Why a namespace or header name cannot be used, or nullopt when it can.
std::optional<std::string> check_namespace(std::string_view cpp_namespace);
std::optional<std::string> check_header_name(std::string_view header_name);
// Why the runtime would refuse this tracking table name (1 to 64 ASCII
// letters, digits or '_', not starting with a digit or "sqlite_"), or nullopt.
std::optional<std::string> check_table_name(std::string_view table_name);

// The names no part of a namespace may be: keywords and common macros.
const std::vector<std::string_view>& reserved_namespace_names();

// The source file's path relative to the output directory: the header's with a .cpp extension.
std::string source_name_for(std::string_view header_name);

// Appends `bytes` as adjacent string literals, one piece per line, each piece at
// most max_literal_piece_bytes of source; the literal round-trips byte for byte
// whatever the bytes are and whatever the compiler's source character set.
void append_string_literal(std::string& out, std::string_view bytes, std::string_view indent);

// Deterministic: the same migrations and options give the same bytes. The
// header's text depends on the options alone, never on the migrations.
// `needs` is what the set needs of the application's SQLite, embedded so that
// apply() refuses an older SQLite, or one without a module, before writing.
generated_code emit(const std::vector<loaded_migration>& migrations, const emit_options& options,
                    const sqlite_requirements& needs = {});

}  // namespace embedded_migrations::generator
