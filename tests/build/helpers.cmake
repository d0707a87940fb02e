# Steps shared by the build tests, which run as `cmake -P` scripts.
# Every step prints its output when it does not do what the test expects.

# run_step(<description> [EXPECT_FAILURE] [OUTPUT <var>] [WORKING_DIRECTORY <dir>] COMMAND <command>...)
function(run_step description)
  cmake_parse_arguments(PARSE_ARGV 1 arg "EXPECT_FAILURE" "OUTPUT;WORKING_DIRECTORY" "COMMAND")
  message(STATUS "${description}")
  if(NOT arg_WORKING_DIRECTORY)
    set(arg_WORKING_DIRECTORY ".")
  endif()
  execute_process(COMMAND ${arg_COMMAND} RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE output
                  WORKING_DIRECTORY "${arg_WORKING_DIRECTORY}")
  if(arg_EXPECT_FAILURE AND status EQUAL 0)
    message(FATAL_ERROR "${description}: succeeded but should have failed:\n${output}")
  elseif(NOT arg_EXPECT_FAILURE AND NOT status EQUAL 0)
    message(FATAL_ERROR "${description}: failed (${status}):\n${output}")
  endif()
  if(arg_OUTPUT)
    set(${arg_OUTPUT} "${output}" PARENT_SCOPE)
  endif()
endfunction()

function(expect_match text regex)
  if(NOT text MATCHES "${regex}")
    message(FATAL_ERROR "expected output matching '${regex}', got:\n${text}")
  endif()
endfunction()

function(expect_no_match text regex)
  if(text MATCHES "${regex}")
    message(FATAL_ERROR "expected no output matching '${regex}', got:\n${text}")
  endif()
endfunction()

# Configures a consumer project into a fresh binary dir with this build's
# generator and compiler. Extra arguments are passed to cmake.
function(configure_consumer source_dir binary_dir)
  file(REMOVE_RECURSE "${binary_dir}")
  run_step("configure ${source_dir}" COMMAND "${CMAKE_COMMAND}" -S "${source_dir}" -B "${binary_dir}"
           -G "${GENERATOR}" "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}" "-DCMAKE_PREFIX_PATH=${PREFIX}" ${ARGN})
endfunction()

# Checks that `output` holds every line of <case_dir>/expected (each relative
# to the case directory; a line starting with ':' is about the directory
# itself) and exactly as many errors. Reads line by line without list
# splitting, since diagnostics contain ';'.
function(expect_diagnostics output case_dir)
  file(READ "${case_dir}/expected" expected)
  set(expected_errors 0)
  while(NOT expected STREQUAL "")
    string(FIND "${expected}" "\n" newline)
    string(SUBSTRING "${expected}" 0 ${newline} line)
    math(EXPR rest "${newline} + 1")
    string(SUBSTRING "${expected}" ${rest} -1 expected)
    if(line MATCHES "^:")
      set(line "${case_dir}${line}")
    else()
      set(line "${case_dir}/${line}")
    endif()
    string(FIND "${output}" "${line}" found)
    if(found EQUAL -1)
      message(FATAL_ERROR "expected this diagnostic:\n  ${line}\ngot:\n${output}")
    endif()
    if(line MATCHES ": error: ")
      math(EXPR expected_errors "${expected_errors} + 1")
    endif()
  endwhile()
  string(REGEX MATCHALL "[^\n]: error: " errors "${output}")
  list(LENGTH errors error_count)
  if(NOT error_count EQUAL expected_errors)
    message(FATAL_ERROR "expected ${expected_errors} error(s), got ${error_count}:\n${output}")
  endif()
endfunction()

# A new directory under the system's temp dir, outside the source and build
# trees, for a consumer project the test builds "elsewhere".
function(make_scratch_directory out name)
  if(DEFINED ENV{TMPDIR})
    set(root "$ENV{TMPDIR}")
  else()
    set(root "/tmp")
  endif()
  string(RANDOM LENGTH 8 suffix)
  set(dir "${root}/embedded-migrations-${name}-${suffix}")
  file(REMOVE_RECURSE "${dir}")
  file(MAKE_DIRECTORY "${dir}")
  set(${out} "${dir}" PARENT_SCOPE)
endfunction()
