# Builds tests/corpus-build-test from one corpus directory.
#   -DCASE_DIR=<dir> -DEXPECT=failure|success|configure-failure [-DFUNCTIONS=a/0|b/1] [-DVALIDATE=OFF]
#   [-DTABLE=<name>] [-DREPLAY_TIMEOUT=<s>] [-DREPLAY_MEMORY=<MiB>] [-DMIN_SQLITE_VERSION=<v>] [-DFOREIGN_KEYS=ON|OFF]
#   [-DSEED_DIRECTORY=<dir>]
#   [-DCONFIGURE_MESSAGE=<regex>]
# A failing build must print the case's `expected` diagnostics and link nothing;
# a failing configure must print CONFIGURE_MESSAGE.
include("${CMAKE_CURRENT_LIST_DIR}/helpers.cmake")

# FUNCTIONS stays '|'-separated on its way through: a ';' would split the argument.
set(options "-DMIGRATIONS_DIR=${CASE_DIR}" "-DFUNCTIONS=${FUNCTIONS}")
foreach(argument VALIDATE TABLE REPLAY_TIMEOUT REPLAY_MEMORY MIN_SQLITE_VERSION FOREIGN_KEYS SEED_DIRECTORY)
  if(DEFINED ${argument})
    list(APPEND options "-D${argument}=${${argument}}")
  endif()
endforeach()
if(EXPECT STREQUAL "configure-failure")
  file(REMOVE_RECURSE "${BINARY_DIR}")
  run_step("configure must fail" EXPECT_FAILURE OUTPUT output COMMAND "${CMAKE_COMMAND}" -S "${SOURCE_DIR}"
           -B "${BINARY_DIR}" -G "${GENERATOR}" "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}" "-DCMAKE_PREFIX_PATH=${PREFIX}"
           ${options})
  expect_match("${output}" "${CONFIGURE_MESSAGE}")
  return()
endif()
configure_consumer("${SOURCE_DIR}" "${BINARY_DIR}" ${options})
if(EXPECT STREQUAL "failure")
  run_step("build must fail" EXPECT_FAILURE OUTPUT output COMMAND "${CMAKE_COMMAND}" --build "${BINARY_DIR}")
  expect_diagnostics("${output}" "${CASE_DIR}")
  if(EXISTS "${BINARY_DIR}/corpus")
    message(FATAL_ERROR "the executable was linked despite the bad migration")
  endif()
else()
  run_step("build" COMMAND "${CMAKE_COMMAND}" --build "${BINARY_DIR}")
  set(expectations)
  if(DEFINED TABLE)
    list(APPEND expectations --table "${TABLE}")
  endif()
  if(DEFINED FOREIGN_KEYS)
    string(TOLOWER "${FOREIGN_KEYS}" foreign_keys)
    list(APPEND expectations --foreign-keys "${foreign_keys}")
  endif()
  run_step("run" COMMAND "${BINARY_DIR}/corpus" ${expectations})
endif()
