# The app that find-package-test and add-subdirectory-test build: two
# migration sets on one target, the generated code held to -Werror.
add_executable(app "${CMAKE_CURRENT_LIST_DIR}/main.cpp")
target_compile_features(app PRIVATE cxx_std_17)
if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
  target_compile_options(app PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Werror)
endif()
# The plain target_link_libraries() signature on purpose: add_embedded_migrations()
# must not clash with whichever signature the project already uses.
target_link_libraries(app SQLite::SQLite3)

add_embedded_migrations(app
  DIRECTORY "${CMAKE_CURRENT_LIST_DIR}/migrations"
  NAMESPACE app::schema
  HEADER app_schema.hpp
)
add_embedded_migrations(app
  DIRECTORY "${CMAKE_CURRENT_LIST_DIR}/audit_migrations"
  NAMESPACE app::audit
  HEADER audit/schema.hpp
)
