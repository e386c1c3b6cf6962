# The database (database.cpp) and set expansion (expand.cpp), with their tests.
list(APPEND IRR_SRCS database.cpp expand.cpp)
manrs_test(NAME irr_db_test SRCS database_test.cpp expand_test.cpp DEPS manrs::irr)
