// The SQLite C functions our code calls, each with the release that
// introduced it. The runtime library must link against every SQLite from
// runtime_sqlite_floor on: sqlite-api-test lists the runtime's undefined
// sqlite3_* symbols with nm and looks each up here, so a new call that would
// raise the floor fails the tests until it is added here, with its source.
#pragma once

#include <string_view>

namespace embedded_migrations::generator::checks {

// 3.26.0 (2018-12-01) is what RHEL 8 ships; Debian 11 and RHEL 9 ship 3.34.1,
// Ubuntu 22.04 3.37.2. Stated as find_package(SQLite3 3.26) in CMakeLists.txt
// and in the README; sqlite-api-test checks that all three agree.
constexpr int runtime_sqlite_floor = 3026000;

struct sqlite_api_function {
  std::string_view name;
  int version;  // as sqlite3_libversion_number() writes it: 3038000 for 3.38.0
  std::string_view source;
};

// Sorted by version. "by 3.6.0": part of the C API in the oldest release log
// consulted (3.6.0, 2008-07-16); the exact older release does not matter for
// a floor of 3.26.0. Release logs: https://sqlite.org/releaselog/<x_y_z>.html
constexpr sqlite_api_function sqlite_api_functions[] = {
    {"sqlite3_db_handle", 3002002, "3.2.2: Added the sqlite3_db_handle() API"},
    {"sqlite3_get_autocommit", 3002002, "3.2.2: Added the sqlite3_get_autocommit() API"},
    {"sqlite3_prepare_v2", 3003009, "3.3.9: the sqlite3_prepare_v2() API"},
    {"sqlite3_bind_int64", 3006000, "by 3.6.0"},
    {"sqlite3_bind_text", 3006000, "by 3.6.0"},
    {"sqlite3_busy_handler", 3006000, "by 3.6.0"},
    {"sqlite3_busy_timeout", 3006000, "by 3.6.0"},
    {"sqlite3_changes", 3006000, "by 3.6.0"},
    {"sqlite3_close", 3006000, "by 3.6.0"},
    {"sqlite3_column_blob", 3006000, "by 3.6.0"},
    {"sqlite3_column_bytes", 3006000, "by 3.6.0"},
    {"sqlite3_column_count", 3006000, "by 3.6.0"},
    {"sqlite3_column_decltype", 3006000, "by 3.6.0"},
    {"sqlite3_column_double", 3006000, "by 3.6.0"},
    {"sqlite3_column_int", 3006000, "by 3.6.0"},
    {"sqlite3_column_int64", 3006000, "by 3.6.0"},
    {"sqlite3_column_name", 3006000, "by 3.6.0"},
    {"sqlite3_column_text", 3006000, "by 3.6.0"},
    {"sqlite3_column_type", 3006000, "by 3.6.0"},
    {"sqlite3_complete", 3006000, "by 3.6.0"},
    {"sqlite3_data_count", 3006000, "by 3.6.0"},
    {"sqlite3_errcode", 3006000, "by 3.6.0"},
    {"sqlite3_errmsg", 3006000, "by 3.6.0"},
    {"sqlite3_exec", 3006000, "by 3.6.0"},
    {"sqlite3_file_control", 3006000, "by 3.6.0"},
    {"sqlite3_finalize", 3006000, "by 3.6.0"},
    {"sqlite3_free", 3006000, "by 3.6.0"},
    {"sqlite3_interrupt", 3006000, "by 3.6.0"},
    {"sqlite3_libversion_number", 3006000, "by 3.6.0"},
    {"sqlite3_next_stmt", 3006000, "3.6.0: Added the sqlite3_next_stmt() interface"},
    {"sqlite3_open_v2", 3006000, "by 3.6.0"},
    {"sqlite3_reset", 3006000, "by 3.6.0"},
    {"sqlite3_sleep", 3006000, "by 3.6.0"},
    {"sqlite3_sql", 3006000, "by 3.6.0"},
    {"sqlite3_step", 3006000, "by 3.6.0"},
    {"sqlite3_total_changes", 3006000, "by 3.6.0"},
    // Its SQLITE_DBSTATUS_DEFERRED_FKS verb came later, yet long before the
    // floor; a library that refused the verb would read as "no violation".
    {"sqlite3_db_status", 3006001, "3.6.1: the sqlite3_db_status() interface"},
    {"sqlite3_extended_errcode", 3006005, "3.6.5: Add the sqlite3_extended_errcode() interface"},
    {"sqlite3_backup_finish", 3006011, "3.6.11: the online-backup interface"},
    {"sqlite3_backup_init", 3006011, "3.6.11: the online-backup interface"},
    {"sqlite3_backup_pagecount", 3006011, "3.6.11: the online-backup interface"},
    {"sqlite3_backup_remaining", 3006011, "3.6.11: the online-backup interface"},
    {"sqlite3_backup_step", 3006011, "3.6.11: the online-backup interface"},
    {"sqlite3_strnicmp", 3006017, "3.6.17: Expose the sqlite3_strnicmp() interface"},
    {"sqlite3_compileoption_used", 3006023, "3.6.23: Added the sqlite3_compileoption_used() interface"},
    {"sqlite3_stmt_readonly", 3007004, "3.7.4: Added the sqlite3_stmt_readonly() interface"},
    {"sqlite3_db_filename", 3007010, "3.7.10: Added the sqlite3_db_filename() interface"},
    {"sqlite3_stmt_busy", 3007010, "3.7.10: Added the sqlite3_stmt_busy() interface"},
    {"sqlite3_db_readonly", 3007011, "3.7.11: Added the sqlite3_db_readonly() interface"},
    {"sqlite3_stricmp", 3007011, "3.7.11: Added the sqlite3_stricmp() interface"},
    {"sqlite3_close_v2", 3007014, "3.7.14: Added the sqlite3_close_v2() interface"},
    {"sqlite3_errstr", 3007015, "3.7.15: Added the sqlite3_errstr() interface"},
    {"sqlite3_changes64", 3037000, "3.37.0: Added the sqlite3_changes64() and sqlite3_total_changes64() interfaces"},
    {"sqlite3_total_changes64", 3037000,
     "3.37.0: Added the sqlite3_changes64() and sqlite3_total_changes64() interfaces"},
    {"sqlite3_error_offset", 3038000, "3.38.0: Added the sqlite3_error_offset() interface"},
};

}  // namespace embedded_migrations::generator::checks
