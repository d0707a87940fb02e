# Builds tests/fuzz with clang and runs one of its fuzzers for SECONDS, seeded
# with the validation corpus and the round-trip data.
#   -DCLANG=<clang++> -DSOURCE_DIR=<repo> -DBINARY_DIR=<dir> -DSECONDS=<n> [-DFUZZER=<target>]
include("${CMAKE_CURRENT_LIST_DIR}/helpers.cmake")

if(NOT EXISTS "${BINARY_DIR}/CMakeCache.txt")
  run_step("configure the fuzzer with ${CLANG}" COMMAND "${CMAKE_COMMAND}" -S "${SOURCE_DIR}/tests/fuzz"
           -B "${BINARY_DIR}" -G "${GENERATOR}" "-DCMAKE_CXX_COMPILER=${CLANG}" -DCMAKE_BUILD_TYPE=RelWithDebInfo
           "-DEMBEDDED_MIGRATIONS_SOURCE_DIR=${SOURCE_DIR}")
endif()
if(NOT DEFINED FUZZER)
  set(FUZZER migration-fuzzer)
endif()
run_step("build ${FUZZER}" COMMAND "${CMAKE_COMMAND}" --build "${BINARY_DIR}" --target "${FUZZER}")

set(seeds "${BINARY_DIR}/${FUZZER}-seeds")
file(REMOVE_RECURSE "${seeds}")
file(GLOB_RECURSE seed_files "${SOURCE_DIR}/tests/data/*.sql")
file(COPY ${seed_files} DESTINATION "${seeds}")
set(findings "${BINARY_DIR}/${FUZZER}-findings")
set(corpus "${BINARY_DIR}/${FUZZER}-corpus")  # what the fuzzer learns, kept between runs
file(MAKE_DIRECTORY "${findings}" "${corpus}")
# Run from a scratch directory: anything the replay wrongly creates shows up there.
set(scratch "${BINARY_DIR}/${FUZZER}-scratch")
file(REMOVE_RECURSE "${scratch}")
file(MAKE_DIRECTORY "${scratch}")
run_step("fuzz for ${SECONDS} s" OUTPUT output WORKING_DIRECTORY "${scratch}"
         COMMAND "${BINARY_DIR}/${FUZZER}" -max_total_time=${SECONDS} -max_len=8192 -timeout=10
                 "-artifact_prefix=${findings}/" "${corpus}" "${seeds}")
string(REGEX MATCH "Done [0-9]+ runs" runs "${output}")
message(STATUS "${runs}")
file(GLOB stray RELATIVE "${scratch}" "${scratch}/*")
if(stray)
  message(FATAL_ERROR "the replay created files: ${stray}")
endif()
