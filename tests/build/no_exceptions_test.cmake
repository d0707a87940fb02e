# Builds tests/no-exceptions-test with -fno-exceptions against the installed
# package and runs it: it must handle a checksum mismatch without exceptions.
include("${CMAKE_CURRENT_LIST_DIR}/helpers.cmake")

configure_consumer("${SOURCE_DIR}" "${BINARY_DIR}")
run_step("build with -fno-exceptions" COMMAND "${CMAKE_COMMAND}" --build "${BINARY_DIR}")
set(db "${BINARY_DIR}/app.db")
file(REMOVE "${db}")
run_step("run" OUTPUT output COMMAND "${BINARY_DIR}/app" "${db}")
expect_match("${output}" "^applied 1\nchecksum_mismatch in 001_users.sql: 001_users.sql was changed after it was applied")
