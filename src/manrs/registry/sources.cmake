# Non-routing data sources: PeeringDB, NRO/RIR delegated stats, AS names, CAIDA Spoofer.
list(APPEND REGISTRY_SRCS
  internal/json_scan.cpp
  peeringdb.cpp
  delegated.cpp
  asnames.cpp
  spoofer.cpp)
manrs_test(NAME registry_peeringdb_test SRCS peeringdb_test.cpp
  DEPS manrs::registry nlohmann_json::nlohmann_json)
manrs_test(NAME registry_delegated_test SRCS delegated_test.cpp DEPS manrs::registry)
manrs_test(NAME registry_spoofer_test SRCS spoofer_test.cpp DEPS manrs::registry)
manrs_test(NAME registry_sources_hostile_test SRCS sources_hostile_test.cpp
  DEPS manrs::registry)
