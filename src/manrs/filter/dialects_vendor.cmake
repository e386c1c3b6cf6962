# The vendor router dialects (Cisco IOS/IOS-XE, IOS XR, Junos, Arista EOS, Nokia SR OS classic and
# MD-CLI, Huawei VRP, MikroTik RouterOS 7) and their golden tests (tests/golden/filter/<dialect>/).
list(APPEND FILTER_SRCS
  render_cisco.cpp render_iosxr.cpp render_junos.cpp render_arista.cpp render_nokia.cpp
  render_nokia_md.cpp render_huawei.cpp render_mikrotik.cpp)
manrs_test(NAME filter_dialects_vendor_test SRCS dialects_vendor_test.cpp DEPS manrs::filter)
