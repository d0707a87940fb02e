# A badly named migration fails the build with a compiler-style diagnostic.
include("${CMAKE_CURRENT_LIST_DIR}/helpers.cmake")

configure_consumer("${SOURCE_DIR}" "${BINARY_DIR}")
run_step("build must fail" EXPECT_FAILURE OUTPUT output COMMAND "${CMAKE_COMMAND}" --build "${BINARY_DIR}")
expect_match("${output}" "migrations/4-add\\.sql:1:1: error: in '4-add\\.sql' the version must be followed by '_'")
if(EXISTS "${BINARY_DIR}/bad")
  message(FATAL_ERROR "the executable was linked despite the bad migration")
endif()
