# The model, bogons, generation, aggregation, the delta check and shared render helpers.
list(APPEND FILTER_SRCS model.cpp render.cpp bogons.cpp generate.cpp aggregate.cpp safety.cpp)
manrs_test(NAME filter_core_test SRCS bogons_test.cpp generate_test.cpp aggregate_test.cpp
  safety_test.cpp render_test.cpp DEPS manrs::filter)
# The dialect registry links every render_<id>.cpp (the two dialect .cmake files).
set(_filter_all_dialects TRUE)
foreach(d cisco iosxr junos arista nokia nokia_md huawei mikrotik bird frr openbgpd json plain)
  if(NOT EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/render_${d}.cpp)
    set(_filter_all_dialects FALSE)
  endif()
endforeach()
if(_filter_all_dialects)
  list(APPEND FILTER_SRCS registry.cpp)
endif()
set(MANRS_FILTER_REGISTRY ${_filter_all_dialects} PARENT_SCOPE)
