# Incremental builds of a consumer do exactly what a change needs, under the
# generator given (Ninja, Ninja Multi-Config, Unix Makefiles), and never need
# cmake to run again: deleting, renaming, adding and editing a migration, and
# switching git branches that change several files at once, each regenerate
# and recompile the generated source alone; adding, editing and deleting a
# seed file (SEED_DIRECTORY) re-runs the check and compiles nothing, since
# seeds are never embedded; a build after that runs nothing.
# What ran is read from the build tool's own output.
#   -DGENERATOR=... -DCXX_COMPILER=... -DPREFIX=<installed package> -DSOURCE_DIR=tests/incremental-test
include("${CMAKE_CURRENT_LIST_DIR}/helpers.cmake")

find_program(git NAMES git REQUIRED)
make_scratch_directory(WORK_DIR incremental)
set(project "${WORK_DIR}/project")
set(build "${WORK_DIR}/build")
set(tool "${build}/tool")
set(build_args)
if(GENERATOR MATCHES "Multi-Config")
  set(tool "${build}/Debug/tool")
  set(build_args --config Debug)
endif()
file(COPY "${SOURCE_DIR}/" DESTINATION "${project}")

function(git)
  run_step("git ${ARGN}" WORKING_DIRECTORY "${project}"
           COMMAND "${git}" -c user.name=test -c user.email=test@example.com ${ARGN})
endfunction()
# Changes come after the previous build's file-system clock tick, as a
# person's would (see rebuild_test.cmake).
function(pause)
  execute_process(COMMAND "${CMAKE_COMMAND}" -E sleep 0.05)
endfunction()
function(write_seed name text)
  pause()
  file(WRITE "${project}/seed/${name}" "${text}\n")
endfunction()
function(write_migration name)
  pause()
  string(REGEX REPLACE "^[0-9]+_|\\.sql$" "" table "${name}")
  file(WRITE "${project}/migrations/${name}" "CREATE TABLE ${table} (id INTEGER PRIMARY KEY${ARGN});\n")
endfunction()

# Builds; checks that cmake did not run again, that the generator ran or not
# (GENERATED yes|no), which sources compiled (COMPILED, file names, sorted),
# and that the tool embeds exactly EMBEDS.
function(build_and_check description)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "GENERATED" "COMPILED;EMBEDS")
  run_step("build ${description}" OUTPUT out COMMAND "${CMAKE_COMMAND}" --build "${build}" ${build_args})
  expect_no_match("${out}" "Re-running CMake|Configuring done|Generating done")
  if(arg_GENERATED STREQUAL "yes")
    expect_match("${out}" "Embedding migrations from migrations into tool")
  else()
    expect_no_match("${out}" "Embedding migrations")
  endif()
  string(REGEX MATCHALL "Building CXX object [^\n]*" lines "${out}")
  set(compiled)
  foreach(line IN LISTS lines)
    string(REGEX REPLACE ".*/([^/]+\\.cpp)\\.o.*" "\\1" file "${line}")
    list(APPEND compiled "${file}")
  endforeach()
  list(SORT compiled)
  if(NOT "${compiled}" STREQUAL "${arg_COMPILED}")
    message(FATAL_ERROR "build ${description}: expected to compile '${arg_COMPILED}', compiled '${compiled}':\n${out}")
  endif()
  if(NOT arg_COMPILED)
    expect_no_match("${out}" "Linking")
  endif()
  if(DEFINED arg_EMBEDS)
    run_step("run after ${description}" OUTPUT embedded COMMAND "${tool}")
    string(REPLACE ";" "\n" expected "${arg_EMBEDS}")
    if(NOT embedded STREQUAL "${expected}\n")
      message(FATAL_ERROR "after ${description} the tool embeds:\n${embedded}expected:\n${expected}\n")
    endif()
  endif()
endfunction()

foreach(name 001_t01.sql 002_t02.sql 003_t03.sql)
  write_migration(${name})
endforeach()
write_seed(001_t01.sql "INSERT INTO t01 DEFAULT VALUES;")
git(init -q -b main)
git(add -A)
git(commit -q -m start)

