# Installs the build into a fresh prefix, the package every consumer test finds.
include("${CMAKE_CURRENT_LIST_DIR}/helpers.cmake")

file(REMOVE_RECURSE "${PREFIX}")
run_step("install into ${PREFIX}" COMMAND "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${PREFIX}")
foreach(file
    bin/embed-migrations
    include/embedded_migrations/embedded_migrations.hpp
    lib/cmake/EmbeddedMigrations/EmbeddedMigrationsConfig.cmake
    lib/cmake/EmbeddedMigrations/EmbeddedMigrationsConfigVersion.cmake
    lib/cmake/EmbeddedMigrations/EmbeddedMigrationsTargets.cmake
    lib/cmake/EmbeddedMigrations/AddEmbeddedMigrations.cmake)
  if(NOT EXISTS "${PREFIX}/${file}")
    message(FATAL_ERROR "install did not produce ${file}")
  endif()
endforeach()
# Users link only SQLite and us: no fmt, Boost or OpenSSL in the public headers.
file(GLOB headers "${PREFIX}/include/embedded_migrations/*.hpp")
foreach(header ${headers})
  file(READ "${header}" text)
  expect_no_match("${text}" "#include <(fmt|boost|openssl|sqlite3)")
endforeach()
