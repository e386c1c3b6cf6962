#include <array>
#include <string>

#include "manrs/filter/render.h"

namespace manrs::filter {

const std::vector<const Dialect*>& dialects() {
  static const std::vector<const Dialect*> all = {
      &cisco_dialect(), &iosxr_dialect(),    &junos_dialect(),    &arista_dialect(),
      &nokia_dialect(), &nokia_md_dialect(), &huawei_dialect(),   &mikrotik_dialect(),
      &bird_dialect(),  &frr_dialect(),      &openbgpd_dialect(), &json_dialect(),
      &plain_dialect(),
  };
  return all;
}

const Dialect* find_dialect(std::string_view id) {
  std::string key(id);
  for (char& c : key) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  static const std::array<std::pair<std::string_view, std::string_view>, 14> aliases = {{
      {"ios", "cisco"},
      {"ios-xe", "cisco"},
      {"iosxe", "cisco"},
      {"ios-xr", "iosxr"},
      {"xr", "iosxr"},
      {"juniper", "junos"},
      {"eos", "arista"},
      {"sros", "nokia"},
      {"sros-md", "nokia-md"},
      {"vrp", "huawei"},
      {"routeros", "mikrotik"},
      {"bird2", "bird"},
      {"openbgp", "openbgpd"},
      {"text", "plain"},
  }};
  for (const auto& [alias, target] : aliases) {
    if (key == alias) {
      key = std::string(target);
      break;
    }
  }
  for (const Dialect* d : dialects()) {
    if (d->id() == key) {
      return d;
    }
  }
  return nullptr;
}

}  // namespace manrs::filter
