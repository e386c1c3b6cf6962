# The score history in SQLite (issue 7 point 9): history.h.
list(APPEND CHECK_SRCS history.cpp)
list(APPEND CHECK_PRIVATE_LIBS SQLite::SQLite3)
manrs_test(NAME check_history_test SRCS history_test.cpp DEPS manrs::check SQLite::SQLite3 fmt::fmt)
