# Anti-spoofing (source address validation): RFC 8704 EFP-uRPF algorithms A and B, observations
# of the Adj-RIBs-In from MRT files, and the per-customer planner behind `manrs antispoof`.
list(APPEND FILTER_SRCS antispoof.cpp)
# The observations read MRT files (manrs::mrt is in the library's DEPS, CMakeLists.txt).
manrs_test(NAME filter_antispoof_test SRCS antispoof_test.cpp DEPS manrs::filter manrs::mrt)
