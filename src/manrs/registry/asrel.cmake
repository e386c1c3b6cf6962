# AS relationships: CAIDA as-rel files and Gao's inference from paths (asrel.h).
list(APPEND REGISTRY_SRCS asrel.cpp)
manrs_test(NAME registry_asrel_test SRCS asrel_test.cpp DEPS manrs::registry)
