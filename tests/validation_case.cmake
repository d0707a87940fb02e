# Runs `embed-migrations check` on one corpus directory (tests/data/validation).
#   -DEMBED_MIGRATIONS=<exe> -DCASE_DIR=<dir> -DEXPECT=valid|invalid
# A case's optional `functions` file declares one NAME/NARGS per line. An
# invalid case's `expected` file lists lines the output must contain, each
# relative to the case directory; the count of errors must match too.
set(arguments check --dir "${CASE_DIR}")
if(EXISTS "${CASE_DIR}/functions")
  file(STRINGS "${CASE_DIR}/functions" functions)
  foreach(function ${functions})
    list(APPEND arguments --function "${function}")
  endforeach()
endif()
execute_process(COMMAND "${EMBED_MIGRATIONS}" ${arguments} RESULT_VARIABLE status OUTPUT_VARIABLE output
                ERROR_VARIABLE output)

if(EXPECT STREQUAL "valid")
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "expected a valid migration set, got exit ${status}:\n${output}")
  endif()
  return()
endif()

if(NOT status EQUAL 1)
  message(FATAL_ERROR "expected exit 1 (invalid migrations), got ${status}:\n${output}")
endif()
# Read line by line without list splitting: diagnostics contain ';'.
file(READ "${CASE_DIR}/expected" expected)
set(expected_errors 0)
while(NOT expected STREQUAL "")
  string(FIND "${expected}" "\n" newline)
  string(SUBSTRING "${expected}" 0 ${newline} line)
  math(EXPR rest "${newline} + 1")
  string(SUBSTRING "${expected}" ${rest} -1 expected)
  if(line MATCHES "^:")
    set(line "${CASE_DIR}${line}")      # a diagnostic about the directory itself
  else()
    set(line "${CASE_DIR}/${line}")
  endif()
  string(FIND "${output}" "${line}" found)
  if(found EQUAL -1)
    message(FATAL_ERROR "expected this diagnostic:\n  ${line}\ngot:\n${output}")
  endif()
  if(line MATCHES ": error: ")
    math(EXPR expected_errors "${expected_errors} + 1")
  endif()
endwhile()
string(REGEX MATCHALL ": error: " errors "${output}")
list(LENGTH errors error_count)
if(NOT error_count EQUAL expected_errors)
  message(FATAL_ERROR "expected ${expected_errors} error(s), got ${error_count}:\n${output}")
endif()
