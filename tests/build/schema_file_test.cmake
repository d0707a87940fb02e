# SCHEMA_FILE and DESTRUCTIVE in a real consumer build, on a copy of
# tests/schema-file-test: the committed snapshot builds; a migration that
# changes the schema fails the build with a diff; <target>_update_schema fixes
# it; an unacknowledged destructive migration fails under DESTRUCTIVE ERROR;
# the app logs the destructive event and verifies its schema. The update
# target replays as the build does (TABLE, FOREIGN_KEYS): a set that builds
# gets its snapshot rewritten.
include("${CMAKE_CURRENT_LIST_DIR}/helpers.cmake")

set(source "${BINARY_DIR}/src")
file(REMOVE "${BINARY_DIR}/app.db")
file(REMOVE_RECURSE "${source}")
file(COPY "${SOURCE_DIR}/" DESTINATION "${source}")
configure_consumer("${source}" "${BINARY_DIR}/build")
set(build "${BINARY_DIR}/build")

run_step("build with the committed snapshot" COMMAND "${CMAKE_COMMAND}" --build "${build}")
run_step("run" OUTPUT ran COMMAND "${build}/app" "${BINARY_DIR}/app.db")
expect_match("${ran}" "migration 2 drops column users.legacy_id\nschema verified\n")

file(WRITE "${source}/migrations/003_tags.sql" "CREATE TABLE tags (name TEXT PRIMARY KEY);\n")
run_step("build with a stale snapshot" EXPECT_FAILURE OUTPUT stale COMMAND "${CMAKE_COMMAND}" --build "${build}")
expect_match("${stale}" "schema.sql:1:1: error: the schema snapshot is out of date")
expect_match("${stale}" "\\+CREATE TABLE tags \\(name TEXT PRIMARY KEY\\);")
expect_match("${stale}" "-- version: 2\n\\+-- version: 3")
expect_match("${stale}" "cmake --build <build-dir> --target app_update_schema\\)")

run_step("update the snapshot" COMMAND "${CMAKE_COMMAND}" --build "${build}" --target app_update_schema)
file(READ "${source}/db/schema.sql" updated)
expect_match("${updated}" "\nCREATE TABLE tags \\(name TEXT PRIMARY KEY\\);\n")
run_step("build with the updated snapshot" COMMAND "${CMAKE_COMMAND}" --build "${build}")

file(WRITE "${source}/migrations/004_drop_tags.sql" "DROP TABLE tags;\n")
run_step("build an unacknowledged destructive migration" EXPECT_FAILURE OUTPUT refused
         COMMAND "${CMAKE_COMMAND}" --build "${build}")
expect_match("${refused}" "004_drop_tags.sql:1:1: error: drops table tags; destructive migrations must say why")

file(WRITE "${source}/replay-options/003_notes.sql" "CREATE TABLE notes (body TEXT);\n")
run_step("build the tool with a stale snapshot" EXPECT_FAILURE OUTPUT stale_tool
         COMMAND "${CMAKE_COMMAND}" --build "${build}" --target tool)
expect_match("${stale_tool}" "replay-options-schema.sql:1:1: error: the schema snapshot is out of date")
run_step("update the tool's snapshot, replayed with its TABLE and FOREIGN_KEYS"
         COMMAND "${CMAKE_COMMAND}" --build "${build}" --target tool_update_schema)
file(READ "${source}/db/replay-options-schema.sql" updated_tool)
expect_match("${updated_tool}" "\nCREATE TABLE notes \\(body TEXT\\);\n")
run_step("build the tool with its updated snapshot" COMMAND "${CMAKE_COMMAND}" --build "${build}" --target tool)
