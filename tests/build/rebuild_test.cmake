# The build never misses a change: editing, adding and removing migrations in a
# built consumer regenerates the code, and the runtime sees the result.
include("${CMAKE_CURRENT_LIST_DIR}/helpers.cmake")

set(project "${WORK_DIR}/project")
set(build "${WORK_DIR}/build")
set(db "${WORK_DIR}/tool.db")
file(REMOVE_RECURSE "${WORK_DIR}")
file(COPY "${SOURCE_DIR}/" DESTINATION "${project}")
file(WRITE "${project}/migrations/001_create_notes.sql" "CREATE TABLE notes (body TEXT);\n")

configure_consumer("${project}" "${build}")
run_step("first build" COMMAND "${CMAKE_COMMAND}" --build "${build}")
run_step("first run" OUTPUT out COMMAND "${build}/tool" --db "${db}")
expect_match("${out}" "applied 001_create_notes.sql\nembedded 1, applied before 0")

run_step("build with nothing changed" OUTPUT out COMMAND "${CMAKE_COMMAND}" --build "${build}")
expect_no_match("${out}" "Embedding|Building")

# A file that is not a migration changes the directory's timestamp: the
# generator re-runs, finds its output unchanged and nothing is recompiled.
file(WRITE "${project}/migrations/README.md" "notes\n")
run_step("build after an unrelated file appeared" OUTPUT out COMMAND "${CMAKE_COMMAND}" --build "${build}")
expect_no_match("${out}" "Building CXX")

file(WRITE "${project}/migrations/002_add_tags.sql" "CREATE TABLE tags (name TEXT);\n")
run_step("build after adding a migration" OUTPUT out COMMAND "${CMAKE_COMMAND}" --build "${build}")
expect_match("${out}" "Embedding migrations")
run_step("run after adding" OUTPUT out COMMAND "${build}/tool" --db "${db}")
expect_match("${out}" "applied 002_add_tags.sql\nembedded 2, applied before 1")

file(WRITE "${project}/migrations/001_create_notes.sql" "CREATE TABLE notes (body TEXT, done INTEGER);\n")
run_step("build after editing an applied migration" COMMAND "${CMAKE_COMMAND}" --build "${build}")
run_step("run after editing" EXPECT_FAILURE OUTPUT out COMMAND "${build}/tool" --db "${db}")
expect_match("${out}" "error checksum_mismatch in 001_create_notes\\.sql: 001_create_notes\\.sql was changed after it was applied")

file(WRITE "${project}/migrations/001_create_notes.sql" "CREATE TABLE notes (body TEXT);\n")
file(REMOVE "${project}/migrations/002_add_tags.sql")
run_step("build after restoring one and removing another" COMMAND "${CMAKE_COMMAND}" --build "${build}")
run_step("run after removing" EXPECT_FAILURE OUTPUT out COMMAND "${build}/tool" --db "${db}")
expect_match("${out}" "error database_ahead in 002_add_tags\\.sql")

file(WRITE "${project}/migrations/003_broken.sql" "CREATE TABLE broken (x)\n")
run_step("build with a broken migration" EXPECT_FAILURE OUTPUT out COMMAND "${CMAKE_COMMAND}" --build "${build}")
expect_match("${out}" "migrations/003_broken\\.sql:1:24: error: the last statement is not terminated")
file(WRITE "${project}/migrations/003_broken.sql" "CREATE TABLE broken (x);\n")
run_step("build after fixing it" COMMAND "${CMAKE_COMMAND}" --build "${build}")
run_step("run with the fix" EXPECT_FAILURE OUTPUT out COMMAND "${build}/tool" --db "${db}")
expect_match("${out}" "embedded 2|database_ahead")
