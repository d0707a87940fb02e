# Runs `embed-migrations import` on one corpus case (tests/data/import/<tool>/<case>).
#   -DEMBED_MIGRATIONS=<exe> -DCASE_DIR=<dir> -DFROM=<tool>
# A case holds input/ (the tool's directory) and expected-report (what import
# prints on stdout, with the output directory written DST), and either
#   expected/  the directory import must write, byte for byte, which must pass
#              `embed-migrations check`; or
#   expected   the diagnostics import must print (as in tests/data/validation),
#              when it must fail and write nothing.
# An optional `arguments` file adds one option per line. A case whose expected/
# must fail `check` (SQL that SQLite refuses, imported as it was) says so in
# `check-fails`, holding text the check's diagnostics must contain; import then
# writes the directory and exits 1. The input must be left exactly as it was.
include("${CMAKE_CURRENT_LIST_DIR}/build/helpers.cmake")

function(tree_digest dir out)
  file(GLOB_RECURSE files LIST_DIRECTORIES false RELATIVE "${dir}" "${dir}/*")
  list(SORT files)
  set(digest "")
  foreach(file ${files})
    file(SHA256 "${dir}/${file}" sum)
    string(APPEND digest "${file} ${sum}\n")
  endforeach()
  set(${out} "${digest}" PARENT_SCOPE)
endfunction()

make_scratch_directory(scratch import)
set(output "${scratch}/migrations")
set(arguments import --from "${FROM}" --dir "${CASE_DIR}/input" --output-dir "${output}")
if(EXISTS "${CASE_DIR}/arguments")
  file(STRINGS "${CASE_DIR}/arguments" extra)
  list(APPEND arguments ${extra})
endif()

tree_digest("${CASE_DIR}/input" input_before)
message(STATUS "embed-migrations ${arguments}")
execute_process(COMMAND "${EMBED_MIGRATIONS}" ${arguments} RESULT_VARIABLE status OUTPUT_VARIABLE report
                ERROR_VARIABLE errors)
tree_digest("${CASE_DIR}/input" input_after)
if(NOT input_before STREQUAL input_after)
  message(FATAL_ERROR "import changed its input directory:\nbefore:\n${input_before}\nafter:\n${input_after}")
endif()

string(REPLACE "${output}" "DST" report "${report}")
file(READ "${CASE_DIR}/expected-report" expected_report)
if(NOT report STREQUAL expected_report)
  message(FATAL_ERROR "the report differs from ${CASE_DIR}/expected-report; got:\n${report}\nstderr:\n${errors}")
endif()

if(IS_DIRECTORY "${CASE_DIR}/expected")
  set(expected_status 0)
  if(EXISTS "${CASE_DIR}/check-fails")
    set(expected_status 1)
  endif()
  if(NOT status EQUAL expected_status)
    message(FATAL_ERROR "import failed (${status}):\n${report}${errors}")
  endif()
  file(GLOB_RECURSE written LIST_DIRECTORIES false RELATIVE "${output}" "${output}/*")
  file(GLOB_RECURSE wanted LIST_DIRECTORIES false RELATIVE "${CASE_DIR}/expected" "${CASE_DIR}/expected/*")
  list(SORT written)
  list(SORT wanted)
  if(NOT written STREQUAL wanted)
    message(FATAL_ERROR "import wrote [${written}], expected [${wanted}]")
  endif()
  foreach(file ${wanted})
    execute_process(COMMAND "${CMAKE_COMMAND}" -E compare_files "${output}/${file}" "${CASE_DIR}/expected/${file}"
                    RESULT_VARIABLE different)
    if(different)
      file(READ "${output}/${file}" got)
      message(FATAL_ERROR "${file} differs from ${CASE_DIR}/expected/${file}; got:\n${got}")
    endif()
  endforeach()
  if(EXISTS "${CASE_DIR}/check-fails")
    file(STRINGS "${CASE_DIR}/check-fails" wanted_diagnostic)
    string(FIND "${errors}" "${output}/${wanted_diagnostic}" found)
    if(found EQUAL -1)
      message(FATAL_ERROR "expected '${output}/${wanted_diagnostic}' in:\n${errors}")
    endif()
    run_step("check the imported directory" EXPECT_FAILURE COMMAND "${EMBED_MIGRATIONS}" check --dir "${output}")
  else()
    run_step("check the imported directory" COMMAND "${EMBED_MIGRATIONS}" check --dir "${output}")
  endif()
else()
  if(NOT status EQUAL 1)
    message(FATAL_ERROR "import should have exited 1, got ${status}:\n${report}${errors}")
  endif()
  if(EXISTS "${output}")
    message(FATAL_ERROR "import failed but wrote ${output}")
  endif()
  file(GLOB leftovers LIST_DIRECTORIES true "${scratch}/*" "${scratch}/.*")
  if(leftovers)
    message(FATAL_ERROR "import failed but left [${leftovers}] behind")
  endif()
  expect_diagnostics("${errors}" "${CASE_DIR}")
endif()
file(REMOVE_RECURSE "${scratch}")
