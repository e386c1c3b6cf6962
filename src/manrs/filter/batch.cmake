# `manrs batch`: TOML configuration (toml++), one run for every customer and session.
list(APPEND FILTER_SRCS batch.cpp)
set(FILTER_PRIVATE_LIBS tomlplusplus::tomlplusplus)
manrs_test(NAME filter_batch_test SRCS batch_test.cpp DEPS manrs::filter)
