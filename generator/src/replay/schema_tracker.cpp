#include "replay/schema_tracker.hpp"

#include "detail/failure.hpp"
#include "detail/sqlite_handles.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <limits>
#include <utility>

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

void throw_read_error(sqlite3* db) {
  detail::throw_sqlite_error(db, error_code::sqlite_error, "reading the replayed schema failed");
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
  rescan_ = temp_changed_ = dropped_ = false;
  dropped_tables_.clear();
  dropped_indexes_.clear();
  dropped_triggers_.clear();
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
    case SQLITE_DROP_TABLE: case SQLITE_DROP_VIEW:
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
    // column, in main and temp (SQLite then reparses the whole schema); a
    // virtual table's module creates and drops its shadow tables while the
    // statement runs, where no authorization names them. Both are rare
    // enough to read the whole schema again.
    case SQLITE_ALTER_TABLE: case SQLITE_CREATE_VTABLE: case SQLITE_DROP_VTABLE:
      rescan_ = temp_changed_ = true;
      break;
    default:
      break;
  }
  (void)arg2;
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
  if (temp_changed_) add_temp_objects(work);
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
    r.fields.type = text_of(query.get(), 1);
    r.fields.name = text_of(query.get(), 2);
    r.fields.table_name = text_of(query.get(), 3);
    r.fields.root_page = sqlite3_column_int64(query.get(), 4);
    r.has_sql = sqlite3_column_type(query.get(), 5) != SQLITE_NULL;
    r.sql = text_of(query.get(), 5);
    r.fields.in_model = detail::schema::in_schema(r.fields.name, r.fields.table_name, r.has_sql, filter_);
    result.push_back(std::move(r));
  }
  if (rc != SQLITE_DONE) throw_read_error(db_);
  return result;
}

std::int64_t schema_tracker::rowid_of(const std::unordered_map<std::string, std::int64_t>& names,
                                      const std::string& name) const {
  const auto found = names.find(folded_name(name));
  return found == names.end() ? 0 : found->second;
}

void schema_tracker::incremental(pending& work) {
  // Rows a DROP may have removed (with, for a table or view, every index and
  // trigger on it) are read again by rowid; a removed row's rowid may be
  // taken again by a row created after it.
  std::set<std::int64_t> suspects;
  for (const auto& name : dropped_tables_) {
    if (const auto rowid = rowid_of(names_, name)) suspects.insert(rowid);
    const auto on = by_table_.find(folded_name(name));
    if (on != by_table_.end()) suspects.insert(on->second.begin(), on->second.end());
  }
  for (const auto& name : dropped_indexes_) {
    if (const auto rowid = rowid_of(names_, name)) suspects.insert(rowid);
  }
  for (const auto& name : dropped_triggers_) {
    if (const auto rowid = rowid_of(trigger_names_, name)) suspects.insert(rowid);
  }
  for (const auto rowid : suspects) remove(rowid, work);
  // SQLite gives a new row the largest rowid plus one: every row created
  // since lies past every row that is left.
  const std::int64_t bound = rows_.empty() ? 0 : rows_.rbegin()->first;
  for (const auto& r : read_rows(rows_after, bound)) add(r, work);
  for (const auto rowid : suspects) {
    if (rowid > bound) continue;  // read above
    for (const auto& r : read_rows(row_at, rowid)) add(r, work);
  }
}

void schema_tracker::rescan(pending& work) {
  auto old_rows = std::move(rows_);
  auto old_model = std::move(model_);
  rows_.clear();
  model_.clear();
  names_.clear();
  trigger_names_.clear();
  by_table_.clear();
  for (const auto& [rowid, r] : old_rows) {
    if (r.type == "table") graph_.set_table(r.name, false);
  }
  for (const auto& r : read_rows(rows_after, std::numeric_limits<std::int64_t>::min())) {
    const key k{r.fields.type, r.fields.name};
    const auto old = r.fields.in_model ? old_model.find(k) : old_model.end();
    if (old != old_model.end() && old->second.sql == r.sql && old->second.root_page == r.fields.root_page &&
        old->second.table_name == r.fields.table_name) {
      place(r.rowid, r.fields);  // unchanged: keeps its model
      model_.emplace(k, std::move(old->second));
      old_model.erase(old);
      continue;
    }
    if (old != old_model.end()) {  // the same name, changed
      if (k.first == "table") work.tables_before.try_emplace(k, std::move(old->second));
      if (k.first == "index") mark_table(old->second.table_name, work);
      old_model.erase(old);
    }
    add(r, work);
  }
  for (auto& [k, object] : old_model) {  // gone
    if (k.first == "table") {
      work.touched_tables.insert(folded_name(object.name));
      work.tables_before.try_emplace(k, std::move(object));
    }
    if (k.first == "index") mark_table(object.table_name, work);
  }
}

void schema_tracker::place(std::int64_t rowid, const row& r) {
  (r.type == "trigger" ? trigger_names_ : names_)[folded_name(r.name)] = rowid;
  by_table_[folded_name(r.table_name)].insert(rowid);
  if (r.type == "table") graph_.set_table(r.name, true);
  rows_[rowid] = r;
}

void schema_tracker::mark_table(const std::string& table, pending& work) {
  work.marked.insert(folded_name(table));
  work.touched_tables.insert(folded_name(table));
}

