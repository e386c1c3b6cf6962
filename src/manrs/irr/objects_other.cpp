// irr/objects_other.cpp — the typed views of contact objects (person, role, mntner,
// organisation, irt), inetnum/inet6num, as-block and filter-set.
#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "manrs/irr/internal/objects_common.h"
#include "manrs/irr/objects.h"

namespace manrs::irr {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The method of an auth: value, never the secret: "MD5-PW $1$..." -> "MD5-PW",
// "PGPKEY-1234ABCD" -> "PGPKEY-1234ABCD", "SSO user@example.net" -> "SSO". Empty when the value
// has no method word (a filtered dump: "# Filtered").
std::string auth_method(std::string_view v) {
  std::size_t e = 0;
  while (e < v.size() && v[e] != ' ' && v[e] != '\t') ++e;
  const std::string_view m = v.substr(0, e);
  if (m.empty() || m.size() > 64) return {};
  for (const char c : m) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok) return {};
  }
  return detail::to_upper(m);
}

// LACNIC writes IPv4 prefixes with trailing zero octets left out ("24.232/16").
std::string pad_ipv4(std::string_view s) {
  std::string out(s);
  if (s.find(':') != std::string_view::npos) return out;
  const auto slash = out.find('/');
  std::string addr = out.substr(0, slash);
  const auto dots = static_cast<std::size_t>(std::count(addr.begin(), addr.end(), '.'));
  if (dots >= 3 || addr.empty()) return out;
  for (std::size_t i = dots; i < 3; ++i) addr += ".0";
  return slash == std::string::npos ? addr : addr + out.substr(slash);
}

net::IpAddress last_address(const net::Prefix& p) {
  auto bytes = p.address().bytes();
  const unsigned max = p.address().max_len();
  for (unsigned i = p.length(); i < max; ++i) {
    bytes[i >> 3U] = static_cast<std::uint8_t>(bytes[i >> 3U] | (0x80U >> (i & 7U)));
  }
  return p.is_v4() ? net::IpAddress::v4_bytes(bytes.data())
                   : net::IpAddress::v6_bytes(bytes.data());
}

}  // namespace

Result<ContactObject> parse_contact(const RpslObject& obj, std::string_view source_name) {
  MANRS_TRY_VOID(
      detail::check_class(obj, source_name,
                          {ObjectClass::kPerson, ObjectClass::kRole, ObjectClass::kMntner,
                           ObjectClass::kOrganisation, ObjectClass::kIrt},
                          "person, role, mntner, organisation or irt"));
  std::string scratch;
  ContactObject c;
  c.cls = obj.cls;
  const std::string_view key = attribute_value(obj.attributes[0].raw, scratch);
  switch (obj.cls) {
    case ObjectClass::kPerson:
    case ObjectClass::kRole:
      c.name = key;  // the handle is nic-hdl:
      break;
    default:
      c.handle = detail::to_upper(key);
      break;
  }
  const bool by_nic_hdl = obj.cls == ObjectClass::kPerson || obj.cls == ObjectClass::kRole;
  detail::AttrName lname;
  for (std::size_t i = 1; i < obj.attributes.size(); ++i) {
    const RawAttribute& a = obj.attributes[i];
    const std::string_view n = lname.set(a.name);
    if (n == "nic-hdl") {
      if (by_nic_hdl) c.handle = detail::to_upper(attribute_value(a.raw, scratch));
    } else if (n == "org-name") {
      if (obj.cls == ObjectClass::kOrganisation) c.name = attribute_value(a.raw, scratch);
    } else if (n == "e-mail") {
      c.e_mail.emplace_back(attribute_value(a.raw, scratch));
    } else if (n == "abuse-mailbox") {
      c.abuse_mailbox.emplace_back(attribute_value(a.raw, scratch));
    } else if (n == "phone") {
      c.phone.emplace_back(attribute_value(a.raw, scratch));
    } else if (n == "address") {
      c.address.emplace_back(attribute_value(a.raw, scratch));
    } else if (n == "upd-to") {
      c.upd_to.emplace_back(attribute_value(a.raw, scratch));
    } else if (n == "mnt-nfy") {
      c.mnt_nfy.emplace_back(attribute_value(a.raw, scratch));
    } else if (n == "auth") {
      if (auto m = auth_method(attribute_value(a.raw, scratch)); !m.empty()) {
        c.auth.push_back(std::move(m));
      }
    } else {
      detail::fill_common(a, n, scratch, c.common);
    }
  }
  if (c.handle.empty()) {
    return detail::bad(
        source_name, obj.line,
        fmt::format("{}: want a handle ({}), have none", rpsl_excerpt(to_string(obj.cls)),
                    by_nic_hdl ? "nic-hdl" : "the object name"));
  }
  return c;
}

