# Warning flags for this project's own targets (not exported to consumers).
option(EMBEDDED_MIGRATIONS_WERROR "Treat compiler warnings as errors in this project's targets" OFF)

function(embedded_migrations_set_warnings target)
  if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion)
    if(EMBEDDED_MIGRATIONS_WERROR)
      target_compile_options(${target} PRIVATE -Werror)
    endif()
  elseif(MSVC)
    target_compile_options(${target} PRIVATE /W4 $<$<BOOL:${EMBEDDED_MIGRATIONS_WERROR}>:/WX>)
  endif()
endfunction()
