#include "replay/schema_tracker.hpp"

#include "detail/failure.hpp"
#include "detail/sqlite_handles.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <limits>
#include <tuple>

namespace embedded_migrations::generator {
namespace {

using detail::schema::schema_object;

std::string text_of(sqlite3_stmt* statement, int column) {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, column));
  return text ? std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(statement, column))) : std::string();
}

// sqlite_master's rows from a rowid on: a search of its rowid b-tree, so
// reading what a migration created costs what it created, not the schema.
constexpr const char* rows_after = "SELECT rowid, type, name, tbl_name, rootpage, sql FROM main.sqlite_master "
                                   "WHERE rowid > ?1 ORDER BY rowid";
constexpr const char* row_at = "SELECT rowid, type, name, tbl_name, rootpage, sql FROM main.sqlite_master "
                               "WHERE rowid = ?1";

[[noreturn]] void throw_read_error(sqlite3* db) {
  detail::throw_sqlite_error(db, error_code::sqlite_error, "reading the replayed schema failed");
}

bool by_type_and_name(const schema_object& a, const schema_object& b) {
  return std::tie(a.type, a.name) < std::tie(b.type, b.name);
}

}  // namespace

schema_tracker::schema_tracker(std::string tracking_table) { filter_.tracking_table = std::move(tracking_table); }

void schema_tracker::start(sqlite3* db) {
  db_ = db;
  pending work;
  rescan(work);
  finish(work);
  changes_ = {};
}

void schema_tracker::before(std::size_t, const loaded_migration&) {
  listening_ = true;
  rescan_ = temp_changed_ = dropped_ = capture_all_ = false;
  dropped_tables_.clear();
  dropped_indexes_.clear();
  dropped_triggers_.clear();
  to_capture_.clear();
  captured_.clear();
  written_.clear();
  changes_ = {};
}

void schema_tracker::on_authorize(int action, const char* arg1, const char* arg2) {
  // Only the migration's own statements: the checks after it prepare
  // statements of their own (the trigger check), which change nothing.
  if (!listening_) return;
  const std::string name = arg1 ? arg1 : "";
  switch (action) {
    case SQLITE_INSERT: case SQLITE_UPDATE: case SQLITE_DELETE:
      written_.insert(folded_name(name));
      break;
    case SQLITE_DROP_TABLE:
      to_capture_.push_back(name);
      [[fallthrough]];
    case SQLITE_DROP_VIEW:
      dropped_ = true;
      dropped_tables_.push_back(name);
      break;
    case SQLITE_DROP_INDEX:
      dropped_ = true;
      dropped_indexes_.push_back(name);
      break;
    case SQLITE_DROP_TRIGGER:
      dropped_triggers_.push_back(name);
      break;
    case SQLITE_CREATE_TEMP_VIEW: case SQLITE_CREATE_TEMP_TRIGGER:
      temp_changed_ = true;
      break;
    // ALTER TABLE rewrites the SQL of every object that names the table or
    // column, in main and temp (SQLite then reparses the whole schema): the
    // whole schema is read again after it.
    case SQLITE_ALTER_TABLE: {  // arg1 is the schema, arg2 the table
      rescan_ = temp_changed_ = true;
      if (!arg2 || sqlite3_stricmp(name.c_str(), "main") != 0) break;
      to_capture_.push_back(arg2);
      // Renaming a virtual table renames its module's tables too (below).
      schema_object table;
      if (const row* r = rows_.find(rows_.rowid_of(arg2, false))) table.sql = r->sql;
      if (detail::schema::is_virtual_table(table)) capture_all_ = true;
      break;
    }
    // A virtual table's module creates, renames and drops tables of its own
    // while the statement runs, where no authorization names them: every
    // table is read before such a statement, and the schema after it.
    case SQLITE_CREATE_VTABLE: case SQLITE_DROP_VTABLE:
      rescan_ = temp_changed_ = capture_all_ = true;
      break;
    default:
      break;
  }
}

void schema_tracker::before_statement_runs() {
  // rows_ still holds the schema as the migration found it, and a table is
  // named by the first statement that drops or alters it, before it runs.
  const auto capture = [&](const std::string& folded, const row& r) {
    if (r.type != kind::table || !r.in_model || captured_.count(folded)) return;
    schema_object table;
    table.type = "table";
    table.name = r.name;
    table.table_name = r.table_name;
    table.sql = r.sql;
    table.root_page = r.root_page;  // as it was: a VACUUM earlier in the file moves it
    detail::schema::read_table_model(db_, table);
    captured_.emplace(folded, std::move(table));
  };
  if (std::exchange(capture_all_, false)) {
    for (const auto& [rowid, r] : rows_.all()) capture(folded_name(std::string(r.name)), r);
  }
  for (const auto& name : to_capture_) {
    if (const row* r = rows_.find(rows_.rowid_of(name, false))) capture(folded_name(name), *r);
  }
  to_capture_.clear();
}

