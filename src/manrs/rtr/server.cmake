# rtr server: the cache (cache.cpp) and the asio server (server.cpp), appended to the rtr library
# by CMakeLists.txt, and their tests. asio is header-only (standalone, no deprecated API).
list(APPEND RTR_SRCS cache.cpp server.cpp)
set_source_files_properties(server.cpp PROPERTIES COMPILE_DEFINITIONS
                            "ASIO_STANDALONE;ASIO_NO_DEPRECATED")
# manrs_library(NAME rtr) runs after this file: link Threads once the target exists.
cmake_language(DEFER CALL target_link_libraries manrs_rtr PUBLIC Threads::Threads)
cmake_language(DEFER CALL target_include_directories manrs_rtr SYSTEM PRIVATE ${ASIO_INCLUDE_DIR})

manrs_test(NAME rtr_server_test SRCS cache_test.cpp server_test.cpp DEPS manrs::rtr)
if(TARGET rtr_server_test)
  target_compile_definitions(rtr_server_test PRIVATE ASIO_STANDALONE ASIO_NO_DEPRECATED)
  target_include_directories(rtr_server_test SYSTEM PRIVATE ${ASIO_INCLUDE_DIR})
endif()
