# Configures, builds and runs tests/consumer's app through SOURCE_DIR (either
# find-package-test or add-subdirectory-test), twice against one database.
include("${CMAKE_CURRENT_LIST_DIR}/helpers.cmake")

# EXTRA_ARGS is '|'-separated: a ';' would split the test's command line.
string(REPLACE "|" ";" extra_args "${EXTRA_ARGS}")
configure_consumer("${SOURCE_DIR}" "${BINARY_DIR}" ${extra_args})
run_step("build" COMMAND "${CMAKE_COMMAND}" --build "${BINARY_DIR}")
if(EXPECT_NO_GENERATOR_BUILT)
  file(GLOB_RECURSE built_generator "${BINARY_DIR}/*/embed-migrations")
  if(built_generator)
    message(FATAL_ERROR "the build made its own generator despite EMBEDDED_MIGRATIONS_GENERATOR: ${built_generator}")
  endif()
endif()

set(db "${BINARY_DIR}/app.db")
run_step("first run" OUTPUT first COMMAND "${BINARY_DIR}/app" --db "${db}")
expect_match("${first}" "applied 001_create_users.sql\napplied 002_create_sessions.sql\napplied 20240101120000_create_audit_log.sql\n")
run_step("second run" OUTPUT second COMMAND "${BINARY_DIR}/app" --db "${db}")
expect_match("${second}" "^migrations up to date \\(2\\)\naudit_migrations up to date \\(1\\)\n$")