Result<InetnumObject> parse_inetnum(const RpslObject& obj, std::string_view source_name) {
  MANRS_TRY_VOID(detail::check_class(
      obj, source_name, {ObjectClass::kInetnum, ObjectClass::kInet6num}, "inetnum or inet6num"));
  std::string scratch;
  InetnumObject r;
  r.cls = obj.cls;
  // inet6num holds IPv6 only; inetnum is IPv4, but LACNIC also writes IPv6 ranges as inetnum
  // ("inetnum: 2001:1200:2000::/48"), so an IPv6 inetnum is accepted.
  const bool v6 = obj.cls == ObjectClass::kInet6num;
  const std::string_view cls = v6 ? "inet6num" : "inetnum";
  const RawAttribute& key = obj.attributes[0];
  const std::string_view v = attribute_value(key.raw, scratch);
  const auto fail = [&]() {
    return detail::bad(source_name, key.line,
                       fmt::format("{}: want {} range 'first - last' or a prefix, have '{}'", cls,
                                   v6 ? "an IPv6" : "an address", rpsl_excerpt(v)));
  };
  if (const auto dash = v.find('-'); dash != std::string_view::npos) {
    auto first = net::IpAddress::parse(trim(v.substr(0, dash)));
    auto last = net::IpAddress::parse(trim(v.substr(dash + 1)));
    if (!first || !last || first->family() != last->family() || (v6 && !first->is_v6())) {
      return fail();
    }
    if (*last < *first) {
      return detail::bad(source_name, key.line,
                         fmt::format("{}: want first <= last, have '{}'", cls, rpsl_excerpt(v)));
    }
    r.first = *first;
    r.last = *last;
  } else {
    auto p = net::Prefix::parse(pad_ipv4(v));
    if (!p || (v6 && p->is_v4())) return fail();
    r.first = p->address();
    r.last = last_address(*p);
  }
  detail::AttrName lname;
  for (std::size_t i = 1; i < obj.attributes.size(); ++i) {
    const RawAttribute& a = obj.attributes[i];
    const std::string_view n = lname.set(a.name);
    if (n == "netname") {
      r.netname = attribute_value(a.raw, scratch);
    } else if (n == "country") {
      if (r.country.empty()) r.country = detail::to_upper(attribute_value(a.raw, scratch));
    } else if (n == "status") {
      r.status = detail::to_upper(attribute_value(a.raw, scratch));
    } else {
      detail::fill_common(a, n, scratch, r.common);
    }
  }
  return r;
}

Result<AsBlockObject> parse_as_block(const RpslObject& obj, std::string_view source_name) {
  MANRS_TRY_VOID(detail::check_class(obj, source_name, {ObjectClass::kAsBlock}, "as-block"));
  std::string scratch;
  AsBlockObject b;
  const RawAttribute& key = obj.attributes[0];
  const std::string_view v = attribute_value(key.raw, scratch);
  const auto dash = v.find('-');
  std::optional<net::Asn> first;
  std::optional<net::Asn> last;
  if (dash != std::string_view::npos) {
    first = detail::parse_rpsl_asn(trim(v.substr(0, dash)));
    last = detail::parse_rpsl_asn(trim(v.substr(dash + 1)));
  }
  if (!first || !last) {
    return detail::bad(
        source_name, key.line,
        fmt::format("as-block: want 'AS<first> - AS<last>', have '{}'", rpsl_excerpt(v)));
  }
  if (*last < *first) {
    return detail::bad(source_name, key.line,
                       fmt::format("as-block: want first <= last, have '{}'", rpsl_excerpt(v)));
  }
  b.first = *first;
  b.last = *last;
  detail::AttrName lname;
  for (std::size_t i = 1; i < obj.attributes.size(); ++i) {
    const RawAttribute& a = obj.attributes[i];
    detail::fill_common(a, lname.set(a.name), scratch, b.common);
  }
  return b;
}

Result<FilterSetObject> parse_filter_set(const RpslObject& obj, std::string_view source_name) {
  MANRS_TRY_VOID(detail::check_class(obj, source_name, {ObjectClass::kFilterSet}, "filter-set"));
  std::string scratch;
  FilterSetObject f;
  const RawAttribute& key = obj.attributes[0];
  const std::string_view name = attribute_value(key.raw, scratch);
  if (!is_filter_set_name(name)) {
    return detail::bad(source_name, key.line,
                       fmt::format("filter-set: want a filter-set name (FLTR-..., or hierarchical "
                                   "like AS64500:FLTR-FOO), have '{}'",
                                   rpsl_excerpt(name)));
  }
  f.name = detail::to_upper(name);
  detail::AttrName lname;
  for (std::size_t i = 1; i < obj.attributes.size(); ++i) {
    const RawAttribute& a = obj.attributes[i];
    const std::string_view n = lname.set(a.name);
    if (n == "filter") {
      f.filter = attribute_value(a.raw, scratch);
    } else if (n == "mp-filter") {
      f.mp_filter = attribute_value(a.raw, scratch);
    } else {
      detail::fill_common(a, n, scratch, f.common);
    }
  }
  return f;
}

}  // namespace manrs::irr
