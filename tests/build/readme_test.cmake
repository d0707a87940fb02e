# The README's "Using it in your project" is true: its CMakeLists.txt and
# main.cpp, with a migration made by `embed-migrations new`, build against the
# installed package in a directory outside the source tree and run.
include("${CMAKE_CURRENT_LIST_DIR}/helpers.cmake")

file(READ "${README}" readme)
# Extracts the fenced block that follows <!-- readme-test: NAME -->.
function(readme_block name out)
  string(FIND "${readme}" "<!-- readme-test: ${name} -->" marker)
  if(marker EQUAL -1)
    message(FATAL_ERROR "README has no <!-- readme-test: ${name} --> block")
  endif()
  string(SUBSTRING "${readme}" ${marker} -1 rest)
  string(FIND "${rest}" "```" fence)
  string(SUBSTRING "${rest}" ${fence} -1 rest)
  string(FIND "${rest}" "\n" first_newline)
  math(EXPR body_start "${first_newline} + 1")
  string(SUBSTRING "${rest}" ${body_start} -1 rest)
  string(FIND "${rest}" "```" closing)
  string(SUBSTRING "${rest}" 0 ${closing} body)
  set(${out} "${body}" PARENT_SCOPE)
endfunction()

make_scratch_directory(project readme)

readme_block(CMakeLists.txt cmake_lists)
readme_block(main.cpp main_cpp)
file(WRITE "${project}/CMakeLists.txt" "${cmake_lists}")
file(WRITE "${project}/main.cpp" "${main_cpp}")
run_step("embed-migrations new" OUTPUT out WORKING_DIRECTORY "${project}"
         COMMAND "${PREFIX}/bin/embed-migrations" new create_notes)
expect_match("${out}" "created migrations/001_create_notes.sql")
file(APPEND "${project}/migrations/001_create_notes.sql"
     "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL);\n")

configure_consumer("${project}" "${project}/build")
run_step("build" COMMAND "${CMAKE_COMMAND}" --build "${project}/build")

# clangd reads compile_commands.json: main.cpp's entry must name the standard
# and the generated header's directory, or clangd falls back to C++14 and
# cannot find <app_schema.hpp>.
file(READ "${project}/build/compile_commands.json" commands)
string(JSON count LENGTH "${commands}")
math(EXPR last "${count} - 1")
set(main_command "")
foreach(i RANGE ${last})
  string(JSON file GET "${commands}" ${i} file)
  if(file MATCHES "/main\\.cpp$")
    string(JSON main_command GET "${commands}" ${i} command)
  endif()
endforeach()
expect_match("${main_command}" "-std=(c|gnu)\\+\\+17")
expect_match("${main_command}" "-I[^ ]*/build/embedded_migrations/app( |$)")
find_program(clangd NAMES clangd clangd-14)
if(clangd)
  run_step("clangd --check=main.cpp" OUTPUT out WORKING_DIRECTORY "${project}"
           COMMAND "${clangd}" --check=main.cpp)
  expect_no_match("${out}" "E\\[[0-9:.]+\\] \\[[a-z_]+\\]|'app_schema\\.hpp' file not found")
else()
  message(STATUS "clangd not found: only compile_commands.json is checked")
endif()
run_step("first run" OUTPUT first WORKING_DIRECTORY "${project}" COMMAND "${project}/build/app")
expect_match("${first}" "^migrated 001_create_notes.sql\n$")
run_step("second run" OUTPUT second WORKING_DIRECTORY "${project}" COMMAND "${project}/build/app")
expect_match("${second}" "^$")
file(REMOVE_RECURSE "${project}")
