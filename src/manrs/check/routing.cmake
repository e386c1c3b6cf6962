# Routing analysis (routing.h): the MRT pass, the window's routes (Action 4) and the Action 1
# events; testing/ holds the MRT builder the scenario tests use.
list(APPEND CHECK_SRCS routing.cpp routing_store.cpp routing_events.cpp)
manrs_test(NAME check_routing_test
  SRCS routing_scenario_test.cpp testing/mrt_builder.cpp
  DEPS manrs::check)
manrs_test(NAME check_routing_data_test SRCS routing_data_test.cpp DEPS manrs::check)
if(MANRS_BUILD_TESTS)
  add_executable(routing_perf_tool routing_perf_tool.cpp testing/mrt_builder.cpp)
  target_link_libraries(routing_perf_tool PRIVATE manrs_options manrs::check fmt::fmt)
endif()
