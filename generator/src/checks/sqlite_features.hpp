// THE feature table: every SQL-visible SQLite feature a migration may use that
// an older SQLite lacks, the release that added it and how the build detects
// it. Facts about SQLite versions live here and nowhere else.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <variant>

namespace embedded_migrations::generator {

// How a use is detected. SQLite's authorizer answers wherever it can (it is
// called while the replay prepares each statement, on the replay's own
// connection); the token rules are the fallback for syntax SQLite reports no
// action for.
enum class detection {
  function,               // SQLITE_FUNCTION, arg2 one of `names` (also `->`: SQLite reports operators as functions)
  table_valued_function,  // SQLITE_READ, arg1 one of `names` (an eponymous virtual table such as json_each)
  pragma,                 // SQLITE_PRAGMA, arg1 one of `names`
  syntax,                 // a token rule (checks/syntax_rules.hpp), `rule`
};

// Token rules, each described where it is matched (checks/syntax_rules.cpp).
enum class syntax_rule {
  none,
  upsert,             // INSERT ... ON CONFLICT ... DO NOTHING | DO UPDATE
  window_over,        // f(...) OVER ..., WINDOW w AS (...)
  rename_column,      // ALTER TABLE t RENAME [COLUMN] a TO b
  nulls_order,        // ORDER BY x NULLS FIRST | NULLS LAST
  aggregate_filter,   // f(...) FILTER (WHERE ...)
  generated_column,   // GENERATED ALWAYS AS (...), or the short form c AS (...)
  update_from,        // UPDATE t SET ... FROM ...
  drop_column,        // ALTER TABLE t DROP [COLUMN] c
  returning,          // INSERT/UPDATE/DELETE ... RETURNING (a statement that writes and returns rows)
  materialized_hint,  // WITH c AS [NOT] MATERIALIZED (...)
  strict_table,       // CREATE TABLE t (...) STRICT
  distinct_from,      // a IS [NOT] DISTINCT FROM b
  right_full_join,    // RIGHT [OUTER] JOIN, FULL [OUTER] JOIN
};

struct sqlite_feature {
  std::string_view name;  // as shown to users: "DROP COLUMN"
  int version;            // the first release with it, as sqlite3_libversion_number() counts: 3035000
  detection detected_by;
  std::string_view names;    // for function, table_valued_function and pragma: the names, comma-separated
  syntax_rule rule;          // for syntax
  std::string_view instead;  // how to write it for an older SQLite
  std::string_view release_notes;
};

// Sorted by version (checked below). Each row cites the release-log entry that
// announces the feature.
inline constexpr std::array sqlite_features{
    sqlite_feature{"upsert (ON CONFLICT ... DO)", 3024000, detection::syntax, "", syntax_rule::upsert,
                   "INSERT OR IGNORE / INSERT OR REPLACE, or an UPDATE followed by an INSERT ... WHERE NOT EXISTS",
                   "https://sqlite.org/releaselog/3_24_0.html"},
    sqlite_feature{"a window (OVER)", 3025000, detection::syntax, "", syntax_rule::window_over, "a correlated subquery",
                   "https://sqlite.org/releaselog/3_25_0.html"},
    sqlite_feature{"a window function", 3025000, detection::function,
                   "row_number,rank,dense_rank,percent_rank,cume_dist,ntile,lag,lead,first_value,last_value,nth_value",
                   syntax_rule::none, "a correlated subquery", "https://sqlite.org/releaselog/3_25_0.html"},
    sqlite_feature{"RENAME COLUMN", 3025000, detection::syntax, "", syntax_rule::rename_column,
                   "the 12-step table rebuild (https://sqlite.org/lang_altertable.html#otheralter)",
                   "https://sqlite.org/releaselog/3_25_0.html"},
    sqlite_feature{"NULLS FIRST/LAST", 3030000, detection::syntax, "", syntax_rule::nulls_order,
                   "ORDER BY x IS NULL, x (or x IS NOT NULL, x)", "https://sqlite.org/releaselog/3_30_0.html"},
    sqlite_feature{"FILTER on an aggregate", 3030000, detection::syntax, "", syntax_rule::aggregate_filter,
                   "a CASE expression inside the aggregate", "https://sqlite.org/releaselog/3_30_0.html"},
    sqlite_feature{"a generated column", 3031000, detection::syntax, "", syntax_rule::generated_column,
                   "a view, or triggers that keep a plain column up to date",
                   "https://sqlite.org/releaselog/3_31_0.html"},
    sqlite_feature{"iif()", 3032000, detection::function, "iif", syntax_rule::none,
                   "CASE WHEN ... THEN ... ELSE ... END", "https://sqlite.org/releaselog/3_32_0.html"},
    sqlite_feature{"UPDATE ... FROM", 3033000, detection::syntax, "", syntax_rule::update_from,
                   "a correlated subquery in SET and WHERE", "https://sqlite.org/releaselog/3_33_0.html"},
    sqlite_feature{
        "a math function", 3035000, detection::function,
        "acos,acosh,asin,asinh,atan,atan2,atanh,ceil,ceiling,cos,cosh,degrees,exp,floor,ln,log,log2,log10,mod,"
        "pi,pow,power,radians,sin,sinh,sqrt,tan,tanh,trunc",
        syntax_rule::none, "arithmetic with CAST and ROUND, or an application-defined function (--function)",
        "https://sqlite.org/releaselog/3_35_0.html"},
    sqlite_feature{"DROP COLUMN", 3035000, detection::syntax, "", syntax_rule::drop_column,
                   "the 12-step table rebuild (https://sqlite.org/lang_altertable.html#otheralter)",
                   "https://sqlite.org/releaselog/3_35_0.html"},
    sqlite_feature{"RETURNING", 3035000, detection::syntax, "", syntax_rule::returning,
                   "a separate SELECT after the statement", "https://sqlite.org/releaselog/3_35_0.html"},
    sqlite_feature{"a MATERIALIZED hint", 3035000, detection::syntax, "", syntax_rule::materialized_hint,
                   "the CTE without the hint", "https://sqlite.org/releaselog/3_35_0.html"},
    sqlite_feature{"a STRICT table", 3037000, detection::syntax, "", syntax_rule::strict_table,
                   "CHECK (typeof(c) = '...') constraints", "https://sqlite.org/releaselog/3_37_0.html"},
    sqlite_feature{"PRAGMA table_list", 3037000, detection::pragma, "table_list", syntax_rule::none,
                   "sqlite_schema (sqlite_master)", "https://sqlite.org/releaselog/3_37_0.html"},
    sqlite_feature{"the -> or ->> operator", 3038000, detection::function, "->,->>", syntax_rule::none,
                   "json_extract()", "https://sqlite.org/releaselog/3_38_0.html"},
    // Before 3.38.0 JSON was the JSON1 extension, present only where the
    // SQLite build enabled it; 3.38.0 made it built in.
    sqlite_feature{"a built-in JSON function", 3038000, detection::function,
                   "json,json_array,json_array_length,json_extract,json_insert,json_object,json_patch,json_remove,"
                   "json_replace,json_set,json_type,json_valid,json_quote,json_group_array,json_group_object",
                   syntax_rule::none, "a MIN_SQLITE_VERSION whose users' SQLite enables JSON1",
                   "https://sqlite.org/releaselog/3_38_0.html"},
    sqlite_feature{"a built-in json_each() or json_tree()", 3038000, detection::table_valued_function,
                   "json_each,json_tree", syntax_rule::none, "a MIN_SQLITE_VERSION whose users' SQLite enables JSON1",
                   "https://sqlite.org/releaselog/3_38_0.html"},
    sqlite_feature{"unixepoch()", 3038000, detection::function, "unixepoch", syntax_rule::none,
                   "CAST(strftime('%s', ...) AS INTEGER)", "https://sqlite.org/releaselog/3_38_0.html"},
    sqlite_feature{"format()", 3038000, detection::function, "format", syntax_rule::none, "printf()",
                   "https://sqlite.org/releaselog/3_38_0.html"},
    sqlite_feature{"IS [NOT] DISTINCT FROM", 3039000, detection::syntax, "", syntax_rule::distinct_from, "IS NOT / IS",
                   "https://sqlite.org/releaselog/3_39_0.html"},
    sqlite_feature{"RIGHT or FULL OUTER JOIN", 3039000, detection::syntax, "", syntax_rule::right_full_join,
                   "a LEFT JOIN with the tables swapped (and a UNION for FULL)",
                   "https://sqlite.org/releaselog/3_39_0.html"},
    sqlite_feature{"unhex()", 3041000, detection::function, "unhex", syntax_rule::none, "a blob literal X'...'",
                   "https://sqlite.org/releaselog/3_41_0.html"},
    sqlite_feature{"octet_length() or timediff()", 3043000, detection::function, "octet_length,timediff",
                   syntax_rule::none, "length(CAST(x AS BLOB)); julianday() arithmetic",
                   "https://sqlite.org/releaselog/3_43_0.html"},
    sqlite_feature{"concat() or concat_ws()", 3044000, detection::function, "concat,concat_ws", syntax_rule::none,
                   "the || operator", "https://sqlite.org/releaselog/3_44_0.html"},
    sqlite_feature{"string_agg()", 3044000, detection::function, "string_agg", syntax_rule::none, "group_concat()",
                   "https://sqlite.org/releaselog/3_44_0.html"},
};

constexpr bool sorted_by_version() {
  for (std::size_t i = 1; i < sqlite_features.size(); ++i) {
    if (sqlite_features[i - 1].version > sqlite_features[i].version) return false;
  }
  return true;
}
static_assert(sorted_by_version(), "sqlite_features must stay sorted by version");

// True when `name` (any letter case) is one of the comma-separated `names`.
bool names_contain(std::string_view names, std::string_view name);

// The feature an authorizer report stands for, or nullptr: `action` is
// SQLITE_FUNCTION (name = arg2), SQLITE_READ or SQLITE_PRAGMA (name = arg1).
const sqlite_feature* feature_for_action(int action, std::string_view name);

// The row detected by a token rule.
const sqlite_feature* feature_for_rule(syntax_rule rule);

// "3.35.0" for 3035000.
std::string version_text(int version);

// "3.31.0" or "3.31" to 3031000; a message saying what is wrong otherwise.
std::variant<int, std::string> parse_sqlite_version(std::string_view text);

}  // namespace embedded_migrations::generator
