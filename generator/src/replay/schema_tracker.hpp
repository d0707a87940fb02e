// What each migration of the replay changed in the schema, found by reading
// only the sqlite_master rows it created (a rowid range) or dropped (named by
// the authorizer): the one source the checks after a migration and the
// destructive-change report share, so that no check reads the whole schema
// after every migration.
#pragma once

#include "replay/foreign_key_graph.hpp"
#include "replay/master_rows.hpp"
#include "replay/replay_check.hpp"

#include "detail/schema/canonical_schema.hpp"

#include <cstdint>
#include <map>
#include <memory_resource>
#include <set>
#include <string>
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
  // The tables of main the migration dropped or altered (or whose b-tree
  // moved), as they were before it, and every table it created or changed, as
  // it is after it: destructive_changes() of the two finds what it would find
  // comparing the whole schema before and after the migration.
  detail::schema::canonical_schema tables_before;
  detail::schema::canonical_schema tables_after;
  // Views and triggers created or whose SQL changed, main's then temp's, each
  // in sqlite_master order.
  std::vector<schema_row> views;
  std::vector<schema_row> triggers;
  // The tables whose rows may now violate a foreign key: those the migration
  // wrote, created or changed that have foreign keys, and every table with a
  // foreign key to a table the migration wrote, created, changed, indexed anew
  // or dropped.
  std::vector<std::string> foreign_key_tables;
  // A table has a foreign key to a table that does not exist.
  bool dangling_parent = false;
};

class schema_tracker final : public replay_check {
 public:
  explicit schema_tracker(std::string tracking_table);

  // Reads the rows `db` starts with. Throws migration_error when SQLite cannot.
  void start(sqlite3* db);
  // The migration rebuilt every b-tree (VACUUM): root pages and sqlite_master
  // rowids moved, so after() reads the whole schema again.
  void note_rebuilt() noexcept { rescan_ = true; }
  // Called once a statement of the migration compiled, before it runs, when
  // no migration SQL is being prepared: reads the tables it drops or alters,
  // as they are before the migration, for the destructive-change report.
  void before_statement_runs();

  void before(std::size_t index, const loaded_migration& migration) override;
  void on_authorize(int action, const char* arg1, const char* arg2) override;
  void on_statement(sqlite3_stmt*, std::string_view) override {}
  // Reads what the migration changed; changes() then describes it. Throws
  // migration_error when SQLite cannot be read.
  void after(std::size_t index, const loaded_migration& migration) override;

  const schema_changes& changes() const noexcept { return changes_; }

 private:
  using row = master_rows::row;
  using kind = master_rows::kind;
  struct read_row {
    std::int64_t rowid = 0;
    std::string type, name, table_name, sql;
    std::int64_t root_page = 0;
    bool has_sql = false;
  };
  // One migration's changes, as they are found.
  struct pending {
    std::map<std::string, row> gone_tables;  // tables as the migration found them whose row went or changed, folded
    std::set<std::string> changed_tables;    // tables created or changed, by name
    std::set<std::string> touched;           // folded names the foreign-key check concerns
    std::vector<std::pair<std::int64_t, schema_row>> views, triggers;  // main's, with their rowids
  };

  void rescan(pending& work);
  void incremental(pending& work);
  void add(const read_row& read, pending& work);
  void remove(std::int64_t rowid, pending& work);
  void gone(const row& old, pending& work);
  void finish(pending& work);
  void compare_tables(pending& work);
  void add_temp_objects();
  row row_of(const read_row& read) const;
  std::vector<read_row> read_rows(const char* sql, std::int64_t bound);
  // The table of that name as it is now, with its PRAGMA model; no name when there is none.
  detail::schema::schema_object current_table(const std::string& name);

  sqlite3* db_ = nullptr;
  detail::schema::read_options filter_;
  // What outlives a migration lives in memory of its own: interleaved with
  // the schema objects SQLite allocates for each new table, a few KiB of ours
  // per migration made SQLite's own walks over all its tables (which every
  // CREATE makes) a third slower at 6,000 tables.
  std::pmr::monotonic_buffer_resource arena_{std::size_t{1} << 20};
  std::pmr::unsynchronized_pool_resource memory_{&arena_};
  master_rows rows_{&memory_};  // every row of main.sqlite_master
  foreign_key_graph graph_{&memory_};

  // What the migration's statements announced while prepared.
  bool listening_ = false;
  bool rescan_ = false;
  bool temp_changed_ = false;
  bool dropped_ = false;
  bool capture_all_ = false;                 // a virtual table's module is about to drop or rename its tables
  std::vector<std::string> dropped_tables_;  // DROP TABLE, DROP VIEW: their rows and those on them
  std::vector<std::string> dropped_indexes_;
  std::vector<std::string> dropped_triggers_;
  std::vector<std::string> to_capture_;      // tables the statement being prepared drops or alters
  std::map<std::string, detail::schema::schema_object> captured_;  // pre-migration tables, by folded name
  std::set<std::string> written_;            // folded names of tables written (by triggers too)
  schema_changes changes_;
};

}  // namespace embedded_migrations::generator
