# Builds tests/layouts-test (other-directory, library-plus-executable,
# two-sets-in-one-target, headers-of-one-identifier) outside the source tree
# under GENERATOR, runs every program, then adds a migration to each set and
# checks that one build picks every one up, without cmake running again.
include("${CMAKE_CURRENT_LIST_DIR}/helpers.cmake")

make_scratch_directory(WORK_DIR layouts)
set(project "${WORK_DIR}/project")
set(build "${WORK_DIR}/build")
set(bin "${build}")
set(build_args)
if(GENERATOR MATCHES "Multi-Config")
  set(bin "${build}/Debug")
  set(build_args --config Debug)
endif()
file(COPY "${SOURCE_DIR}/" DESTINATION "${project}")

# Runs every program; each prints "<label> <file>" per embedded migration.
# With ADDED, each set also holds the 002_ migration the test adds.
function(expect_programs)
  foreach(entry other_directory|db|db app|app|shared app_test|app_test|shared two_sets|main|main two_sets|audit|audit
                one_identifier|dash|main one_identifier|slash|audit)
    string(REPLACE "|" ";" entry "${entry}")
    list(GET entry 0 program)
    list(GET entry 1 label)
    list(GET entry 2 table)
    set(expected "${label} 001_${table}1.sql\n")
    if(ARGV0 STREQUAL "ADDED")
      string(APPEND expected "${label} 002_${table}2.sql\n")
    endif()
    run_step("run ${program}" OUTPUT out COMMAND "${bin}/${program}")
    string(FIND "${out}" "${expected}" found)
    if(found EQUAL -1)
      message(FATAL_ERROR "${program} printed:\n${out}expected it to contain:\n${expected}")
    endif()
  endforeach()
endfunction()

configure_consumer("${project}" "${build}")
run_step("build" COMMAND "${CMAKE_COMMAND}" --build "${build}" ${build_args})
expect_programs()

execute_process(COMMAND "${CMAKE_COMMAND}" -E sleep 0.05)
foreach(dir_and_name db/migrations|db2 shared_migrations|shared2 migrations|main2 audit_migrations|audit2)
  string(REPLACE "|" ";" pair "${dir_and_name}")
  list(GET pair 0 dir)
  list(GET pair 1 name)
  file(WRITE "${project}/${dir}/002_${name}.sql" "CREATE TABLE ${name} (x);\n")
endforeach()
run_step("build after adding a migration to every set" OUTPUT out
         COMMAND "${CMAKE_COMMAND}" --build "${build}" ${build_args})
expect_no_match("${out}" "Re-running CMake|Configuring done")
expect_programs(ADDED)
file(REMOVE_RECURSE "${WORK_DIR}")