void schema_tracker::after(std::size_t, const loaded_migration&) {
  listening_ = false;
  changes_ = {};
  // In an auto-vacuum database a DROP moves the last root page into the freed one.
  if (!rescan_ && dropped_) {
    detail::statement_ptr mode;
    if (detail::prepare(db_, "PRAGMA main.auto_vacuum", mode) != SQLITE_OK) throw_read_error(db_);
    if (sqlite3_step(mode.get()) == SQLITE_ROW && sqlite3_column_int(mode.get(), 0) != 0) rescan_ = true;
  }
  pending work;
  if (rescan_) {
    rescan(work);
  } else {
    incremental(work);
  }
  finish(work);
}

std::vector<schema_tracker::read_row> schema_tracker::read_rows(const char* sql, std::int64_t bound) {
  detail::statement_ptr query;
  if (detail::prepare(db_, sql, query) != SQLITE_OK) throw_read_error(db_);
  sqlite3_bind_int64(query.get(), 1, bound);
  std::vector<read_row> result;
  int rc;
  while ((rc = sqlite3_step(query.get())) == SQLITE_ROW) {
    read_row r;
    r.rowid = sqlite3_column_int64(query.get(), 0);
    r.type = text_of(query.get(), 1);
    r.name = text_of(query.get(), 2);
    r.table_name = text_of(query.get(), 3);
    r.root_page = sqlite3_column_int64(query.get(), 4);
    r.has_sql = sqlite3_column_type(query.get(), 5) != SQLITE_NULL;
    r.sql = text_of(query.get(), 5);
    result.push_back(std::move(r));
  }
  if (rc != SQLITE_DONE) throw_read_error(db_);
  return result;
}

schema_tracker::row schema_tracker::row_of(const read_row& read) const {
  return rows_.make(read.type, read.name, read.table_name, read.sql, read.root_page,
                    detail::schema::in_schema(read.name, read.table_name, read.has_sql, filter_));
}

void schema_tracker::incremental(pending& work) {
  // Rows a DROP may have removed (with, for a table or view, every index and
  // trigger on it) are read again by rowid; a removed row's rowid may be
  // taken again by a row created after it.
  std::set<std::int64_t> suspects;
  for (const auto& name : dropped_tables_) {
    if (const auto rowid = rows_.rowid_of(name, false)) suspects.insert(rowid);
    for (const auto rowid : rows_.rowids_on(name)) suspects.insert(rowid);
  }
  for (const auto& name : dropped_indexes_) {
    if (const auto rowid = rows_.rowid_of(name, false)) suspects.insert(rowid);
  }
  for (const auto& name : dropped_triggers_) {
    if (const auto rowid = rows_.rowid_of(name, true)) suspects.insert(rowid);
  }
  for (const auto rowid : suspects) remove(rowid, work);
  // SQLite gives a new row the largest rowid plus one: every row created
  // since lies past every row that is left.
  const std::int64_t bound = rows_.last_rowid();
  for (const auto& r : read_rows(rows_after, bound)) add(r, work);
  for (const auto rowid : suspects) {
    if (rowid > bound) continue;  // read above
    for (const auto& r : read_rows(row_at, rowid)) add(r, work);
  }
}

void schema_tracker::rescan(pending& work) {
  const auto old_rows = rows_.take_all();
  std::map<std::pair<kind, std::string>, const row*> old_by_key;
  for (const auto& [rowid, r] : old_rows) old_by_key.emplace(std::make_pair(r.type, std::string(r.name)), &r);
  for (const auto& read : read_rows(rows_after, std::numeric_limits<std::int64_t>::min())) {
    auto r = row_of(read);
    const auto old = old_by_key.find({r.type, read.name});
    if (old != old_by_key.end()) {
      const row& before = *old->second;
      const bool same = before.sql == r.sql && before.root_page == r.root_page &&
                        before.table_name == r.table_name && before.in_model == r.in_model;
      old_by_key.erase(old);
      if (same) {  // unchanged: a moved rowid (VACUUM) is all that may differ
        rows_.place(read.rowid, std::move(r));
        continue;
      }
      gone(before, work);
    }
    add(read, work);
  }
  for (const auto& [key, old] : old_by_key) {
    if (old->type == kind::table) graph_.set_table(std::string(old->name), false);
    gone(*old, work);
  }
}

void schema_tracker::gone(const row& old, pending& work) {
  if (old.type == kind::index && old.in_model) work.touched.insert(folded_name(std::string(old.table_name)));
  if (old.type != kind::table) return;
  const auto folded = folded_name(std::string(old.name));
  graph_.set_keys(folded, {});  // read again if the table is still there
  work.touched.insert(folded);
  if (old.in_model) work.gone_tables.try_emplace(folded, old);
}

void schema_tracker::add(const read_row& read, pending& work) {
  auto r = row_of(read);
  if (r.type == kind::table) {
    graph_.set_table(read.name, true);
    work.touched.insert(folded_name(read.name));
    if (r.in_model) work.changed_tables.insert(read.name);
  }
  if (r.type == kind::index && r.in_model) work.touched.insert(folded_name(read.table_name));
  const schema_row shown{"main", read.name, read.table_name, read.sql};
  if (r.in_model && r.type == kind::view) work.views.emplace_back(read.rowid, shown);
  if (r.in_model && r.type == kind::trigger) work.triggers.emplace_back(read.rowid, shown);
  rows_.place(read.rowid, std::move(r));
}

