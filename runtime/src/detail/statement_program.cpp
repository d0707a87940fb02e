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

}  // namespace

bool tracking_root_pages::contains(sqlite3* db, std::int64_t page) {
  if (!read_) {
    pages_.clear();
    statement_ptr query;
    if (prepare(db, "SELECT rootpage FROM main.sqlite_master WHERE tbl_name = ?1 COLLATE NOCASE AND rootpage > 0",
                query) == SQLITE_OK) {
      sqlite3_bind_text(query.get(), 1, table_.data(), static_cast<int>(table_.size()), SQLITE_STATIC);
      while (sqlite3_step(query.get()) == SQLITE_ROW) pages_.push_back(sqlite3_column_int64(query.get(), 0));
    }
    statement_ptr mode;
    auto_vacuum_ = prepare(db, "PRAGMA main.auto_vacuum", mode) != SQLITE_OK ||
                   sqlite3_step(mode.get()) != SQLITE_ROW || sqlite3_column_int(mode.get(), 0) != 0;
    data_version_ = data_version(db);
    read_ = true;
  }
  return std::find(pages_.begin(), pages_.end(), page) != pages_.end();
}

std::int64_t tracking_root_pages::data_version(sqlite3* db) {
  if (!data_version_query_ && prepare(db, "PRAGMA main.data_version", data_version_query_) != SQLITE_OK) return -1;
  const int rc = sqlite3_step(data_version_query_.get());
  const auto value = rc == SQLITE_ROW ? sqlite3_column_int64(data_version_query_.get(), 0) : -1;
  sqlite3_reset(data_version_query_.get());
  return value;
}

void tracking_root_pages::forget_if_committed_elsewhere(sqlite3* db) {
  if (!read_) return;
  const auto now = data_version(db);
  if (now < 0 || now != data_version_) read_ = false;
}

namespace {

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

program_or_error read_program(sqlite3* db, std::string_view statement, tracking_root_pages* tracking_table) {
  const std::string explain = "EXPLAIN " + std::string(statement);
  statement_ptr query;
  if (prepare(db, explain, query) != SQLITE_OK) return {std::nullopt, sqlite3_errmsg(db)};
  const auto is_root = [&](std::int64_t page) { return tracking_table && tracking_table->contains(db, page); };
  const std::string_view table_name = tracking_table ? std::string_view(tracking_table->table()) : std::string_view();
  bool moves_pages = false;

  statement_program program;
  std::vector<std::pair<std::int64_t, std::string>> constants;  // String8 register, text
  bool writes_schema = false;
  bool names_tracking_table = false;
  int rc;
  while ((rc = sqlite3_step(query.get())) == SQLITE_ROW) {
    const std::string_view opcode(reinterpret_cast<const char*>(sqlite3_column_text(query.get(), opcode_column)));
    // Operands are fetched for the opcodes that need them only: a program
    // has dozens of rows, and each fetch takes the connection's mutex.
    const auto p1 = [&] { return sqlite3_column_int64(query.get(), p1_column); };
    const auto p2 = [&] { return sqlite3_column_int64(query.get(), p2_column); };
    const auto p3 = [&] { return sqlite3_column_int64(query.get(), p3_column); };
    const auto p4 = [&] { return sqlite3_column_text(query.get(), p4_column); };
    if (opcode == "AutoCommit") {
      // p1: the autocommit flag it sets; p2: 1 for a rollback.
      program.control = p1() == 0 ? statement_program::transaction_control::begin
                        : p2() != 0 ? statement_program::transaction_control::rollback
                                  : statement_program::transaction_control::commit;
    } else if (opcode == "Function" || opcode == "PureFunc") {
      const auto* name = p4();
      if (starts_with(name, "sqlite_attach(") || starts_with(name, "sqlite_detach(")) program.attaches = true;
      program.runs_other_code = true;
    } else if (opcode == "Program" || opcode == "VOpen" || opcode == "VUpdate" || opcode == "VCreate" ||
               opcode == "VDestroy" || opcode == "VFilter") {
      program.runs_other_code = true;
    } else if (opcode == "Savepoint") {
      // p1: 0 begins a savepoint, 1 releases it, 2 rolls back to it; p4: its name.
      const auto* name = p4();
      if (p1() != 0 && name) program.savepoint_ended = reinterpret_cast<const char*>(name);
    } else if (opcode == "Vacuum") {
      program.vacuums = true;
      moves_pages = true;
      if (const auto target = p2(); target != 0) {
        program.vacuums_into = true;
        for (const auto& [register_number, text] : constants) {
          if (register_number == target) program.vacuum_target = text;
        }
      }
    } else if (opcode == "OpenRead" || opcode == "OpenWrite") {
      const bool root_in_register = (sqlite3_column_int64(query.get(), p5_column) & p2_is_register) != 0;
      const auto root = p2();
      if (p3() == 0 && !root_in_register && is_root(root)) program.touches_tracking_table = true;
      if (opcode == "OpenWrite" && root == 1) writes_schema = true;  // page 1 holds sqlite_schema
    } else if (opcode == "Destroy") {
      if (p3() == 0 && is_root(p1())) program.touches_tracking_table = true;
      moves_pages = true;
    } else if (opcode == "Clear") {
      if (p2() == 0 && is_root(p1())) program.touches_tracking_table = true;
    } else if (opcode == "String8") {
      const auto* text = p4();
      if (text) constants.emplace_back(p2(), reinterpret_cast<const char*>(text));
      if (!table_name.empty() && equals_nocase(text, table_name)) names_tracking_table = true;
    }
  }
  if (rc != SQLITE_DONE) return {std::nullopt, sqlite3_errmsg(db)};
  // The pages are read before the statement runs: forget them for the next one.
  if (moves_pages && tracking_table) tracking_table->forget();
  if (writes_schema && names_tracking_table) program.touches_tracking_table = true;
  return {program, {}};
}

}  // namespace embedded_migrations::detail
