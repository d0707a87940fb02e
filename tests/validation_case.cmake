# Runs `embed-migrations check` on one corpus directory (tests/data/validation).
#   -DEMBED_MIGRATIONS=<exe> -DCASE_DIR=<dir> -DEXPECT=valid|invalid
# A case's optional `functions` file declares one NAME/NARGS per line, its
# optional `args` file holds more arguments, one per line (--table NAME,
# --replay-timeout 1 ...), its optional `seed` directory holds seed files
# (--seed-dir); an invalid case's `expected` file lists the diagnostics it
# must produce.
include("${CMAKE_CURRENT_LIST_DIR}/build/helpers.cmake")

set(arguments check --dir "${CASE_DIR}")
if(EXISTS "${CASE_DIR}/functions")
  file(STRINGS "${CASE_DIR}/functions" functions)
  foreach(function ${functions})
    list(APPEND arguments --function "${function}")
  endforeach()
endif()

if(IS_DIRECTORY "${CASE_DIR}/seed")
  list(APPEND arguments --seed-dir "${CASE_DIR}/seed")
endif()

if(EXISTS "${CASE_DIR}/args")
  file(STRINGS "${CASE_DIR}/args" extra_arguments)
  list(APPEND arguments ${extra_arguments})
endif()

if(EXPECT STREQUAL "valid")
  run_step("check ${CASE_DIR}" COMMAND "${EMBED_MIGRATIONS}" ${arguments})
else()
  run_step("check ${CASE_DIR}" EXPECT_FAILURE OUTPUT output COMMAND "${EMBED_MIGRATIONS}" ${arguments})
  expect_diagnostics("${output}" "${CASE_DIR}")
endif()
