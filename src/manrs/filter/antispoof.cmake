# Anti-spoofing (source address validation): RFC 8704 EFP-uRPF algorithms A and B, observations
# of the Adj-RIBs-In from MRT files, and the per-customer planner behind `manrs antispoof`.
list(APPEND FILTER_SRCS antispoof.cpp)
# The observations read MRT files: the filter library needs manrs::mrt (deferred: the target is
# created by CMakeLists.txt after this file is included).
cmake_language(DEFER CALL target_link_libraries manrs_filter PUBLIC manrs::mrt)
manrs_test(NAME filter_antispoof_test SRCS antispoof_test.cpp DEPS manrs::filter manrs::mrt)
