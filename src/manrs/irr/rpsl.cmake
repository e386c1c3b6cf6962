# RPSL scanner (rpsl.cpp) and typed object views (objects*.cpp), with their tests.
list(APPEND IRR_SRCS rpsl.cpp objects.cpp objects_policy.cpp objects_other.cpp)
manrs_test(NAME irr_rpsl_test SRCS rpsl_test.cpp objects_test.cpp rpsl_hostile_test.cpp
  DEPS manrs::irr)
