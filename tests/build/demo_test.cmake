# The demo applies its migration on a fresh database, and nothing the second time.
include("${CMAKE_CURRENT_LIST_DIR}/helpers.cmake")

file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
set(db "${WORK_DIR}/demo.db")
set(hex "[0-9a-f]")  # CMake regexes have no {n} repetition
set(hex4 "${hex}${hex}${hex}${hex}")
run_step("first run" OUTPUT first COMMAND "${DEMO}" --db "${db}" add "First")
expect_match("${first}" "migrated  \\[1/1\\] 001_create_conversations.sql")
expect_match("${first}" "added ${hex4}${hex4}-${hex4}-4${hex}${hex}${hex}-[89ab]${hex}${hex}${hex}-${hex4}${hex4}${hex4}  First\n")
run_step("second run" OUTPUT second COMMAND "${DEMO}" --db "${db}" list)
expect_no_match("${second}" "migrating|migrated")
expect_match("${second}" "schema up to date: 1 applied before\n[0-9a-f-]+  [0-9T:.-]+Z  First\n")
