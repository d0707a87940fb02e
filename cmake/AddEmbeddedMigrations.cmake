# add_embedded_migrations(<target>
#   [DIRECTORY <dir>]       # default: ${CMAKE_CURRENT_SOURCE_DIR}/migrations
#   [NAMESPACE <ns>]        # default: <target>_migrations
#   [HEADER <name>]         # default: <target>_migrations.hpp; ends in .h, .hh, .hpp or .hxx
#   [FUNCTIONS <name/nargs>...]  # application SQL functions the migrations call
#   [VALIDATE <ON|OFF>]     # default ON: replay the SQL at build time
#   [TABLE <name>]          # default migrations: the tracking table, embedded in the set
#   [REPLAY_TIMEOUT <s>]    # default 60: seconds one migration's replay may take
#   [REPLAY_MEMORY <MiB>]   # default 1024: memory one migration's replay may use
#   [FOREIGN_KEYS <ON|OFF>] # default OFF (SQLite's): the PRAGMA foreign_keys the app applies with; replayed so
#   [SCHEMA_FILE <file>]    # committed schema snapshot the build keeps fresh; adds <target>_update_schema
#   [DESTRUCTIVE <REPORT|ERROR>]  # ERROR: a dropping migration needs "-- destructive: <reason>"
#   [FRESH_SNAPSHOT]        # embed the final schema and rows for options::fresh_from_snapshot
#   [MIN_SQLITE_VERSION <v>]  # e.g. 3.31.0: fail the build where a migration needs a newer SQLite
#   [SEED_DIRECTORY <dir>]  # NNN_description.sql rows the build's replay loads after migration NNN; never embedded
#   [ALLOW_EMPTY])          # accept a directory without migrations
#
# Set EMBEDDED_MIGRATIONS_GENERATOR to a host embed-migrations when
# cross-compiling; otherwise the generator target of this build or of the
# installed package runs.
#
# Checks <dir>/*.sql at build time, replaying the SQL on a scratch database,
# and compiles them into <target> as constant data, reachable through
# `#include <name>` and `<ns>::migrations()`. The build re-runs the generator
# whenever a migration is edited, added, removed or renamed, and fails with
# file:line:column: error: messages when one is malformed. <target> may be
# defined in another directory than the call.
include_guard(GLOBAL)

# Functions record the policies in force where they are defined; 3.20's
# CMP0116 makes DEPFILE behave the same in every directory of a Ninja build.
cmake_policy(PUSH)
cmake_policy(VERSION 3.20)

# Names no part of a NAMESPACE may be: C++ keywords and alternative tokens,
# and the macros and global names of the C library, POSIX, GCC and SQLite that
# a translation unit including the generated header may already see. Keep in
# agreement with check_namespace() in generator/src/emitter.cpp (emitter-test
# compares the two lists).
set(_embedded_migrations_reserved_names
  # C++20 keywords and alternative tokens, plus names the generated code uses
  alignas alignof and and_eq asm auto bitand bitor bool break case catch char char8_t char16_t char32_t class
  compl concept const consteval constexpr constinit const_cast continue co_await co_return co_yield decltype
  default delete do double dynamic_cast else enum explicit export extern false float for friend goto if inline
  int long mutable namespace new noexcept not not_eq nullptr operator or or_eq private protected public register
  reinterpret_cast requires return short signed sizeof static static_assert static_cast struct switch template
  this thread_local throw true try typedef typeid typename union unsigned using virtual void volatile wchar_t
  while xor xor_eq import module std
  # predefined by GCC and Clang in GNU modes (-std=gnu++17, g++'s default)
  linux unix i386
  # macros and global names of <cstdio>, <cerrno>, <cassert>, <cstddef>, <cstdlib>, <csetjmp>, <cstdarg>,
  # <sys/sysmacros.h>, <sqlite3.h> and the program's entry point
  NULL errno EOF assert stdin stdout stderr offsetof setjmp va_arg va_copy va_end va_start BUFSIZ FILENAME_MAX
  SEEK_SET SEEK_CUR SEEK_END EXIT_SUCCESS EXIT_FAILURE RAND_MAX major minor makedev main sqlite3
)

