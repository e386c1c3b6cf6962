# Routing-daemon and data dialects: BIRD 2, FRR, OpenBGPD, JSON, plain (render_<id>.cpp) and
# what they share (internal/daemon_common.cpp). Golden files: tests/golden/filter/<id>/.
list(APPEND FILTER_SRCS render_bird.cpp render_frr.cpp render_openbgpd.cpp render_json.cpp
     render_plain.cpp internal/daemon_common.cpp)
manrs_test(NAME filter_dialects_daemon_test SRCS dialects_daemon_test.cpp DEPS manrs::filter
  nlohmann_json::nlohmann_json)
