#include "manrs/mrt/record.h"

namespace manrs::mrt {

std::string_view table_dump_v2_subtype_name(std::uint16_t subtype) {
  static constexpr std::string_view kNames[] = {"?",
                                                "PEER_INDEX_TABLE",
                                                "RIB_IPV4_UNICAST",
                                                "RIB_IPV4_MULTICAST",
                                                "RIB_IPV6_UNICAST",
                                                "RIB_IPV6_MULTICAST",
                                                "RIB_GENERIC",
                                                "GEO_PEER_TABLE",
                                                "RIB_IPV4_UNICAST_ADDPATH",
                                                "RIB_IPV4_MULTICAST_ADDPATH",
                                                "RIB_IPV6_UNICAST_ADDPATH",
                                                "RIB_IPV6_MULTICAST_ADDPATH",
                                                "RIB_GENERIC_ADDPATH"};
  return subtype < std::size(kNames) ? kNames[subtype] : "?";
}

std::string_view bgp4mp_subtype_name(std::uint16_t subtype) {
  static constexpr std::string_view kNames[] = {"STATE_CHANGE",
                                                "MESSAGE",
                                                "ENTRY",
                                                "SNAPSHOT",
                                                "MESSAGE_AS4",
                                                "STATE_CHANGE_AS4",
                                                "MESSAGE_LOCAL",
                                                "MESSAGE_AS4_LOCAL",
                                                "MESSAGE_ADDPATH",
                                                "MESSAGE_AS4_ADDPATH",
                                                "MESSAGE_LOCAL_ADDPATH",
                                                "MESSAGE_AS4_LOCAL_ADDPATH"};
  return subtype < std::size(kNames) ? kNames[subtype] : "?";
}

}  // namespace manrs::mrt
