# Arguments add_embedded_migrations() cannot use fail at configure time, each
# with a message that names the argument, rather than as circular or duplicate
# rules, code that does not compile, or a set that silently replaces another.
# Configures tests/configure-error-test once per case, in one build directory
# so that only the first run detects the compiler.
include("${CMAKE_CURRENT_LIST_DIR}/helpers.cmake")

make_scratch_directory(WORK_DIR configure-error)
set(build "${WORK_DIR}/build")

# expect_configure_error(<case> <value> <regex>)
function(expect_configure_error case value regex)
  run_step("configure ${case} '${value}' must fail" EXPECT_FAILURE OUTPUT out
           COMMAND "${CMAKE_COMMAND}" -S "${SOURCE_DIR}" -B "${build}" -G "${GENERATOR}"
                   "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}" "-DCMAKE_PREFIX_PATH=${PREFIX}"
                   "-DCASE=${case}" "-DVALUE=${value}")
  # CMake wraps messages at spaces; compare with single spaces.
  string(REGEX REPLACE "[ \n]+" " " flat "${out}")
  expect_match("${flat}" "${regex}")
endfunction()

set(extensions "it must end in one of the header extensions \\.h \\.hh \\.hpp \\.hxx")
expect_configure_error(header schema "HEADER 'schema' cannot be used: ${extensions}")
expect_configure_error(header schema.cpp "HEADER 'schema\\.cpp' cannot be used: ${extensions}")
expect_configure_error(header .hpp "HEADER '\\.hpp' cannot be used: ${extensions}")
expect_configure_error(header /abs/schema.hpp "HEADER '/abs/schema\\.hpp' cannot be used: use a relative")
expect_configure_error(header ../schema.hpp "HEADER '\\.\\./schema\\.hpp' cannot be used: empty, '\\.' and '\\.\\.'")
expect_configure_error(same-stem ""
  "add_embedded_migrations\\(app\\): HEADER s\\.h would generate s\\.cpp, which another call already generates")

foreach(name linux unix NULL errno EOF main sqlite3 assert stdin stdout stderr major minor class)
  expect_configure_error(namespace "app::${name}"
    "NAMESPACE 'app::${name}' cannot be used: '${name}' is a C\\+\\+ keyword or a name the C library")
endforeach()
expect_configure_error(namespace "my-app" "NAMESPACE 'my-app' cannot be used: 'my-app' is not an identifier")
expect_configure_error(namespace "app::" "NAMESPACE 'app::' cannot be used: write it as one or more identifiers")
expect_configure_error(namespace "a__b" "NAMESPACE 'a__b' cannot be used: 'a__b' is reserved")
expect_configure_error(namespace-twice ""
  "add_embedded_migrations\\(app\\): NAMESPACE db is already used by the migrations of target 'db'")

expect_configure_error(functions "uuid" "FUNCTIONS 'uuid' is not a function declaration; write NAME/NARGS")
expect_configure_error(functions "f/128" "FUNCTIONS 'f/128' is not a function declaration")
expect_configure_error(directory "${WORK_DIR}/nowhere" "DIRECTORY [^ ]*/nowhere is not a directory")
expect_configure_error(validate "maybe" "VALIDATE must be ON or OFF, not 'maybe'")

# An empty value (an unset variable) is refused, never read as the default.
foreach(case namespace header validate table replay-timeout replay-memory seed-directory)
  string(TOUPPER "${case}" keyword)
  string(REPLACE "-" "_" keyword "${keyword}")
  expect_configure_error(${case} "" "add_embedded_migrations\\(app\\): ${keyword} needs a value")
endforeach()
expect_configure_error(directory "" "add_embedded_migrations\\(app\\): DIRECTORY needs a value")
expect_configure_error(table "1st" "TABLE '1st' is not a valid tracking table name")
# Past the generator's bounds, refused at configure time rather than by the build.
expect_configure_error(replay-timeout 604801 "REPLAY_TIMEOUT '604801' must be a positive integer up to")
expect_configure_error(replay-timeout 99999999999999999999999 "REPLAY_TIMEOUT '9+' must be a positive integer")
expect_configure_error(replay-memory 1048577 "REPLAY_MEMORY '1048577' must be a positive integer up to")
expect_configure_error(replay-memory 0 "REPLAY_MEMORY '0' must be a positive integer up to 1048576 \\(MiB, a TiB\\) Call")
expect_configure_error(replay-timeout 0 "REPLAY_TIMEOUT '0' must be a positive integer up to 604800 \\(seconds, a week\\) Call")
# A misspelt keyword is named, with the keywords there are.
expect_configure_error(unknown DIRECTRY
  "add_embedded_migrations\\(app\\): unknown argument 'DIRECTRY'; the arguments are DIRECTORY NAMESPACE HEADER")
# SEED_DIRECTORY: a directory of its own, and only where the SQL is replayed.
expect_configure_error(seed-directory "${WORK_DIR}/no-seeds"
  "SEED_DIRECTORY [^ ]*/no-seeds is not a directory; create it and add NNN_description.sql files")
expect_configure_error(seed-directory "${WORK_DIR}/build/migrations"
  "SEED_DIRECTORY is the migrations' DIRECTORY; keep the seed files in a directory of their own")
expect_configure_error(seed-directory-without-validation ""
  "add_embedded_migrations\\(app\\): SEED_DIRECTORY needs the SQL replayed; remove VALIDATE OFF")

# A host generator the build could not find: named at configure time, not by
# the build tool as a missing file with no rule to make it.
expect_configure_error(generator "no-such-embed-migrations"
  "EMBEDDED_MIGRATIONS_GENERATOR 'no-such-embed-migrations' is not a program on PATH; give the host")
expect_configure_error(generator "bin/embed-migrations"
  "EMBEDDED_MIGRATIONS_GENERATOR 'bin/embed-migrations' is a relative path; give the host")

file(REMOVE_RECURSE "${WORK_DIR}")