# Fails unless `ns` is a usable C++ namespace, the generator's check_namespace().
function(_embedded_migrations_check_namespace fn ns)
  set(why "")
  string(REPLACE "::" ";" parts "${ns}")
  if(ns STREQUAL "" OR ns MATCHES "^::|::$|;")
    set(why "write it as one or more identifiers joined by ::, e.g. app::schema")
  endif()
  foreach(part IN LISTS parts)
    if(NOT why STREQUAL "")
      break()
    elseif(NOT part MATCHES "^[A-Za-z_][A-Za-z0-9_]*$")
      set(why "'${part}' is not an identifier; write it as one or more identifiers joined by ::, e.g. app::schema")
    elseif(part IN_LIST _embedded_migrations_reserved_names)
      string(CONCAT why "'${part}' is a C++ keyword or a name the C library, the compiler or SQLite defines "
                        "(often a macro); choose another, e.g. ${part}_schema")
    elseif(part MATCHES "__|^_[A-Z]")
      set(why "'${part}' is reserved for the implementation; choose a name without __ or a leading _ and capital")
    endif()
  endforeach()
  if(NOT why STREQUAL "")
    message(FATAL_ERROR "${fn}: NAMESPACE '${ns}' cannot be used: ${why}")
  endif()
endfunction()

# Fails unless `header` is a usable HEADER, the generator's check_header_name().
function(_embedded_migrations_check_header fn header)
  set(why "")
  if(header MATCHES "^/|/$|^[A-Za-z]:" OR header STREQUAL "")
    set(why "use a relative include name such as app_schema.hpp")
  elseif(NOT header MATCHES "^[A-Za-z0-9_./-]+$")
    set(why "use only letters, digits, '_', '-', '.' and '/'")
  elseif(header MATCHES "(^|/)\\.\\.?(/|$)|//")
    set(why "empty, '.' and '..' path parts are not allowed")
  elseif(NOT header MATCHES "(^|/)[^/]*[^/.][^/]*\\.(h|hh|hpp|hxx)$")
    set(why "it must end in one of the header extensions .h .hh .hpp .hxx (the generated source takes .cpp)")
  endif()
  if(NOT why STREQUAL "")
    message(FATAL_ERROR "${fn}: HEADER '${header}' cannot be used: ${why}")
  endif()
endfunction()

