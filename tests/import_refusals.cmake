# `embed-migrations import` refuses, with exit status 2 and a remedy, to write
# into its source, inside it, or into a directory that holds anything; an
# unknown --from is a usage error too. Each refusal leaves every file as it was.
#   -DEMBED_MIGRATIONS=<exe> -DSOURCE_CASE=<a tests/data/import case with input/>
include("${CMAKE_CURRENT_LIST_DIR}/build/helpers.cmake")

make_scratch_directory(scratch import-refusals)
file(COPY "${SOURCE_CASE}/input/" DESTINATION "${scratch}/src")
file(WRITE "${scratch}/full/keep.txt" "mine\n")
file(GLOB_RECURSE before LIST_DIRECTORIES true "${scratch}/*")

function(expect_refusal description regex)
  execute_process(COMMAND "${EMBED_MIGRATIONS}" import ${ARGN} RESULT_VARIABLE status OUTPUT_VARIABLE output
                  ERROR_VARIABLE output)
  if(NOT status EQUAL 2)
    message(FATAL_ERROR "${description}: expected exit status 2, got ${status}:\n${output}")
  endif()
  expect_match("${output}" "${regex}")
endfunction()

expect_refusal("into its source" "is the same directory as --dir .*; give a new directory outside it"
               --from goose --dir "${scratch}/src" --output-dir "${scratch}/src")
expect_refusal("inside its source" "is inside --dir"
               --from goose --dir "${scratch}/src" --output-dir "${scratch}/src/converted")
expect_refusal("into a directory with files" "already exists and is not empty; give a new directory, or empty"
               --from goose --dir "${scratch}/src" --output-dir "${scratch}/full")
expect_refusal("from an unknown tool" "--from takes goose\\|dbmate\\|sql-migrate\\|golang-migrate\\|sqlx\\|diesel\\|flyway, not 'liquibase'"
               --from liquibase --dir "${scratch}/src" --output-dir "${scratch}/out")
expect_refusal("from a missing directory" "does not exist or is not a directory"
               --from goose --dir "${scratch}/missing" --output-dir "${scratch}/out")

file(GLOB_RECURSE after LIST_DIRECTORIES true "${scratch}/*")
if(NOT before STREQUAL after)
  message(FATAL_ERROR "a refused import changed the files:\nbefore: ${before}\nafter: ${after}")
endif()

# An empty directory is fine: it is replaced by the import.
file(MAKE_DIRECTORY "${scratch}/empty")
run_step("import into an empty directory" OUTPUT output
         COMMAND "${EMBED_MIGRATIONS}" import --from goose --dir "${scratch}/src" --output-dir "${scratch}/empty")
expect_match("${output}" "migrations checked, no errors")
file(REMOVE_RECURSE "${scratch}")
