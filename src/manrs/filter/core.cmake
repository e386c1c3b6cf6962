# The model, bogons, generation, aggregation, the delta check and shared render helpers.
list(APPEND FILTER_SRCS model.cpp render.cpp)
