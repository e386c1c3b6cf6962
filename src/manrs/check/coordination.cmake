# Action 3 (M8), the aut-num / as-set part of Action 4 (M6), Action 2 (M5) and remediation.
list(APPEND CHECK_SRCS coordination.cpp spoofing.cpp remediation.cpp)
manrs_test(NAME check_coordination_test SRCS coordination_test.cpp DEPS manrs::check)
manrs_test(NAME check_remediation_test SRCS remediation_test.cpp DEPS manrs::check)
