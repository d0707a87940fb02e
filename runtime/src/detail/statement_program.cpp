#include "statement_program.hpp"

#include "sqlite_handles.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace embedded_migrations::detail {
namespace {

// EXPLAIN's columns: addr, opcode, p1, p2, p3, p4, p5, comment.
enum column : int { opcode_column = 1, p1_column = 2, p2_column = 3, p3_column = 4, p4_column = 5, p5_column = 6 };

// OPFLAG_P2ISREG (sqliteInt.h): the cursor's root page is in the register p2
// names, as for an index or table the same statement creates; p2 is then no
// page number, and those b-trees are new, never the tracking table's.
constexpr std::int64_t p2_is_register = 0x10;

// Root pages of the tracking table and of its indexes in main. Read for every
// inspected statement: a DROP in an auto-vacuum database moves root pages.
std::vector<std::int64_t> tracking_roots(sqlite3* db, std::string_view table) {
  std::vector<std::int64_t> roots;
  statement_ptr query;
  if (prepare(db, "SELECT rootpage FROM main.sqlite_master WHERE tbl_name = ?1 COLLATE NOCASE AND rootpage > 0",
              query) != SQLITE_OK) {
    return roots;
  }
  sqlite3_bind_text(query.get(), 1, table.data(), static_cast<int>(table.size()), SQLITE_STATIC);
  while (sqlite3_step(query.get()) == SQLITE_ROW) roots.push_back(sqlite3_column_int64(query.get(), 0));
  return roots;
}

bool equals_nocase(const unsigned char* text, std::string_view name) {
  if (!text) return false;
  const std::string value(reinterpret_cast<const char*>(text));
  return value.size() == name.size() &&
         sqlite3_strnicmp(value.c_str(), std::string(name).c_str(), static_cast<int>(name.size())) == 0;
}

bool starts_with(const unsigned char* text, std::string_view prefix) {
  return text && std::string_view(reinterpret_cast<const char*>(text)).substr(0, prefix.size()) == prefix;
}

}  // namespace

program_or_error read_program(sqlite3* db, std::string_view statement, std::string_view tracking_table) {
  const std::string explain = "EXPLAIN " + std::string(statement);
  statement_ptr query;
  if (prepare(db, explain, query) != SQLITE_OK) return {std::nullopt, sqlite3_errmsg(db)};
  const auto roots = tracking_table.empty() ? std::vector<std::int64_t>() : tracking_roots(db, tracking_table);
  const auto is_root = [&](std::int64_t page) { return std::find(roots.begin(), roots.end(), page) != roots.end(); };

  statement_program program;
  std::vector<std::pair<std::int64_t, std::string>> constants;  // String8 register, text
  bool writes_schema = false;
  bool names_tracking_table = false;
  int rc;
  while ((rc = sqlite3_step(query.get())) == SQLITE_ROW) {
    const std::string_view opcode(reinterpret_cast<const char*>(sqlite3_column_text(query.get(), opcode_column)));
    const auto p1 = sqlite3_column_int64(query.get(), p1_column);
    const auto p2 = sqlite3_column_int64(query.get(), p2_column);
    const auto p3 = sqlite3_column_int64(query.get(), p3_column);
    const auto* p4 = sqlite3_column_text(query.get(), p4_column);
    if (opcode == "AutoCommit") {
      // p1: the autocommit flag it sets; p2: 1 for a rollback.
      program.control = p1 == 0 ? statement_program::transaction_control::begin
                        : p2 != 0 ? statement_program::transaction_control::rollback
                                  : statement_program::transaction_control::commit;
    } else if (opcode == "Function" || opcode == "PureFunc") {
      if (starts_with(p4, "sqlite_attach(") || starts_with(p4, "sqlite_detach(")) program.attaches = true;
      program.runs_other_code = true;
    } else if (opcode == "Program" || opcode == "VOpen" || opcode == "VUpdate" || opcode == "VCreate" ||
               opcode == "VDestroy" || opcode == "VFilter") {
      program.runs_other_code = true;
    } else if (opcode == "Vacuum") {
      program.vacuums = true;
      if (p2 != 0) {
        program.vacuums_into = true;
        for (const auto& [register_number, text] : constants) {
          if (register_number == p2) program.vacuum_target = text;
        }
      }
    } else if (opcode == "OpenRead" || opcode == "OpenWrite") {
      const bool root_in_register = (sqlite3_column_int64(query.get(), p5_column) & p2_is_register) != 0;
      if (p3 == 0 && !root_in_register && is_root(p2)) program.touches_tracking_table = true;
      if (opcode == "OpenWrite" && p2 == 1) writes_schema = true;  // page 1 holds sqlite_schema
    } else if (opcode == "Destroy") {
      if (p3 == 0 && is_root(p1)) program.touches_tracking_table = true;
    } else if (opcode == "Clear") {
      if (p2 == 0 && is_root(p1)) program.touches_tracking_table = true;
    } else if (opcode == "String8") {
      if (p4) constants.emplace_back(p2, reinterpret_cast<const char*>(p4));
      if (!tracking_table.empty() && equals_nocase(p4, tracking_table)) names_tracking_table = true;
    }
  }
  if (rc != SQLITE_DONE) return {std::nullopt, sqlite3_errmsg(db)};
  if (writes_schema && names_tracking_table) program.touches_tracking_table = true;
  return {program, {}};
}

}  // namespace embedded_migrations::detail