void schema_tracker::remove(std::int64_t rowid, pending& work) {
  row r;
  if (!rows_.take(rowid, r)) return;
  if (r.type == kind::table) graph_.set_table(std::string(r.name), false);
  gone(r, work);
}

schema_object schema_tracker::current_table(const std::string& name) {
  schema_object table;
  const row* r = rows_.find(rows_.rowid_of(name, false));
  if (!r || r->type != kind::table || !r->in_model) return table;
  table.type = "table";
  table.name = r->name;
  table.table_name = r->table_name;
  table.sql = r->sql;
  table.root_page = r->root_page;
  detail::schema::read_table_model(db_, table);
  return table;
}

void schema_tracker::finish(pending& work) {
  for (const auto& name : work.changed_tables) {
    std::vector<std::string> parents;
    detail::statement_ptr keys;
    if (detail::prepare(db_, "SELECT \"table\" FROM pragma_foreign_key_list(?1, 'main')", keys) != SQLITE_OK) {
      throw_read_error(db_);
    }
    sqlite3_bind_text(keys.get(), 1, name.c_str(), static_cast<int>(name.size()), SQLITE_STATIC);
    while (sqlite3_step(keys.get()) == SQLITE_ROW) parents.push_back(text_of(keys.get(), 0));
    graph_.set_keys(name, parents);
  }
  if (!work.gone_tables.empty() || !captured_.empty()) compare_tables(work);

  const auto by_rowid = [](const auto& a, const auto& b) { return a.first < b.first; };
  std::sort(work.views.begin(), work.views.end(), by_rowid);
  std::sort(work.triggers.begin(), work.triggers.end(), by_rowid);
  for (auto& [rowid, shown] : work.views) changes_.views.push_back(std::move(shown));
  for (auto& [rowid, shown] : work.triggers) changes_.triggers.push_back(std::move(shown));
  if (temp_changed_) add_temp_objects();

  // Rows can break a foreign key where they are written (the child) and
  // where the rows or the table they reference change (the parent).
  std::set<std::string> concerned;
  work.touched.insert(written_.begin(), written_.end());
  for (const auto& table : work.touched) {
    if (graph_.has_keys(table)) concerned.insert(table);
    for (const auto& child : graph_.children_of(table)) concerned.insert(child);
  }
  changes_.foreign_key_tables.assign(concerned.begin(), concerned.end());
  changes_.dangling_parent = graph_.has_dangling_parent();
}

void schema_tracker::compare_tables(pending& work) {
  // What destructive_changes() compares: the tables that were there and went
  // or changed, with what now holds their names, and the tables created or
  // changed (where a rename's new name is). A table that was only moved
  // (VACUUM), or whose SQL another table's rename rewrote, kept its columns:
  // it is there by name only, which is all a comparison asks of it.
  std::set<std::string> after_names(work.changed_tables.begin(), work.changed_tables.end());
  for (auto& [folded, old] : work.gone_tables) {
    after_names.insert(folded);
    if (captured_.count(folded)) continue;
    schema_object named;
    named.type = "table";
    named.name = old.name;
    named.table_name = old.table_name;
    named.sql = old.sql;
    named.root_page = old.root_page;
    changes_.tables_before.objects.push_back(std::move(named));
  }
  for (auto& [folded, table] : captured_) {
    changes_.tables_before.objects.push_back(std::move(table));
    after_names.insert(folded);
  }
  for (const auto& name : after_names) {
    auto table = current_table(name);
    if (!table.name.empty()) changes_.tables_after.objects.push_back(std::move(table));
  }
  auto& before = changes_.tables_before.objects;
  auto& after = changes_.tables_after.objects;
  std::sort(before.begin(), before.end(), by_type_and_name);
  std::sort(after.begin(), after.end(), by_type_and_name);
  const auto same_name = [](const schema_object& a, const schema_object& b) { return a.name == b.name; };
  after.erase(std::unique(after.begin(), after.end(), same_name), after.end());
}

void schema_tracker::add_temp_objects() {
  detail::statement_ptr query;
  if (detail::prepare(db_, "SELECT type, name, tbl_name, sql FROM temp.sqlite_master WHERE type IN ('view', 'trigger') "
                           "ORDER BY rowid",
                      query) != SQLITE_OK) {
    throw_read_error(db_);
  }
  while (sqlite3_step(query.get()) == SQLITE_ROW) {
    schema_row shown{"temp", text_of(query.get(), 1), text_of(query.get(), 2), text_of(query.get(), 3)};
    (text_of(query.get(), 0) == "view" ? changes_.views : changes_.triggers).push_back(std::move(shown));
  }
}

}  // namespace embedded_migrations::generator
