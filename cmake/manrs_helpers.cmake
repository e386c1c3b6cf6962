# Helpers for manrs targets: one per target kind (library, test, fuzzer, bench).
# Folder = namespace = target: src/manrs/net -> manrs::net -> target manrs_net.

set(MANRS_WARNINGS -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
    -Wnon-virtual-dtor -Wold-style-cast)

add_library(manrs_options INTERFACE)
target_compile_options(manrs_options INTERFACE ${MANRS_WARNINGS})
target_include_directories(manrs_options INTERFACE ${PROJECT_SOURCE_DIR}/src)
if(MANRS_WERROR)
  target_compile_options(manrs_options INTERFACE -Werror)
endif()
if(MANRS_SANITIZE)
  target_compile_options(manrs_options INTERFACE -fsanitize=address,undefined
                         -fno-sanitize-recover=all -fno-omit-frame-pointer -D_GLIBCXX_ASSERTIONS)
  target_link_options(manrs_options INTERFACE -fsanitize=address,undefined)
endif()
if(MANRS_LIBFUZZER)
  target_compile_options(manrs_options INTERFACE -fsanitize=fuzzer-no-link,address,undefined
                         -fno-omit-frame-pointer)
  target_link_options(manrs_options INTERFACE -fsanitize=address,undefined)
endif()

# manrs_library(NAME net SRCS a.cpp b.cpp DEPS manrs::core PUBLIC_LIBS fmt::fmt PRIVATE_LIBS ...)
function(manrs_library)
  cmake_parse_arguments(ML "" "NAME" "SRCS;DEPS;PUBLIC_LIBS;PRIVATE_LIBS" ${ARGN})
  set(target manrs_${ML_NAME})
  add_library(${target} STATIC ${ML_SRCS})
  add_library(manrs::${ML_NAME} ALIAS ${target})
  target_link_libraries(${target} PUBLIC manrs_options ${ML_DEPS} ${ML_PUBLIC_LIBS}
                        PRIVATE ${ML_PRIVATE_LIBS})
endfunction()

# manrs_test(NAME net_test SRCS prefix_test.cpp DEPS manrs::net)
function(manrs_test)
  cmake_parse_arguments(MT "" "NAME" "SRCS;DEPS" ${ARGN})
  if(NOT MANRS_BUILD_TESTS)
    return()
  endif()
  add_executable(${MT_NAME} ${MT_SRCS})
  target_link_libraries(${MT_NAME} PRIVATE manrs_options ${MT_DEPS} GTest::gtest GTest::gtest_main)
  target_compile_definitions(${MT_NAME} PRIVATE
    MANRS_SHARED_DIR="${MANRS_SHARED_DIR}" MANRS_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  include(GoogleTest)
  gtest_discover_tests(${MT_NAME} DISCOVERY_TIMEOUT 60)
endfunction()

# manrs_fuzzer(NAME mrt SRCS fuzz_mrt.cpp DEPS manrs::mrt): builds fuzz_<name>; with libFuzzer
# when MANRS_LIBFUZZER, else with replay_main.cpp; ctest replays fuzz/corpus/<name>/ either way.
function(manrs_fuzzer)
  cmake_parse_arguments(MF "" "NAME" "SRCS;DEPS" ${ARGN})
  set(target fuzz_${MF_NAME})
  if(MANRS_LIBFUZZER)
    add_executable(${target} ${MF_SRCS})
    target_link_options(${target} PRIVATE -fsanitize=fuzzer)
  else()
    add_executable(${target} ${MF_SRCS} ${PROJECT_SOURCE_DIR}/fuzz/replay_main.cpp)
  endif()
  target_link_libraries(${target} PRIVATE manrs_options ${MF_DEPS})
  set(corpus ${PROJECT_SOURCE_DIR}/fuzz/corpus/${MF_NAME})
  if(MANRS_LIBFUZZER)
    add_test(NAME fuzz_replay_${MF_NAME} COMMAND ${target} -runs=0 ${corpus})
  else()
    add_test(NAME fuzz_replay_${MF_NAME} COMMAND ${target} ${corpus})
  endif()
endfunction()

# manrs_bench(NAME mrt SRCS bench_mrt.cpp DEPS manrs::mrt)
function(manrs_bench)
  cmake_parse_arguments(MB "" "NAME" "SRCS;DEPS" ${ARGN})
  add_executable(bench_${MB_NAME} ${MB_SRCS})
  target_link_libraries(bench_${MB_NAME} PRIVATE manrs_options ${MB_DEPS} benchmark::benchmark)
  target_compile_definitions(bench_${MB_NAME} PRIVATE MANRS_SHARED_DIR="${MANRS_SHARED_DIR}")
endfunction()
