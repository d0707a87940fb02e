# Runs `embed-migrations schema` and `check` on one snapshot corpus directory
# (tests/data/schema/<case>): the printed schema must equal the case's
# expected-schema.sql byte for byte, and when the case has expected-notes,
# check must print those lines.
#   -DEMBED_MIGRATIONS=<exe> -DCASE_DIR=<dir>
include("${CMAKE_CURRENT_LIST_DIR}/build/helpers.cmake")

run_step("schema ${CASE_DIR}" OUTPUT schema WORKING_DIRECTORY "${CASE_DIR}"
         COMMAND "${EMBED_MIGRATIONS}" schema --dir migrations)
file(READ "${CASE_DIR}/expected-schema.sql" expected)
if(NOT schema STREQUAL expected)
  message(FATAL_ERROR "the schema of ${CASE_DIR} differs from expected-schema.sql:\n${schema}")
endif()
run_step("check ${CASE_DIR}" OUTPUT notes WORKING_DIRECTORY "${CASE_DIR}"
         COMMAND "${EMBED_MIGRATIONS}" check --dir migrations)
if(EXISTS "${CASE_DIR}/expected-notes")
  file(READ "${CASE_DIR}/expected-notes" expected_notes)
  string(FIND "${notes}" "${expected_notes}" found)
  if(found EQUAL -1)
    message(FATAL_ERROR "check ${CASE_DIR} did not print:\n${expected_notes}\ngot:\n${notes}")
  endif()
endif()
