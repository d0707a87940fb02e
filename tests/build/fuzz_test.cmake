# Builds tests/fuzz with clang and runs the fuzzer for SECONDS, seeded with the
# validation corpus and the round-trip data.
#   -DCLANG=<clang++> -DSOURCE_DIR=<repo> -DBINARY_DIR=<dir> -DSECONDS=<n>
include("${CMAKE_CURRENT_LIST_DIR}/helpers.cmake")

if(NOT EXISTS "${BINARY_DIR}/CMakeCache.txt")
  run_step("configure the fuzzer with ${CLANG}" COMMAND "${CMAKE_COMMAND}" -S "${SOURCE_DIR}/tests/fuzz"
           -B "${BINARY_DIR}" -G "${GENERATOR}" "-DCMAKE_CXX_COMPILER=${CLANG}" -DCMAKE_BUILD_TYPE=RelWithDebInfo
           "-DEMBEDDED_MIGRATIONS_SOURCE_DIR=${SOURCE_DIR}")
endif()
run_step("build the fuzzer" COMMAND "${CMAKE_COMMAND}" --build "${BINARY_DIR}" --target migration-fuzzer)

set(seeds "${BINARY_DIR}/seeds")
file(REMOVE_RECURSE "${seeds}")
file(GLOB_RECURSE seed_files "${SOURCE_DIR}/tests/data/*.sql")
file(COPY ${seed_files} DESTINATION "${seeds}")
set(findings "${BINARY_DIR}/findings")
set(corpus "${BINARY_DIR}/corpus")  # what the fuzzer learns, kept between runs
file(MAKE_DIRECTORY "${findings}" "${corpus}")
# Run from a scratch directory: anything the replay wrongly creates shows up there.
set(scratch "${BINARY_DIR}/scratch")
file(REMOVE_RECURSE "${scratch}")
file(MAKE_DIRECTORY "${scratch}")
run_step("fuzz for ${SECONDS} s" OUTPUT output WORKING_DIRECTORY "${scratch}"
         COMMAND "${BINARY_DIR}/migration-fuzzer" -max_total_time=${SECONDS} -max_len=8192 -timeout=10
                 "-artifact_prefix=${findings}/" "${corpus}" "${seeds}")
string(REGEX MATCH "Done [0-9]+ runs" runs "${output}")
message(STATUS "${runs}")
file(GLOB stray RELATIVE "${scratch}" "${scratch}/*")
if(stray)
  message(FATAL_ERROR "the replay created files: ${stray}")
endif()
