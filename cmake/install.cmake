# Installs the runtime, its headers, the generator and the CMake package that
# find_package(EmbeddedMigrations CONFIG) loads.
include(CMakePackageConfigHelpers)

set(embedded_migrations_cmake_dir "${CMAKE_INSTALL_LIBDIR}/cmake/EmbeddedMigrations")

set(embedded_migrations_installed_targets embedded_migrations_runtime)
if(TARGET embed-migrations)
  list(APPEND embedded_migrations_installed_targets embed-migrations)
endif()
install(TARGETS ${embedded_migrations_installed_targets}
  EXPORT EmbeddedMigrationsTargets
  RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}"
  LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}"
  ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}"
)
install(DIRECTORY "${PROJECT_SOURCE_DIR}/runtime/include/" DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
install(EXPORT EmbeddedMigrationsTargets
  NAMESPACE EmbeddedMigrations::
  DESTINATION "${embedded_migrations_cmake_dir}"
)

configure_package_config_file(
  "${PROJECT_SOURCE_DIR}/cmake/EmbeddedMigrationsConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/EmbeddedMigrationsConfig.cmake"
  INSTALL_DESTINATION "${embedded_migrations_cmake_dir}"
)
# 0.x releases may break compatibility between minor versions.
write_basic_package_version_file(
  "${PROJECT_BINARY_DIR}/EmbeddedMigrationsConfigVersion.cmake"
  COMPATIBILITY SameMinorVersion
)
install(FILES
  "${PROJECT_BINARY_DIR}/EmbeddedMigrationsConfig.cmake"
  "${PROJECT_BINARY_DIR}/EmbeddedMigrationsConfigVersion.cmake"
  "${PROJECT_SOURCE_DIR}/cmake/AddEmbeddedMigrations.cmake"
  DESTINATION "${embedded_migrations_cmake_dir}"
)
