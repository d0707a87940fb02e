// The schema of a database as one sorted model: what migrations produce, read
// the same way at build time (the snapshot) and at run time (verify_schema).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

struct sqlite3;

namespace embedded_migrations::detail::schema {

// One column, as pragma_table_xinfo reports it.
struct column {
  std::string name;
  std::string type;  // the declared type as written ("" when none)
  bool not_null = false;
  std::optional<std::string> default_value;
  int primary_key = 0;  // 1-based position in the primary key; 0 when not part of it
  int hidden = 0;       // 0 normal, 1 virtual-table hidden, 2 and 3 generated columns
};

// One index on a table, from pragma_index_list and pragma_index_xinfo.
struct index {
  std::string name;
  bool unique = false;
  std::string origin;  // "c" CREATE INDEX, "u" UNIQUE constraint, "pk" PRIMARY KEY
  bool partial = false;
  std::vector<std::string> columns;  // key columns in order; "<expr>" for an expression
};

// One foreign-key column pair, from pragma_foreign_key_list.
struct foreign_key {
  int id = 0;
  std::string parent_table;
  std::string from;
  std::string to;  // empty when the parent's primary key is implied
  std::string on_update;
  std::string on_delete;
};

// A table, index, view or trigger. Every kind carries its SQL exactly as
// sqlite_schema stores it; tables also carry their PRAGMA model, which is what
// the destructive-change report reads. Views and triggers have no PRAGMA.
struct schema_object {
  std::string type;        // "index", "table", "trigger", "view"
  std::string name;
  std::string table_name;  // sqlite_schema.tbl_name: the table an index or trigger belongs to
  std::string sql;
  // The b-tree the object lives in. Not part of the text: ALTER TABLE RENAME
  // keeps it while a rebuild (create, copy, drop, rename) allocates a new one,
  // which tells the two apart when comparing schemas on one connection.
  std::int64_t root_page = 0;
  std::vector<column> columns;            // tables only
  std::vector<index> indexes;             // tables only, by name
  std::vector<foreign_key> foreign_keys;  // tables only, by id and then column
};

struct canonical_schema {
  std::vector<schema_object> objects;  // by type, then name (byte order)

  const schema_object* find(const std::string& type, const std::string& name) const;
};

struct read_options {
  // Our tracking table: bookkeeping, not schema.
  std::string tracking_table = "migrations";
  // Other tools' bookkeeping to leave out, by name; indexes and triggers on
  // these tables go with them.
  std::vector<std::string> excluded;
  // The same connection's schema read earlier: a table whose SQL, b-tree and
  // indexes are unchanged since then keeps its PRAGMA model from there, so
  // reading the schema after every migration costs one query for what did not
  // change, not several per table.
  const canonical_schema* previous = nullptr;
};

// Reads the main database's schema, leaving out the tracking table, SQLite's
// own objects (sqlite_%) and `excluded`. Only reads. Throws migration_error
// (sqlite_error, or what the SQLite failure classifies as) when it cannot.
canonical_schema read_schema(sqlite3* db, const read_options& options = {});

// The parts read_schema() is made of, for a caller that keeps a schema up to
// date itself (the build's replay reads only what each migration changed).
// Whether a sqlite_master row of that name, table name and SQL belongs in
// the model: not SQLite's own (sqlite_%), not an automatic index (no SQL),
// not the tracking table's nor an excluded table's.
bool in_schema(const std::string& name, const std::string& table_name, bool has_sql, const read_options& options);
// Whether the object is a virtual table, from its SQL: its columns come from
// its module, and its module keeps tables of its own.
bool is_virtual_table(const schema_object& object);
// Fills a table's PRAGMA model (columns, indexes, foreign keys) from `db`,
// unless it is a virtual table, whose module may not be loaded here (its SQL
// states its columns anyway). Throws migration_error as read_schema() does.
void read_table_model(sqlite3* db, schema_object& table);

}  // namespace embedded_migrations::detail::schema
