# Compiler settings shared by every target the project builds.

find_program(CCACHE_PROGRAM ccache)
if(CCACHE_PROGRAM)
    set(CMAKE_CXX_COMPILER_LAUNCHER "${CCACHE_PROGRAM}")
endif()

# Project code only: third-party headers come in as SYSTEM includes, so their warnings stay out.
add_library(aegis_warnings INTERFACE)
target_compile_options(aegis_warnings INTERFACE -Wall -Wextra -Wpedantic)

# Hardened as Debian builds its packages (dpkg-buildflags; lintian checks for it): bounds-checked libc
# calls, stack canaries, and a read-only GOT bound at start-up. Fortification needs optimisation, so
# Debug builds go without it.
add_compile_options(-fstack-protector-strong $<$<NOT:$<CONFIG:Debug>>:-D_FORTIFY_SOURCE=2>)
add_link_options(-Wl,-z,relro -Wl,-z,now)

# Qt's `slots`/`signals`/`emit` macros collide with libtorch headers, so Qt keywords are off everywhere.
add_compile_definitions(QT_NO_KEYWORDS)

# Each layer (data, models, engines, ui) is built as one static library per area (data/calendar ->
# aegis_data_calendar), gathered by the layer's target (aegis_data). Tests link only the area they test,
# and a layer links only the layers below it.
function(aegis_add_layer layer)
    add_library(aegis_${layer} INTERFACE)
endfunction()

# aegis_add_area(<layer> <area> SOURCES ... [PUBLIC ...] [PRIVATE ...])
function(aegis_add_area layer area)
    cmake_parse_arguments(ARG "" "" "SOURCES;PUBLIC;PRIVATE" ${ARGN})
    set(target aegis_${layer}_${area})
    add_library(${target} STATIC ${ARG_SOURCES})
    target_include_directories(${target} PUBLIC "${PROJECT_SOURCE_DIR}" "${PROJECT_BINARY_DIR}/generated")
    target_link_libraries(${target} PUBLIC ${ARG_PUBLIC} PRIVATE ${ARG_PRIVATE} aegis_warnings)
    set_target_properties(${target} PROPERTIES AUTOMOC ON POSITION_INDEPENDENT_CODE ON)
    target_link_libraries(aegis_${layer} INTERFACE ${target})
endfunction()
