# Builds tests/corpus-build-test from one corpus directory.
#   -DCASE_DIR=<dir> -DEXPECT=failure|success [-DFUNCTIONS=a/0|b/1] [-DVALIDATE=OFF]
# A failing build must print the case's `expected` diagnostics and link nothing.
include("${CMAKE_CURRENT_LIST_DIR}/helpers.cmake")

# FUNCTIONS stays '|'-separated on its way through: a ';' would split the argument.
set(options "-DMIGRATIONS_DIR=${CASE_DIR}" "-DFUNCTIONS=${FUNCTIONS}")
if(DEFINED VALIDATE)
  list(APPEND options "-DVALIDATE=${VALIDATE}")
endif()
configure_consumer("${SOURCE_DIR}" "${BINARY_DIR}" ${options})
if(EXPECT STREQUAL "failure")
  run_step("build must fail" EXPECT_FAILURE OUTPUT output COMMAND "${CMAKE_COMMAND}" --build "${BINARY_DIR}")
  expect_diagnostics("${output}" "${CASE_DIR}")
  if(EXISTS "${BINARY_DIR}/corpus")
    message(FATAL_ERROR "the executable was linked despite the bad migration")
  endif()
else()
  run_step("build" COMMAND "${CMAKE_COMMAND}" --build "${BINARY_DIR}")
  run_step("run" COMMAND "${BINARY_DIR}/corpus")
endif()