# A migration that exists when cmake configures and is gone before the
# first build, when no depfile lists it yet: the build must not need it.
write_migration(009_gone.sql)
configure_consumer("${project}" "${build}")
file(REMOVE "${project}/migrations/009_gone.sql")
build_and_check("the first time" GENERATED yes COMPILED main.cpp other.cpp tool_schema.cpp
                EMBEDS 001_t01.sql 002_t02.sql 003_t03.sql)
build_and_check("with nothing changed" GENERATED no COMPILED "")

write_migration(002_t02.sql ", name TEXT")
build_and_check("after editing a migration" GENERATED yes COMPILED tool_schema.cpp)
build_and_check("once more after the edit" GENERATED no COMPILED "")
build_and_check("twice more after the edit" GENERATED no COMPILED "")

write_migration(004_t04.sql)
build_and_check("after adding a migration" GENERATED yes COMPILED tool_schema.cpp
                EMBEDS 001_t01.sql 002_t02.sql 003_t03.sql 004_t04.sql)

pause()
file(REMOVE "${project}/migrations/003_t03.sql")
build_and_check("after deleting a migration" GENERATED yes COMPILED tool_schema.cpp
                EMBEDS 001_t01.sql 002_t02.sql 004_t04.sql)

pause()
file(RENAME "${project}/migrations/004_t04.sql" "${project}/migrations/005_t05.sql")
build_and_check("after renaming a migration" GENERATED yes COMPILED tool_schema.cpp
                EMBEDS 001_t01.sql 002_t02.sql 005_t05.sql)
build_and_check("with nothing changed after all that" GENERATED no COMPILED "")

# Seed files are checked, never embedded: the check runs again, nothing compiles.
write_seed(001_t01.sql "INSERT INTO t01 DEFAULT VALUES;\nINSERT INTO t01 DEFAULT VALUES;")
build_and_check("after editing a seed" GENERATED yes COMPILED "" EMBEDS 001_t01.sql 002_t02.sql 005_t05.sql)
write_seed(002_t02.sql "INSERT INTO t02 (id) VALUES (7);")
build_and_check("after adding a seed" GENERATED yes COMPILED "")
pause()
file(REMOVE "${project}/seed/002_t02.sql")
build_and_check("after deleting a seed" GENERATED yes COMPILED "")
build_and_check("with nothing changed after the seeds" GENERATED no COMPILED "")
# A seed the schema refuses fails the build, naming the seed file.
write_seed(001_t01.sql "INSERT INTO t01 (no_such_column) VALUES (1);")
run_step("build with a broken seed" EXPECT_FAILURE OUTPUT out COMMAND "${CMAKE_COMMAND}" --build "${build}" ${build_args})
expect_match("${out}" "seed/001_t01\\.sql:1:1: error: table t01 has no column named no_such_column")
write_seed(001_t01.sql "INSERT INTO t01 DEFAULT VALUES;")
build_and_check("after mending the seed" GENERATED yes COMPILED "")

# Two branches that differ in several files: one edited, one deleted, two added.
git(add -A)
git(commit -q -m main)
git(checkout -q -b feature)
write_migration(001_t01.sql ", note TEXT")
file(REMOVE "${project}/migrations/002_t02.sql")
write_migration(006_t06.sql)
write_migration(007_t07.sql)
git(add -A)
git(commit -q -m feature)
build_and_check("on the feature branch" GENERATED yes COMPILED tool_schema.cpp
                EMBEDS 001_t01.sql 005_t05.sql 006_t06.sql 007_t07.sql)
pause()
git(checkout -q main)
build_and_check("after switching to main" GENERATED yes COMPILED tool_schema.cpp
                EMBEDS 001_t01.sql 002_t02.sql 005_t05.sql)
pause()
git(checkout -q feature)
build_and_check("after switching back to the feature branch" GENERATED yes COMPILED tool_schema.cpp
                EMBEDS 001_t01.sql 005_t05.sql 006_t06.sql 007_t07.sql)
build_and_check("with nothing changed at the end" GENERATED no COMPILED "")

file(REMOVE_RECURSE "${WORK_DIR}")
