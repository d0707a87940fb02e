# Configures, builds and runs tests/consumer's app through SOURCE_DIR (either
# find-package-test or add-subdirectory-test), twice against one database.
include("${CMAKE_CURRENT_LIST_DIR}/helpers.cmake")

configure_consumer("${SOURCE_DIR}" "${BINARY_DIR}" ${EXTRA_ARGS})
run_step("build" COMMAND "${CMAKE_COMMAND}" --build "${BINARY_DIR}")

set(db "${BINARY_DIR}/app.db")
run_step("first run" OUTPUT first COMMAND "${BINARY_DIR}/app" --db "${db}")
expect_match("${first}" "applied 001_create_users.sql\napplied 002_create_sessions.sql\napplied 20240101120000_create_audit_log.sql\n")
run_step("second run" OUTPUT second COMMAND "${BINARY_DIR}/app" --db "${db}")
expect_match("${second}" "^migrations up to date \\(2\\)\naudit_migrations up to date \\(1\\)\n$")
