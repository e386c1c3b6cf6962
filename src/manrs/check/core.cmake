# The model and scoring (§3.4), report assembly and the data directory.
list(APPEND CHECK_SRCS model.cpp datadir.cpp assemble.cpp)
manrs_test(NAME check_model_test SRCS model_test.cpp datadir_test.cpp DEPS manrs::check)
