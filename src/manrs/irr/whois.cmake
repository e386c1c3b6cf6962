# The whois query decoder (query.cpp), responder (whois.cpp) and asio server (server.cpp).
list(APPEND IRR_SRCS query.cpp whois.cpp internal/whois_lookup.cpp server.cpp)
set_source_files_properties(server.cpp PROPERTIES COMPILE_DEFINITIONS
                            "ASIO_STANDALONE;ASIO_NO_DEPRECATED")
cmake_language(DEFER CALL target_link_libraries manrs_irr PUBLIC Threads::Threads)
cmake_language(DEFER CALL target_include_directories manrs_irr SYSTEM PRIVATE ${ASIO_INCLUDE_DIR})
manrs_test(NAME irr_whois_test SRCS query_test.cpp whois_test.cpp whois_capture_test.cpp server_test.cpp
  DEPS manrs::irr)
if(TARGET irr_whois_test)
  target_compile_definitions(irr_whois_test PRIVATE ASIO_STANDALONE ASIO_NO_DEPRECATED)
  target_include_directories(irr_whois_test SYSTEM PRIVATE ${ASIO_INCLUDE_DIR})
endif()
