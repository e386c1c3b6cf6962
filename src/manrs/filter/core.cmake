# The model, bogons, generation, aggregation, the delta check and shared render helpers.
list(APPEND FILTER_SRCS model.cpp render.cpp bogons.cpp generate.cpp aggregate.cpp safety.cpp
  internal/lines.cpp)
manrs_test(NAME filter_core_test SRCS bogons_test.cpp generate_test.cpp aggregate_test.cpp
  safety_test.cpp render_test.cpp DEPS manrs::filter)
# The dialect registry links every render_<id>.cpp (the two dialect .cmake files).
list(APPEND FILTER_SRCS registry.cpp)
manrs_test(NAME filter_hostile_test SRCS hostile_test.cpp DEPS manrs::filter)