function(add_embedded_migrations target)
  set(options ALLOW_EMPTY FRESH_SNAPSHOT)
  set(one_value DIRECTORY NAMESPACE HEADER VALIDATE TABLE REPLAY_TIMEOUT REPLAY_MEMORY SCHEMA_FILE DESTRUCTIVE
                MIN_SQLITE_VERSION FOREIGN_KEYS SEED_DIRECTORY)
  set(multi_value FUNCTIONS)
  cmake_parse_arguments(PARSE_ARGV 1 arg "${options}" "${one_value}" "${multi_value}")
  set(fn "add_embedded_migrations")
  if(arg_UNPARSED_ARGUMENTS)
    # The first one is the misspelt keyword, or a value given one too many.
    list(GET arg_UNPARSED_ARGUMENTS 0 unknown)
    set(known ${one_value} ${multi_value} ${options})
    list(JOIN known " " known)
    message(FATAL_ERROR "${fn}(${target}): unknown argument '${unknown}'; the arguments are ${known} "
                        "(a value that holds spaces or ';' needs quotes)")
  endif()
  # An empty FUNCTIONS list (say, from an empty variable) is fine.
  list(REMOVE_ITEM arg_KEYWORDS_MISSING_VALUES FUNCTIONS)
  # Before CMake 3.31 (CMP0174), a single-value keyword followed by "" (an
  # empty variable, say) leaves its variable undefined and is not reported as
  # missing: NAMESPACE "" would silently become the default namespace.
  math(EXPR last "${ARGC} - 2")
  if(last GREATER_EQUAL 1)
    foreach(i RANGE 1 ${last})
      math(EXPR next "${i} + 1")
      if(ARGV${i} MATCHES "^(DIRECTORY|NAMESPACE|HEADER|VALIDATE|TABLE|REPLAY_TIMEOUT|REPLAY_MEMORY|SEED_DIRECTORY)$"
         AND "${ARGV${next}}" STREQUAL "")
        list(APPEND arg_KEYWORDS_MISSING_VALUES "${ARGV${i}}")
      endif()
    endforeach()
  endif()
  if(arg_KEYWORDS_MISSING_VALUES)
    message(FATAL_ERROR "${fn}(${target}): ${arg_KEYWORDS_MISSING_VALUES} needs a value")
  endif()
  if(NOT TARGET "${target}")
    message(FATAL_ERROR "${fn}: '${target}' is not a target; call it after add_executable() or add_library()")
  endif()
  get_target_property(aliased "${target}" ALIASED_TARGET)
  if(aliased)
    set(target "${aliased}")
  endif()
  get_target_property(type "${target}" TYPE)
  get_target_property(imported "${target}" IMPORTED)
  if(imported OR NOT type MATCHES "^(EXECUTABLE|STATIC_LIBRARY|SHARED_LIBRARY|MODULE_LIBRARY|OBJECT_LIBRARY)$")
    message(FATAL_ERROR "${fn}: '${target}' must be an executable or a library built by this project")
  endif()
  set(fn "${fn}(${target})")

  string(MAKE_C_IDENTIFIER "${target}" target_id)
  if(NOT DEFINED arg_DIRECTORY)
    set(arg_DIRECTORY migrations)
  endif()
  get_filename_component(directory "${arg_DIRECTORY}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
  if(NOT DEFINED arg_NAMESPACE)
    set(arg_NAMESPACE "${target_id}_migrations")
  endif()
  if(NOT DEFINED arg_HEADER)
    set(arg_HEADER "${target_id}_migrations.hpp")
  endif()
  _embedded_migrations_check_namespace("${fn}" "${arg_NAMESPACE}")
  _embedded_migrations_check_header("${fn}" "${arg_HEADER}")
  if(DEFINED arg_VALIDATE AND NOT arg_VALIDATE MATCHES "^(ON|OFF|TRUE|FALSE|YES|NO|1|0)$")
    message(FATAL_ERROR "${fn}: VALIDATE must be ON or OFF, not '${arg_VALIDATE}'")
  endif()
  if(NOT IS_DIRECTORY "${directory}")
    message(FATAL_ERROR "${fn}: DIRECTORY ${directory} is not a directory; create it, e.g. with "
                        "`embed-migrations new <description> --dir ${directory}`")
  endif()
  # As the generator's --function: NAME/NARGS, NARGS -1 (any) or 0 to 127.
  foreach(function IN LISTS arg_FUNCTIONS)
    if(NOT function MATCHES "^[A-Za-z0-9_$]+/(-1|[0-9]|[1-9][0-9]|1[01][0-9]|12[0-7])$")
      message(FATAL_ERROR "${fn}: FUNCTIONS '${function}' is not a function declaration; write NAME/NARGS, "
                          "for example uuid/0 (NARGS -1: any number, else 0 to 127)")
    endif()
  endforeach()

  # One program, one owner per namespace: two sets in one namespace would
  # define the same migrations(), and a static library's set would silently
  # give way to the executable's. The generated code makes such a link fail
  # too (see emitter.cpp); this says so at configure time, naming both.
  get_property(owner GLOBAL PROPERTY "EMBEDDED_MIGRATIONS_NAMESPACE_${arg_NAMESPACE}")
  if(owner)
    message(FATAL_ERROR "${fn}: NAMESPACE ${arg_NAMESPACE} is already used by the migrations of target "
                        "'${owner}'; each set needs its own namespace, or link one library that owns the set "
                        "into both targets")
  endif()
  set_property(GLOBAL PROPERTY "EMBEDDED_MIGRATIONS_NAMESPACE_${arg_NAMESPACE}" "${target}")

  # The header and the .cpp beside it are per target: two HEADERs on one
  # target must differ in their stem (s.hpp and s.h would both make s.cpp).
  string(REGEX REPLACE "\\.[^./]*$" "" stem "${arg_HEADER}")
  get_property(stems TARGET "${target}" PROPERTY EMBEDDED_MIGRATIONS_HEADER_STEMS)
  if("${stem}" IN_LIST stems)
    message(FATAL_ERROR "${fn}: HEADER ${arg_HEADER} would generate ${stem}.cpp, which another call already "
                        "generates for this target; give each call on the same target a HEADER with its own name")
  endif()
  set_property(TARGET "${target}" APPEND PROPERTY EMBEDDED_MIGRATIONS_HEADER_STEMS "${stem}")

  set(output_dir "${CMAKE_CURRENT_BINARY_DIR}/embedded_migrations/${target}")
  set(header "${output_dir}/${arg_HEADER}")
  set(source "${output_dir}/${stem}.cpp")
  set(stamp "${output_dir}/${stem}.stamp")
  set(depfile "${output_dir}/${stem}.d")

  # Generator: a host one when cross-compiling, else the one built alongside
  # (add_subdirectory) or installed (find_package).
  if(EMBEDDED_MIGRATIONS_GENERATOR)
    # The rule depends on the file, so it needs its path: a bare name is looked
    # up on PATH now, as a shell would, rather than failing the build with
    # "'embed-migrations', needed by ..., missing and no known rule to make it".
    set(generator_command "${EMBEDDED_MIGRATIONS_GENERATOR}")
    if(NOT IS_ABSOLUTE "${generator_command}")
      if(generator_command MATCHES "/")
        message(FATAL_ERROR "${fn}: EMBEDDED_MIGRATIONS_GENERATOR '${generator_command}' is a relative path; give "
                            "the host embed-migrations' absolute path, e.g. /host/prefix/bin/embed-migrations")
      endif()
      string(MAKE_C_IDENTIFIER "${generator_command}" generator_id)
      find_program(EMBEDDED_MIGRATIONS_GENERATOR_${generator_id} NAMES "${generator_command}" NO_PACKAGE_ROOT_PATH
                   NO_CMAKE_PATH NO_CMAKE_ENVIRONMENT_PATH NO_CMAKE_SYSTEM_PATH NO_CMAKE_INSTALL_PREFIX)
      mark_as_advanced(EMBEDDED_MIGRATIONS_GENERATOR_${generator_id})
      if(NOT EMBEDDED_MIGRATIONS_GENERATOR_${generator_id})
        message(FATAL_ERROR "${fn}: EMBEDDED_MIGRATIONS_GENERATOR '${generator_command}' is not a program on PATH; "
                            "give the host embed-migrations' absolute path, e.g. /host/prefix/bin/embed-migrations")
      endif()
      set(generator_command "${EMBEDDED_MIGRATIONS_GENERATOR_${generator_id}}")
    endif()
    set(generator_dependency "${generator_command}")
  elseif(TARGET EmbeddedMigrations::embed-migrations)
    set(generator_command "$<TARGET_FILE:EmbeddedMigrations::embed-migrations>")
    get_target_property(generator_dependency EmbeddedMigrations::embed-migrations ALIASED_TARGET)
    if(NOT generator_dependency)
      set(generator_dependency EmbeddedMigrations::embed-migrations)
    endif()
  else()
    message(FATAL_ERROR "${fn}: no embed-migrations to run: set EMBEDDED_MIGRATIONS_GENERATOR to a host one")
  endif()

  set(extra_args)
  if(arg_ALLOW_EMPTY)
    list(APPEND extra_args --allow-empty)
  endif()
  foreach(function IN LISTS arg_FUNCTIONS)
    list(APPEND extra_args --function "${function}")
  endforeach()
  # The replay's tracking table and limits, checked here so that a typo fails
  # the configure step, naming the argument (the generator checks them again).
  if(DEFINED arg_TABLE)
    string(LENGTH "${arg_TABLE}" table_length)
    if(NOT arg_TABLE MATCHES "^[A-Za-z_][A-Za-z0-9_]*$" OR table_length GREATER 64 OR arg_TABLE MATCHES "^[sS][qQ][lL][iI][tT][eE]_")
      message(FATAL_ERROR "${fn}: TABLE '${arg_TABLE}' is not a valid tracking table name: use 1 to 64 "
                          "ASCII letters, digits or '_', not starting with a digit or sqlite_")
    endif()
    list(APPEND extra_args --table "${arg_TABLE}")
  endif()
  foreach(limit REPLAY_TIMEOUT REPLAY_MEMORY)
    if(DEFINED arg_${limit})
      # The generator's bounds (load_and_validate in cli.cpp): a week, a TiB.
      # Compared as text first, since CMake's integers overflow past 2^63.
      string(REGEX REPLACE "^0+" "" digits "${arg_${limit}}")
      string(LENGTH "${digits}" length)
      if(NOT arg_${limit} MATCHES "^[0-9]+$" OR digits STREQUAL "" OR length GREATER 7
         OR (limit STREQUAL "REPLAY_TIMEOUT" AND digits GREATER 604800)
         OR (limit STREQUAL "REPLAY_MEMORY" AND digits GREATER 1048576))
        if(limit STREQUAL "REPLAY_TIMEOUT")
          set(bound "604800 (seconds, a week)")
        else()
          set(bound "1048576 (MiB, a TiB)")
        endif()
        message(FATAL_ERROR "${fn}: ${limit} '${arg_${limit}}' must be a positive integer up to ${bound}")
      endif()
      string(TOLOWER "${limit}" flag)
      string(REPLACE "_" "-" flag "${flag}")
      list(APPEND extra_args "--${flag}" "${arg_${limit}}")
    endif()
  endforeach()
  # The oldest SQLite the application runs on: --min-sqlite, checked again there.
  if(DEFINED arg_MIN_SQLITE_VERSION)
    if(NOT arg_MIN_SQLITE_VERSION MATCHES "^3\\.[0-9]+(\\.[0-9]+)?$")
      message(FATAL_ERROR "${fn}: MIN_SQLITE_VERSION '${arg_MIN_SQLITE_VERSION}' is not a SQLite 3 "
                          "version; write it as 3.MINOR.PATCH, e.g. 3.31.0")
    endif()
    list(APPEND extra_args --min-sqlite "${arg_MIN_SQLITE_VERSION}")
  endif()
  # The foreign-key mode the application applies the set in; the build replays in it.
  if(DEFINED arg_FOREIGN_KEYS)
    string(TOUPPER "${arg_FOREIGN_KEYS}" foreign_keys)
    if(NOT foreign_keys MATCHES "^(ON|OFF)$")
      message(FATAL_ERROR "${fn}: FOREIGN_KEYS '${arg_FOREIGN_KEYS}' must be ON or OFF: whether the "
                          "application turns PRAGMA foreign_keys on before it applies the migrations")
    endif()
    string(TOLOWER "${foreign_keys}" foreign_keys)
    list(APPEND extra_args --foreign-keys "${foreign_keys}")
  endif()
  # Seed files: rows the replay loads (--seed-dir, checked again there). The
  # depfile names the directory and every seed, so adding, editing or deleting
  # one re-runs the check; they are never embedded.
  if(DEFINED arg_SEED_DIRECTORY)
    get_filename_component(seed_directory "${arg_SEED_DIRECTORY}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
    if(NOT IS_DIRECTORY "${seed_directory}")
      message(FATAL_ERROR "${fn}: SEED_DIRECTORY ${seed_directory} is not a directory; create it and add "
                          "NNN_description.sql files of rows, each loaded right after migration NNN")
    endif()
    if(seed_directory STREQUAL directory)
      message(FATAL_ERROR "${fn}: SEED_DIRECTORY is the migrations' DIRECTORY; keep the seed files in a "
                          "directory of their own")
    endif()
    if(DEFINED arg_VALIDATE AND NOT arg_VALIDATE)
      message(FATAL_ERROR "${fn}: SEED_DIRECTORY needs the SQL replayed; remove VALIDATE OFF")
    endif()
    list(APPEND extra_args --seed-dir "${seed_directory}")
  endif()
  # The escape hatch: names and content are still checked, the SQL is not replayed.
  if(DEFINED arg_VALIDATE AND NOT arg_VALIDATE)
    list(APPEND extra_args --no-validate)
  endif()

  set(replay_args ${extra_args})  # what `embed-migrations schema` needs to replay the same way

  # --- SCHEMA_FILE, DESTRUCTIVE and FRESH_SNAPSHOT (the schema as an artifact) ---
  # Each maps to one generator flag; <target>_update_schema rewrites the
  # snapshot with `embed-migrations schema`, the remedy the build prints. It
  # replays as the build does (every argument above: tracking table, functions,
  # limits, foreign-key mode, seeds), or it would write a different schema or
  # refuse a set the build accepts (an app's own table called migrations).
  if(DEFINED arg_SCHEMA_FILE OR DEFINED arg_DESTRUCTIVE OR arg_FRESH_SNAPSHOT)
    if(DEFINED arg_VALIDATE AND NOT arg_VALIDATE)
      message(FATAL_ERROR "${fn}: SCHEMA_FILE, DESTRUCTIVE and FRESH_SNAPSHOT need the SQL replayed; "
                          "remove VALIDATE OFF")
    endif()
  endif()
  if(arg_FRESH_SNAPSHOT)
    list(APPEND extra_args --fresh-snapshot)
  endif()
  if(DEFINED arg_DESTRUCTIVE)
    string(TOLOWER "${arg_DESTRUCTIVE}" destructive_mode)
    if(NOT destructive_mode MATCHES "^(report|error)$")
      message(FATAL_ERROR "${fn}: DESTRUCTIVE takes REPORT or ERROR, not '${arg_DESTRUCTIVE}'")
    endif()
    list(APPEND extra_args --destructive "${destructive_mode}")
  endif()
  if(DEFINED arg_SCHEMA_FILE)
    get_filename_component(schema_file "${arg_SCHEMA_FILE}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
    list(APPEND extra_args --schema-file "${schema_file}")
    # The snapshot comes from the replay the build checks it against: with
    # TABLE, FOREIGN_KEYS, FUNCTIONS, the limits and the seeds (a set whose
    # own table is named migrations, or that relies on ON DELETE CASCADE,
    # replays differently without them).
    if(TARGET ${target}_update_schema)
      message(FATAL_ERROR "${fn}: only one call per target can have a SCHEMA_FILE "
                          "(${target}_update_schema exists already)")
    endif()
    add_custom_target(${target}_update_schema
      COMMAND "${generator_command}" schema --dir "${directory}" --output "${schema_file}" ${replay_args}
      DEPENDS ${generator_dependency}
      COMMENT "Writing the schema the migrations of ${target} produce to ${arg_SCHEMA_FILE}"
      VERBATIM
    )
  endif()
  # --- end of SCHEMA_FILE, DESTRUCTIVE and FRESH_SNAPSHOT ---


  # How the rule stays right under every generator:
  # - No migration is an explicit dependency. The depfile the generator writes
  #   names every file it read and the directory (whose timestamp changes when
  #   a file is added, removed or renamed); a file listed there that has since
  #   gone only makes the rule run again, where an explicit DEPENDS on a
  #   configure-time glob would stop Ninja with "missing and no known rule".
  #   The first build has no depfile, and runs the rule because nothing exists.
  # - The rule's output is a stamp the generator writes after every successful
  #   run; the header and source are BYPRODUCTS, rewritten only when their
  #   text changes. Ninja restats them, so an edit recompiles only the source
  #   (the header's text does not depend on the migrations).
  # - Make cannot restat, and CMake's Makefile generators keep every path a
  #   custom command's depfile ever listed (CMake 3.25), so after a migration
  #   is deleted or renamed, Make would run the rule on every build. There the
  #   generator runs with --check-stamp: it returns at once, printing nothing,
  #   when the stamp is newer than every input of its last depfile and than
  #   the generator itself, and records the same arguments and version; it
  #   prints the comment itself otherwise.
  #   A no-op build starts no process at all until such a deletion, and one
  #   silent check per build after it.
  # - The rule belongs to a custom target created here, which <target>
  #   depends on: custom command outputs are visible only to targets of the
  #   directory that creates them, and <target> may live in another one.
  file(RELATIVE_PATH shown_directory "${CMAKE_SOURCE_DIR}" "${directory}")
  set(comment "Embedding migrations from ${shown_directory} into ${target} (${arg_HEADER})")
  set(generate_command "${generator_command}" generate
      --dir "${directory}"
      --output-dir "${output_dir}"
      --namespace "${arg_NAMESPACE}"
      --header "${arg_HEADER}"
      --owner "${target}"
      --depfile "${depfile}"
      --stamp "${stamp}"
      ${extra_args})
  # Stems that differ only in punctuation (db-schema, db/schema) make one
  # identifier: number the later target rather than fail on its name.
  string(MAKE_C_IDENTIFIER "${stem}" stem_id)
  set(generate_target "${target}_embed_${stem_id}")
  set(suffix 1)
  while(TARGET "${generate_target}")
    math(EXPR suffix "${suffix} + 1")
    set(generate_target "${target}_embed_${stem_id}_${suffix}")
  endwhile()
  set(command_comment "${comment}")
  if(CMAKE_GENERATOR MATCHES "Make")
    list(APPEND generate_command --check-stamp --comment "${comment}")
    set(command_comment "")  # the generator prints it, and only when it regenerates
  endif()
  add_custom_command(
    OUTPUT "${stamp}"
    BYPRODUCTS "${header}" "${source}"
    COMMAND ${generate_command}
    DEPENDS ${generator_dependency}
    DEPFILE "${depfile}"
    COMMENT "${command_comment}"
    VERBATIM
  )
  add_custom_target("${generate_target}" DEPENDS "${stamp}")
  add_dependencies("${target}" "${generate_target}")

  set_source_files_properties("${header}" "${source}" TARGET_DIRECTORY "${target}" PROPERTIES GENERATED TRUE)
  target_sources("${target}" PRIVATE "${header}" "${source}")
  target_include_directories("${target}" PUBLIC "$<BUILD_INTERFACE:${output_dir}>")
  # Set the link property directly: target_link_libraries() would clash with
  # whichever signature (keyword or plain) the caller already used on the target.
  set_property(TARGET "${target}" APPEND PROPERTY LINK_LIBRARIES EmbeddedMigrations::runtime)
  if(NOT type STREQUAL "EXECUTABLE")
    set_property(TARGET "${target}" APPEND PROPERTY INTERFACE_LINK_LIBRARIES EmbeddedMigrations::runtime)
  endif()
endfunction()

cmake_policy(POP)
