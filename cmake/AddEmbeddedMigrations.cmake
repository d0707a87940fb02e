# add_embedded_migrations(<target>
#   [DIRECTORY <dir>]       # default: ${CMAKE_CURRENT_SOURCE_DIR}/migrations
#   [NAMESPACE <ns>]        # default: <target>_migrations
#   [HEADER <name>]         # default: <target>_migrations.hpp
#   [FUNCTIONS <name/nargs>...]  # application SQL functions the migrations call
#   [VALIDATE <ON|OFF>]     # default ON: replay the SQL at build time
#   [TABLE <name>]          # default migrations: the tracking table, embedded in the set
#   [REPLAY_TIMEOUT <s>]    # default 60: seconds one migration's replay may take
#   [REPLAY_MEMORY <MiB>]   # default 1024: memory one migration's replay may use
#   [MIN_SQLITE_VERSION <v>]  # e.g. 3.31.0: fail the build where a migration needs a newer SQLite
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
# file:line:column: error: messages when one is malformed.
include_guard(GLOBAL)

# Functions record the policies in force where they are defined; 3.20's
# CMP0116 makes DEPFILE behave the same in every directory of a Ninja build.
cmake_policy(PUSH)
cmake_policy(VERSION 3.20)

function(add_embedded_migrations target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "ALLOW_EMPTY" "DIRECTORY;NAMESPACE;HEADER;VALIDATE;TABLE;REPLAY_TIMEOUT;REPLAY_MEMORY;MIN_SQLITE_VERSION" "FUNCTIONS")
  set(fn "add_embedded_migrations")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "${fn}(${target}): unknown arguments: ${arg_UNPARSED_ARGUMENTS}")
  endif()
  # An empty FUNCTIONS list (say, from an empty variable) is fine.
  list(REMOVE_ITEM arg_KEYWORDS_MISSING_VALUES FUNCTIONS)
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

  get_property(headers TARGET "${target}" PROPERTY EMBEDDED_MIGRATIONS_HEADERS)
  if("${arg_HEADER}" IN_LIST headers)
    message(FATAL_ERROR "${fn}(${target}): HEADER ${arg_HEADER} is already generated for this target; "
                        "give each call on the same target its own HEADER")
  endif()
  set_property(TARGET "${target}" APPEND PROPERTY EMBEDDED_MIGRATIONS_HEADERS "${arg_HEADER}")

  set(output_dir "${CMAKE_CURRENT_BINARY_DIR}/embedded_migrations/${target}")
  set(header "${output_dir}/${arg_HEADER}")
  string(REGEX REPLACE "\\.[^./]*$" ".cpp" source "${header}")
  set(depfile "${header}.d")

  # Generator: a host one when cross-compiling, else the one built alongside
  # (add_subdirectory) or installed (find_package).
  if(EMBEDDED_MIGRATIONS_GENERATOR)
    set(generator_command "${EMBEDDED_MIGRATIONS_GENERATOR}")
    set(generator_dependency "${EMBEDDED_MIGRATIONS_GENERATOR}")
  elseif(TARGET EmbeddedMigrations::embed-migrations)
    set(generator_command "$<TARGET_FILE:EmbeddedMigrations::embed-migrations>")
    get_target_property(generator_dependency EmbeddedMigrations::embed-migrations ALIASED_TARGET)
    if(NOT generator_dependency)
      set(generator_dependency EmbeddedMigrations::embed-migrations)
    endif()
  else()
    message(FATAL_ERROR "${fn}: no embed-migrations to run: set EMBEDDED_MIGRATIONS_GENERATOR to a host one")
  endif()

  # The files known now; the depfile written by the generator adds the
  # directory itself, so files added later trigger a regeneration too.
  file(GLOB migration_files LIST_DIRECTORIES false "${directory}/*.sql")
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
      message(FATAL_ERROR "${fn}(${target}): TABLE '${arg_TABLE}' is not a valid tracking table name: use 1 to 64 "
                          "ASCII letters, digits or '_', not starting with a digit or sqlite_")
    endif()
    list(APPEND extra_args --table "${arg_TABLE}")
  endif()
  foreach(limit REPLAY_TIMEOUT REPLAY_MEMORY)
    if(DEFINED arg_${limit})
      if(NOT arg_${limit} MATCHES "^[0-9]+$" OR arg_${limit} MATCHES "^0+$")
        message(FATAL_ERROR "${fn}(${target}): ${limit} '${arg_${limit}}' must be a positive integer "
                            "(REPLAY_TIMEOUT in seconds, REPLAY_MEMORY in MiB)")
      endif()
      string(TOLOWER "${limit}" flag)
      string(REPLACE "_" "-" flag "${flag}")
      list(APPEND extra_args "--${flag}" "${arg_${limit}}")
    endif()
  endforeach()
  # The oldest SQLite the application runs on: --min-sqlite, checked again there.
  if(DEFINED arg_MIN_SQLITE_VERSION)
    if(NOT arg_MIN_SQLITE_VERSION MATCHES "^3\\.[0-9]+(\\.[0-9]+)?$")
      message(FATAL_ERROR "${fn}(${target}): MIN_SQLITE_VERSION '${arg_MIN_SQLITE_VERSION}' is not a SQLite 3 "
                          "version; write it as 3.MINOR.PATCH, e.g. 3.31.0")
    endif()
    list(APPEND extra_args --min-sqlite "${arg_MIN_SQLITE_VERSION}")
  endif()
  # The escape hatch: names and content are still checked, the SQL is not replayed.
  if(DEFINED arg_VALIDATE AND NOT arg_VALIDATE)
    list(APPEND extra_args --no-validate)
  endif()

  file(RELATIVE_PATH shown_directory "${CMAKE_SOURCE_DIR}" "${directory}")
  add_custom_command(
    OUTPUT "${header}" "${source}"
    COMMAND "${generator_command}" generate
            --dir "${directory}"
            --output-dir "${output_dir}"
            --namespace "${arg_NAMESPACE}"
            --header "${arg_HEADER}"
            --depfile "${depfile}"
            ${extra_args}
    DEPENDS ${generator_dependency} ${migration_files}
    DEPFILE "${depfile}"
    COMMENT "Embedding migrations from ${shown_directory} into ${target} (${arg_HEADER})"
    VERBATIM
  )
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
