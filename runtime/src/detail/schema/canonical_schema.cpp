#include "canonical_schema.hpp"

#include "../failure.hpp"
#include "../sqlite_handles.hpp"

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <tuple>

namespace embedded_migrations::detail::schema {
namespace {

// SQLite compares identifiers case-insensitively for ASCII letters only.
std::string folded(const std::string& name) {
  std::string result(name);
  for (auto& c : result) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return result;
}

bool same_name(const std::string& a, const std::string& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::string text_of(sqlite3_stmt* statement, int column) {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, column));
  return text ? std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(statement, column))) : std::string();
}

// Runs `sql` with `name` bound to ?1 and hands each row to `row`.
void query(sqlite3* db, const char* sql, const std::string& name, const std::function<void(sqlite3_stmt*)>& row) {
  statement_ptr statement;
  if (prepare(db, sql, statement) != SQLITE_OK) {
    throw_sqlite_error(db, error_code::sqlite_error, "reading the schema failed");
  }
  if (!name.empty()) sqlite3_bind_text(statement.get(), 1, name.c_str(), static_cast<int>(name.size()), SQLITE_TRANSIENT);
  int rc;
  while ((rc = sqlite3_step(statement.get())) == SQLITE_ROW) row(statement.get());
  if (rc != SQLITE_DONE) throw_sqlite_error(db, error_code::sqlite_error, "reading the schema failed");
}

void fill_table_model(sqlite3* db, schema_object& table) {
  query(db, "SELECT name, type, \"notnull\", dflt_value, pk, hidden FROM pragma_table_xinfo(?1, 'main') ORDER BY cid",
        table.name, [&](sqlite3_stmt* s) {
          column c;
          c.name = text_of(s, 0);
          c.type = text_of(s, 1);
          c.not_null = sqlite3_column_int(s, 2) != 0;
          if (sqlite3_column_type(s, 3) != SQLITE_NULL) c.default_value = text_of(s, 3);
          c.primary_key = sqlite3_column_int(s, 4);
          c.hidden = sqlite3_column_int(s, 5);
          table.columns.push_back(std::move(c));
        });
  query(db, "SELECT name, \"unique\", origin, partial FROM pragma_index_list(?1, 'main') ORDER BY name", table.name,
        [&](sqlite3_stmt* s) {
          index i;
          i.name = text_of(s, 0);
          i.unique = sqlite3_column_int(s, 1) != 0;
          i.origin = text_of(s, 2);
          i.partial = sqlite3_column_int(s, 3) != 0;
          table.indexes.push_back(std::move(i));
        });
  for (auto& i : table.indexes) {
    query(db, "SELECT name, cid FROM pragma_index_xinfo(?1, 'main') WHERE key = 1 ORDER BY seqno", i.name,
          [&](sqlite3_stmt* s) {
            // cid -2 is an expression, -1 the rowid.
            const int cid = sqlite3_column_int(s, 1);
            i.columns.push_back(cid == -2 ? "<expr>" : cid == -1 ? "rowid" : text_of(s, 0));
          });
  }
  query(db,
        "SELECT id, \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list(?1, 'main') "
        "ORDER BY id, seq",
        table.name, [&](sqlite3_stmt* s) {
          foreign_key k;
          k.id = sqlite3_column_int(s, 0);
          k.parent_table = text_of(s, 1);
          k.from = text_of(s, 2);
          k.to = text_of(s, 3);
          k.on_update = text_of(s, 4);
          k.on_delete = text_of(s, 5);
          table.foreign_keys.push_back(std::move(k));
        });
}

}  // namespace

const schema_object* canonical_schema::find(const std::string& type, const std::string& name) const {
  // Objects are sorted by type and name: an exact match is found in log time;
  // SQLite's names match case-insensitively, which only a scan can tell.
  const auto exact = std::lower_bound(objects.begin(), objects.end(), std::tie(type, name),
                                      [](const schema_object& o, const std::tuple<const std::string&, const std::string&>& key) {
                                        return std::tie(o.type, o.name) < key;
                                      });
  if (exact != objects.end() && exact->type == type && exact->name == name) return &*exact;
  for (const auto& object : objects) {
    if (object.type == type && same_name(object.name, name)) return &object;
  }
  return nullptr;
}

