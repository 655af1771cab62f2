# Compiler settings shared by every target the project builds.

find_program(CCACHE_PROGRAM ccache)
if(CCACHE_PROGRAM)
    set(CMAKE_CXX_COMPILER_LAUNCHER "${CCACHE_PROGRAM}")
endif()

# Project code only: third-party headers come in as SYSTEM includes, so their warnings stay out.
add_library(aegis_warnings INTERFACE)
target_compile_options(aegis_warnings INTERFACE -Wall -Wextra -Wpedantic)

# Qt's `slots`/`signals`/`emit` macros collide with libtorch headers, so Qt keywords are off everywhere.
add_compile_definitions(QT_NO_KEYWORDS)

# aegis_add_library(NAME <target> [LINKS ...]): a static layer library whose sources are added by
# target_sources() in the area subdirectories, so each area owns its own file list.
function(aegis_add_library target)
    add_library(${target} STATIC)
    target_include_directories(${target} PUBLIC "${PROJECT_SOURCE_DIR}" "${PROJECT_BINARY_DIR}/generated")
    target_link_libraries(${target} PRIVATE aegis_warnings)
    set_target_properties(${target} PROPERTIES AUTOMOC ON POSITION_INDEPENDENT_CODE ON)
endfunction()
