# The build never misses a change: editing, adding and removing migrations in a
# built consumer regenerates the code, and the runtime sees the result. The
# consumer is copied to a scratch directory outside this repository, removed
# when the test passes.
include("${CMAKE_CURRENT_LIST_DIR}/helpers.cmake")

make_scratch_directory(WORK_DIR rebuild)

set(project "${WORK_DIR}/project")
set(build "${WORK_DIR}/build")
set(db "${WORK_DIR}/tool.db")
# Edits a migration the way a person would: not within the same file-system
# clock tick (a few ms) as the end of the previous build, which no timestamp-
# based build tool, Ninja and Make included, can tell apart.
function(edit_file path)
  execute_process(COMMAND "${CMAKE_COMMAND}" -E sleep 0.05)
  if(ARGC EQUAL 1)
    file(REMOVE "${path}")
  else()
    file(WRITE "${path}" "${ARGV1}")
  endif()
endfunction()

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
edit_file("${project}/migrations/README.md" "notes\n")
run_step("build after an unrelated file appeared" OUTPUT out COMMAND "${CMAKE_COMMAND}" --build "${build}")
expect_no_match("${out}" "Building CXX")

edit_file("${project}/migrations/002_add_tags.sql" "CREATE TABLE tags (name TEXT);\n")
run_step("build after adding a migration" OUTPUT out COMMAND "${CMAKE_COMMAND}" --build "${build}")
expect_match("${out}" "Embedding migrations")
run_step("run after adding" OUTPUT out COMMAND "${build}/tool" --db "${db}")
expect_match("${out}" "applied 002_add_tags.sql\nembedded 2, applied before 1")

edit_file("${project}/migrations/001_create_notes.sql" "CREATE TABLE notes (body TEXT, done INTEGER);\n")
run_step("build after editing an applied migration" COMMAND "${CMAKE_COMMAND}" --build "${build}")
run_step("run after editing" EXPECT_FAILURE OUTPUT out COMMAND "${build}/tool" --db "${db}")
expect_match("${out}" "error checksum_mismatch in 001_create_notes\\.sql: 001_create_notes\\.sql was changed after it was applied")

edit_file("${project}/migrations/001_create_notes.sql" "CREATE TABLE notes (body TEXT);\n")
edit_file("${project}/migrations/002_add_tags.sql")
run_step("build after restoring one and removing another" COMMAND "${CMAKE_COMMAND}" --build "${build}")
run_step("run after removing" EXPECT_FAILURE OUTPUT out COMMAND "${build}/tool" --db "${db}")
expect_match("${out}" "error database_ahead in 002_add_tags\\.sql")

edit_file("${project}/migrations/003_broken.sql" "CREATE TABLE broken (x '\n")
run_step("build with a broken migration" EXPECT_FAILURE OUTPUT out COMMAND "${CMAKE_COMMAND}" --build "${build}")
expect_match("${out}" "migrations/003_broken\\.sql:2:1: error: the last statement is not terminated")
edit_file("${project}/migrations/003_broken.sql" "CREATE TABLE broken (x);\n")
run_step("build after fixing it" COMMAND "${CMAKE_COMMAND}" --build "${build}")
run_step("run the fixed build on a fresh database" OUTPUT out COMMAND "${build}/tool" --db "${WORK_DIR}/fresh.db")
expect_match("${out}" "^applied 001_create_notes.sql\napplied 003_broken.sql\nembedded 2, applied before 0\n$")

file(REMOVE_RECURSE "${WORK_DIR}")