canonical_schema read_schema(sqlite3* db, const read_options& options) {
  canonical_schema schema;
  // sqlite_master rather than its 3.33 alias sqlite_schema, for older libraries.
  // Automatic indexes (sqlite_autoindex_*) have no SQL and belong to their
  // table's constraints, which the table's SQL already states.
  query(db,
        "SELECT type, name, tbl_name, sql, rootpage FROM main.sqlite_master "
        "WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND sql IS NOT NULL ORDER BY type, name",
        {}, [&](sqlite3_stmt* s) {
          schema_object object;
          object.type = text_of(s, 0);
          object.name = text_of(s, 1);
          object.table_name = text_of(s, 2);
          object.sql = text_of(s, 3);
          object.root_page = sqlite3_column_int64(s, 4);
          if (!in_schema(object.name, object.table_name, true, options)) return;
          schema.objects.push_back(std::move(object));
        });
  // SQLite's BINARY collation orders bytes as std::string does; sorting here
  // only matters for a library built with another default.
  const auto by_type_and_name = [](const schema_object& a, const schema_object& b) {
    return std::tie(a.type, a.name) < std::tie(b.type, b.name);
  };
  if (!std::is_sorted(schema.objects.begin(), schema.objects.end(), by_type_and_name)) {
    std::sort(schema.objects.begin(), schema.objects.end(), by_type_and_name);
  }
  // A virtual table's columns come from its module, which may not be loaded
  // on this connection; its SQL states them anyway.
  // Each table's explicit indexes (name and SQL), keyed by the table's name
  // folded to lower case as SQLite compares names.
  using index_list = std::vector<std::pair<std::string, std::string>>;
  const auto indexes_by_table = [](const canonical_schema& s) {
    std::map<std::string, index_list> found;
    for (const auto& o : s.objects) {
      if (o.type == "index") found[folded(o.table_name)].emplace_back(o.name, o.sql);
    }
    return found;
  };
  const auto current_indexes = indexes_by_table(schema);
  const auto previous_indexes = options.previous ? indexes_by_table(*options.previous) : decltype(current_indexes)();
  const auto indexes_of = [](const std::map<std::string, index_list>& all, const std::string& table) {
    const auto found = all.find(folded(table));
    return found == all.end() ? index_list() : found->second;
  };
  for (auto& object : schema.objects) {
    if (object.type != "table" || is_virtual_table(object)) continue;
    const auto* earlier = options.previous ? options.previous->find("table", object.name) : nullptr;
    if (earlier && earlier->sql == object.sql && earlier->root_page == object.root_page &&
        indexes_of(previous_indexes, object.name) == indexes_of(current_indexes, object.name)) {
      object.columns = earlier->columns;
      object.indexes = earlier->indexes;
      object.foreign_keys = earlier->foreign_keys;
      continue;
    }
    fill_table_model(db, object);
  }
  return schema;
}

bool in_schema(const std::string& name, const std::string& table_name, bool has_sql, const read_options& options) {
  // As the query above filters: name NOT LIKE 'sqlite\_%' (LIKE ignores ASCII case).
  constexpr std::string_view own = "sqlite_";
  if (!has_sql || (name.size() >= own.size() && same_name(name.substr(0, own.size()), std::string(own)))) return false;
  const auto excluded = [&](const std::string& n) {
    if (same_name(n, options.tracking_table)) return true;
    return std::any_of(options.excluded.begin(), options.excluded.end(),
                       [&](const std::string& other) { return same_name(n, other); });
  };
  return !excluded(name) && !excluded(table_name);
}

bool is_virtual_table(const schema_object& object) {
  constexpr std::string_view prefix = "CREATE VIRTUAL TABLE";
  return object.sql.size() >= prefix.size() && same_name(object.sql.substr(0, prefix.size()), std::string(prefix));
}

void read_table_model(sqlite3* db, schema_object& table) {
  if (table.type == "table" && !is_virtual_table(table)) fill_table_model(db, table);
}

}  // namespace embedded_migrations::detail::schema
