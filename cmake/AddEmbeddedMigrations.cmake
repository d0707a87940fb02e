# add_embedded_migrations(<target>
#   [DIRECTORY <dir>]       # default: ${CMAKE_CURRENT_SOURCE_DIR}/migrations
#   [NAMESPACE <ns>]        # default: <target>_migrations
#   [HEADER <name>]         # default: <target>_migrations.hpp
#   [FUNCTIONS <name/nargs>...]  # application SQL functions the migrations call
#   [VALIDATE <ON|OFF>]     # default ON: replay the SQL at build time
#   [SCHEMA_FILE <file>]    # committed schema snapshot the build keeps fresh; adds <target>_update_schema
#   [DESTRUCTIVE <REPORT|ERROR>]  # ERROR: a dropping migration needs "-- destructive: <reason>"
#   [FRESH_SNAPSHOT]        # embed the final schema and rows for options::fresh_from_snapshot
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
  cmake_parse_arguments(PARSE_ARGV 1 arg "ALLOW_EMPTY;FRESH_SNAPSHOT" "DIRECTORY;NAMESPACE;HEADER;VALIDATE;SCHEMA_FILE;DESTRUCTIVE" "FUNCTIONS")
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
  # The escape hatch: names and content are still checked, the SQL is not replayed.
  if(DEFINED arg_VALIDATE AND NOT arg_VALIDATE)
    list(APPEND extra_args --no-validate)
  endif()

  # --- SCHEMA_FILE, DESTRUCTIVE and FRESH_SNAPSHOT (the schema as an artifact) ---
  # Each maps to one generator flag; <target>_update_schema rewrites the
  # snapshot with `embed-migrations schema`, the remedy the build prints.
  if(DEFINED arg_SCHEMA_FILE OR DEFINED arg_DESTRUCTIVE OR arg_FRESH_SNAPSHOT)
    if(DEFINED arg_VALIDATE AND NOT arg_VALIDATE)
      message(FATAL_ERROR "${fn}(${target}): SCHEMA_FILE, DESTRUCTIVE and FRESH_SNAPSHOT need the SQL replayed; "
                          "remove VALIDATE OFF")
    endif()
  endif()
  if(arg_FRESH_SNAPSHOT)
    list(APPEND extra_args --fresh-snapshot)
  endif()
  if(DEFINED arg_DESTRUCTIVE)
    string(TOLOWER "${arg_DESTRUCTIVE}" destructive_mode)
    if(NOT destructive_mode MATCHES "^(report|error)$")
      message(FATAL_ERROR "${fn}(${target}): DESTRUCTIVE takes REPORT or ERROR, not '${arg_DESTRUCTIVE}'")
    endif()
    list(APPEND extra_args --destructive "${destructive_mode}")
  endif()
  if(DEFINED arg_SCHEMA_FILE)
    get_filename_component(schema_file "${arg_SCHEMA_FILE}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
    list(APPEND extra_args --schema-file "${schema_file}")
    set(schema_args)
    if(arg_ALLOW_EMPTY)
      list(APPEND schema_args --allow-empty)
    endif()
    foreach(function IN LISTS arg_FUNCTIONS)
      list(APPEND schema_args --function "${function}")
    endforeach()
    if(TARGET ${target}_update_schema)
      message(FATAL_ERROR "${fn}(${target}): only one call per target can have a SCHEMA_FILE "
                          "(${target}_update_schema exists already)")
    endif()
    add_custom_target(${target}_update_schema
      COMMAND "${generator_command}" schema --dir "${directory}" --output "${schema_file}" ${schema_args}
      DEPENDS ${generator_dependency}
      COMMENT "Writing the schema the migrations of ${target} produce to ${arg_SCHEMA_FILE}"
      VERBATIM
    )
  endif()
  # --- end of SCHEMA_FILE, DESTRUCTIVE and FRESH_SNAPSHOT ---

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