void schema_tracker::add(const read_row& r, pending& work) {
  place(r.rowid, r.fields);
  const auto& type = r.fields.type;
  if (type == "table") work.touched_tables.insert(folded_name(r.fields.name));
  if (!r.fields.in_model) return;
  schema_object object;
  object.type = type;
  object.name = r.fields.name;
  object.table_name = r.fields.table_name;
  object.sql = r.sql;
  object.root_page = r.fields.root_page;
  const key k{type, r.fields.name};
  if (type == "table") work.tables_after.insert(k);
  if (type == "index") mark_table(r.fields.table_name, work);
  const schema_row shown{"main", r.fields.name, r.fields.table_name, r.sql};
  if (type == "view") work.views.emplace_back(r.rowid, shown);
  if (type == "trigger") work.triggers.emplace_back(r.rowid, shown);
  model_.insert_or_assign(k, std::move(object));
}

void schema_tracker::remove(std::int64_t rowid, pending& work) {
  const auto found = rows_.find(rowid);
  if (found == rows_.end()) return;
  const row r = std::move(found->second);
  rows_.erase(found);
  auto& names = r.type == "trigger" ? trigger_names_ : names_;
  const auto named = names.find(folded_name(r.name));
  if (named != names.end() && named->second == rowid) names.erase(named);
  const auto on = by_table_.find(folded_name(r.table_name));
  if (on != by_table_.end() && on->second.erase(rowid) && on->second.empty()) by_table_.erase(on);
  if (r.type == "table") {
    graph_.set_table(r.name, false);
    work.touched_tables.insert(folded_name(r.name));
  }
  if (!r.in_model) return;
  const auto object = model_.find({r.type, r.name});
  if (object == model_.end()) return;
  if (r.type == "table") work.tables_before.try_emplace(object->first, std::move(object->second));
  if (r.type == "index") mark_table(r.table_name, work);
  model_.erase(object);
}

void schema_tracker::add_temp_objects(pending& work) {
  detail::statement_ptr query;
  if (detail::prepare(db_, "SELECT type, name, tbl_name, sql FROM temp.sqlite_master WHERE type IN ('view', 'trigger') "
                           "ORDER BY rowid",
                      query) != SQLITE_OK) {
    throw_read_error(db_);
  }
  while (sqlite3_step(query.get()) == SQLITE_ROW) {
    schema_row shown{"temp", text_of(query.get(), 1), text_of(query.get(), 2), text_of(query.get(), 3)};
    (text_of(query.get(), 0) == "view" ? work.temp_views : work.temp_triggers).push_back(std::move(shown));
  }
}

void schema_tracker::finish(pending& work) {
  // A table that gained or lost an index keeps its row: its model is read again.
  for (const auto& table : work.marked) {
    const auto rowid = rowid_of(names_, table);
    const auto r = rows_.find(rowid);
    if (r == rows_.end() || r->second.type != "table" || !r->second.in_model) continue;
    const key k{"table", r->second.name};
    const auto object = model_.find(k);
    if (object == model_.end()) continue;
    work.tables_before.try_emplace(k, object->second);
    work.tables_after.insert(k);
  }
  for (auto& [k, old] : work.tables_before) graph_.remove_keys(old.name, old.foreign_keys);
  for (const auto& k : work.tables_after) {
    const auto object = model_.find(k);
    if (object == model_.end()) continue;
    auto& table = object->second;
    table.columns.clear();
    table.indexes.clear();
    table.foreign_keys.clear();
    detail::schema::read_table_model(db_, table);
    graph_.add_keys(table.name, table.foreign_keys);
    changes_.tables_after.objects.push_back(table);
  }
  for (auto& [k, old] : work.tables_before) changes_.tables_before.objects.push_back(std::move(old));

  const auto by_rowid = [](const auto& a, const auto& b) { return a.first < b.first; };
  std::sort(work.views.begin(), work.views.end(), by_rowid);
  std::sort(work.triggers.begin(), work.triggers.end(), by_rowid);
  for (auto& [rowid, shown] : work.views) changes_.views.push_back(std::move(shown));
  for (auto& shown : work.temp_views) changes_.views.push_back(std::move(shown));
  for (auto& [rowid, shown] : work.triggers) changes_.triggers.push_back(std::move(shown));
  for (auto& shown : work.temp_triggers) changes_.triggers.push_back(std::move(shown));

  // Rows can break a foreign key where they are written (the child) and
  // where the rows or the table they reference change (the parent).
  std::set<std::string> concerned;
  const auto consider = [&](const std::string& table) {
    const auto r = rows_.find(rowid_of(names_, table));
    if (r == rows_.end() || r->second.type != "table" || !r->second.in_model) return;
    const auto object = model_.find({"table", r->second.name});
    if (object != model_.end() && !object->second.foreign_keys.empty()) concerned.insert(object->second.name);
  };
  std::set<std::string> touched = std::move(work.touched_tables);
  touched.insert(written_.begin(), written_.end());
  for (const auto& table : touched) {
    consider(table);
    for (const auto& child : graph_.children_of(table)) concerned.insert(child);
  }
  changes_.foreign_key_tables.assign(concerned.begin(), concerned.end());
  changes_.dangling_parent = graph_.has_dangling_parent();
}

detail::schema::canonical_schema schema_tracker::take_schema() {
  detail::schema::canonical_schema schema;
  schema.objects.reserve(model_.size());
  for (auto& [k, object] : model_) schema.objects.push_back(std::move(object));
  model_.clear();
  return schema;
}

}  // namespace embedded_migrations::generator
