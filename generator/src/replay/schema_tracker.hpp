// The replay database's schema, kept current after each migration by reading
// only the sqlite_master rows the migration changed, and what it changed: the
// one source the checks after a migration, the destructive-change report and
// the snapshot share, so that no check reads the whole schema per migration.
#pragma once

#include "replay/foreign_key_graph.hpp"
#include "replay/replay_check.hpp"

#include "detail/schema/canonical_schema.hpp"

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

struct sqlite3;

namespace embedded_migrations::generator {

// A view or trigger as sqlite_master stores it, and in which schema.
struct schema_row {
  std::string schema;  // "main" or "temp"
  std::string name;
  std::string table_name;
  std::string sql;
};

// What one migration changed.
struct schema_changes {
  // The tables of main the migration dropped, renamed, altered, rebuilt or
  // indexed anew, as they were before it, and the tables it created or
  // changed, as they are after it; each sorted by name, as
  // destructive_changes() compares them. Every other table is unchanged.
  detail::schema::canonical_schema tables_before;
  detail::schema::canonical_schema tables_after;
  // Views and triggers created or whose SQL changed, main's then temp's, each
  // in sqlite_master order.
  std::vector<schema_row> views;
  std::vector<schema_row> triggers;
  // The tables whose rows may now violate a foreign key: those the migration
  // wrote, created or changed that have foreign keys, and every table with a
  // foreign key to a table the migration wrote, created, changed or dropped.
  std::vector<std::string> foreign_key_tables;
  // A table has a foreign key to a table that does not exist.
  bool dangling_parent = false;
};

class schema_tracker final : public replay_check {
 public:
  explicit schema_tracker(std::string tracking_table);

  // Reads the schema `db` starts with. Throws migration_error when SQLite cannot.
  void start(sqlite3* db);
  // The migration rebuilt every b-tree (VACUUM): root pages and sqlite_master
  // rowids moved, so after() reads the whole schema again.
  void note_rebuilt() noexcept { rescan_ = true; }

  void before(std::size_t index, const loaded_migration& migration) override;
  void on_authorize(int action, const char* arg1, const char* arg2) override;
  void on_statement(sqlite3_stmt*, std::string_view) override {}
  // Reads what the migration changed; changes() then describes it. Throws
  // migration_error when SQLite cannot be read.
  void after(std::size_t index, const loaded_migration& migration) override;

  const schema_changes& changes() const noexcept { return changes_; }
  // The whole schema, as read_schema() would read it; the tracker is then spent.
  detail::schema::canonical_schema take_schema();

 private:
  using key = std::pair<std::string, std::string>;  // type, name: the model's order
  struct row {
    std::string type;
    std::string name;
    std::string table_name;
    std::int64_t root_page = 0;
    bool in_model = false;  // else SQLite's own, an automatic index or the tracking table's
  };
  struct read_row {
    std::int64_t rowid = 0;
    row fields;
    std::string sql;
    bool has_sql = false;
  };
  // One migration's changes, as they are found.
  struct pending {
    std::map<key, detail::schema::schema_object> tables_before;  // first version seen
    std::set<key> tables_after;                                 // created, changed or to read again
    std::set<std::string> marked;                               // folded names of tables whose indexes changed
    std::vector<std::pair<std::int64_t, schema_row>> views, triggers;  // main's, with their rowids
    std::vector<schema_row> temp_views, temp_triggers;
    std::set<std::string> touched_tables;                       // folded names, old and new
  };

  void rescan(pending& work);
  void incremental(pending& work);
  void place(std::int64_t rowid, const row& r);  // indexes a row, without noting a change
  void add(const read_row& read, pending& work);
  void remove(std::int64_t rowid, pending& work);
  void mark_table(const std::string& table, pending& work);
  void finish(pending& work);
  std::vector<read_row> read_rows(const char* sql, std::int64_t bound);
  std::int64_t rowid_of(const std::unordered_map<std::string, std::int64_t>& names, const std::string& name) const;
  void add_temp_objects(pending& work);

  sqlite3* db_ = nullptr;
  detail::schema::read_options filter_;
  std::map<std::int64_t, row> rows_;  // every row of main.sqlite_master, by rowid
  // Rowids by name folded to lower case: triggers have a namespace of their
  // own, tables, indexes and views share one.
  std::unordered_map<std::string, std::int64_t> names_;
  std::unordered_map<std::string, std::int64_t> trigger_names_;
  std::unordered_map<std::string, std::set<std::int64_t>> by_table_;  // rows by folded tbl_name
  std::map<key, detail::schema::schema_object> model_;
  foreign_key_graph graph_;

  // What the migration's statements announced while prepared.
  bool listening_ = false;
  bool rescan_ = false;
  bool temp_changed_ = false;
  bool dropped_ = false;
  std::vector<std::string> dropped_tables_;    // DROP TABLE, DROP VIEW: their rows and those on them
  std::vector<std::string> dropped_indexes_;
  std::vector<std::string> dropped_triggers_;
  std::set<std::string> written_;              // folded names of tables written (by triggers too)
  schema_changes changes_;
};

}  // namespace embedded_migrations::generator
