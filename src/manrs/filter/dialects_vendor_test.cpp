// Golden and property tests of the vendor dialects (render_{cisco,iosxr,junos,arista,nokia,
// nokia_md,huawei,mikrotik}.cpp). Goldens: tests/golden/filter/<dialect>/<case>.txt
// (MANRS_UPDATE_GOLDEN=1 rewrites them; review every change against the vendor syntax).
#include <algorithm>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "manrs/core/testing/golden.h"
#include "manrs/filter/render.h"

namespace manrs::filter {
namespace {

const std::vector<const Dialect*>& vendor_dialects() {
  static const std::vector<const Dialect*> all = {
      &cisco_dialect(), &iosxr_dialect(),    &junos_dialect(),  &arista_dialect(),
      &nokia_dialect(), &nokia_md_dialect(), &huawei_dialect(), &mikrotik_dialect(),
  };
  return all;
}

net::Prefix pfx(const char* text) {
  auto p = net::Prefix::parse(text);
  EXPECT_TRUE(p.has_value()) << text;
  return p.has_value() ? *p : net::Prefix{};
}

Entry entry(const char* text, unsigned min_len, unsigned max_len) {
  Entry e;
  e.prefix = pfx(text);
  e.min_len = static_cast<std::uint8_t>(min_len);
  e.max_len = static_cast<std::uint8_t>(max_len);
  Evidence ev;
  ev.prefix = e.prefix;
  ev.asn = 64501;
  ev.source = "RIPE";
  ev.detail = "valid";
  e.evidence.push_back(ev);
  return e;
}

Entry exact(const char* text) {
  const net::Prefix p = pfx(text);
  return entry(text, p.length(), p.length());
}

// IPv4 + IPv6, exact entries, "le" ranges, "ge le" ranges (one with ge == le), no default route.
Filter sample_filter() {
  Filter f;
  f.target = "AS64500:AS-CUSTOMERS";
  f.mode = Mode::kIrrRpki;
  f.asns = {64500, 64501, 64502, 64503, 64504, 64505, 64506, 64507, 64508, 4200000001};
  f.bogon_asns = {64512};
  f.v4.entries = {exact("192.0.2.0/24"), entry("193.0.0.0/21", 21, 24),
                  entry("193.0.10.0/23", 24, 24), entry("198.51.100.0/24", 24, 26),
                  entry("203.0.113.0/24", 25, 26)};
  f.v4.excluded = {{exact("10.0.0.0/8"), Exclusion::kBogon, "10.0.0.0/8 Private-Use"},
                   {exact("192.0.2.128/25"), Exclusion::kTooSpecific, "longer than /24"}};
  f.v6.entries = {exact("2001:67c:2e8::/48"), entry("2001:db8::/32", 32, 48),
                  entry("2a00:1450::/29", 32, 40)};
  f.v6.excluded = {{exact("2001:db8:dead::/48"), Exclusion::kRpkiInvalid, "invalid"}};
  f.findings.missing = {"AS-MISSING (from AS64500:AS-CUSTOMERS)"};
  f.findings.cycles = {"AS-B -> AS-A"};
  f.sources = {"RIPE", "RADB"};
  f.rpki_description = "3 VRPs from vrps.csv";
  return f;
}

SavPlan sample_plan() {
  SavPlan plan;
  SavInterface strict;
  strict.customer = "AS64501";
  strict.interface = "GigabitEthernet0/1";
  strict.urpf = UrpfMode::kStrict;
  strict.v4 = {exact("192.0.2.0/24")};
  strict.v6 = {exact("2001:db8:1::/48")};
  strict.algorithm = "strict uRPF (BCP 38)";
  SavInterface feasible;
  feasible.customer = "AS64502";
  feasible.interface = "GigabitEthernet0/2.100";
  feasible.urpf = UrpfMode::kFeasible;
  feasible.v4 = {exact("198.51.100.0/24"), exact("203.0.113.0/25")};
  feasible.v6 = {exact("2001:db8:2::/48")};
  feasible.algorithm = "EFP-uRPF algorithm A (RFC 8704 §3.3)";
  feasible.notes = {"also announced via AS64510"};
  SavInterface loose;
  loose.customer = "AS64503:AS-PEERS";
  loose.urpf = UrpfMode::kLoose;
  loose.v4 = {exact("203.0.113.128/25")};
  loose.algorithm = "loose uRPF (lateral peer)";
  plan.interfaces = {strict, feasible, loose};
  return plan;
}

std::filesystem::path golden(const Dialect& d, const std::string& name) {
  return std::filesystem::path(MANRS_SOURCE_DIR) / "tests/golden/filter" / std::string(d.id()) /
         (name + ".txt");
}

std::string render_ok(const Dialect& d, const Filter& f, const RenderOptions& o) {
  auto r = d.render_filter(f, o);
  EXPECT_TRUE(r.has_value()) << d.id() << ": " << (r ? "" : r.error().to_string());
  return r.has_value() ? *r : std::string();
}

TEST(VendorDialects, FilterWithPeerGolden) {
  for (const Dialect* d : vendor_dialects()) {
    SCOPED_TRACE(std::string(d->id()));
    RenderOptions o;
    o.as_path = true;
    o.peer_as = 64500;
    testing::expect_golden(golden(*d, "filter-peer"), render_ok(*d, sample_filter(), o));
  }
}

TEST(VendorDialects, FilterWithoutPeerGolden) {
  for (const Dialect* d : vendor_dialects()) {
    SCOPED_TRACE(std::string(d->id()));
    RenderOptions o;
    o.as_path = true;
    o.name = "CUST";
    testing::expect_golden(golden(*d, "filter-nopeer"), render_ok(*d, sample_filter(), o));
  }
}

TEST(VendorDialects, SplitGolden) {
  for (const Dialect* d : vendor_dialects()) {
    SCOPED_TRACE(std::string(d->id()));
    RenderOptions o;
    o.max_entries = 3;
    o.header = false;
    testing::expect_golden(golden(*d, "split"), render_ok(*d, sample_filter(), o));
  }
}

TEST(VendorDialects, EmptyGolden) {
  for (const Dialect* d : vendor_dialects()) {
    SCOPED_TRACE(std::string(d->id()));
    Filter f;
    f.target = "AS64499";
    f.mode = Mode::kIrr;
    f.sources = {"RADB"};
    RenderOptions o;
    o.as_path = true;
    testing::expect_golden(golden(*d, "empty"), render_ok(*d, f, o));
  }
}

TEST(VendorDialects, AntispoofGolden) {
  for (const Dialect* d : vendor_dialects()) {
    SCOPED_TRACE(std::string(d->id()));
    auto r = d->render_antispoof(sample_plan(), RenderOptions{});
    ASSERT_TRUE(r.has_value()) << r.error().to_string();
    testing::expect_golden(golden(*d, "antispoof"), *r);
  }
}

TEST(VendorDialects, RefusesOverLimit) {
  for (const Dialect* d : vendor_dialects()) {
    SCOPED_TRACE(std::string(d->id()));
    RenderOptions o;
    o.max_entries = 3;
    o.over_limit = OverLimit::kRefuse;
    auto r = d->render_filter(sample_filter(), o);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, ErrorCode::kPolicy);
    EXPECT_NE(r.error().message.find("AS64500-AS-CUSTOMERS-V4"), std::string::npos)
        << r.error().message;
    EXPECT_NE(r.error().message.find("want <= 3 per list, have 5"), std::string::npos)
        << r.error().message;
    // Within the limit nothing is refused.
    o.max_entries = 5;
    EXPECT_TRUE(d->render_filter(sample_filter(), o).has_value());
  }
}

TEST(VendorDialects, JunosLimitIsThePrefixListLimit) {
  EXPECT_EQ(junos_dialect().max_entries(), 85325U);
  EXPECT_EQ(arista_dialect().max_entries(), 65535U);
}

// How a dialect writes a prefix in an entry line.
std::string prefix_token(const Dialect& d, const net::Prefix& p) {
  if (d.id() == "huawei") {
    return p.address().to_string() + " " + std::to_string(p.length());
  }
  return p.to_string();
}

bool is_comment(const std::string& line) {
  const auto first = line.find_first_not_of(' ');
  return first != std::string::npos && (line[first] == '!' || line[first] == '#');
}

// Lines (not comments) that contain `token` not followed by another digit.
std::size_t lines_with(const std::string& text, const std::string& token) {
  std::istringstream in(text);
  std::size_t n = 0;
  for (std::string line; std::getline(in, line);) {
    if (is_comment(line)) {
      continue;
    }
    for (auto pos = line.find(token); pos != std::string::npos; pos = line.find(token, pos + 1)) {
      const auto after = pos + token.size();
      const bool boundary =
          after == line.size() || !std::isdigit(static_cast<unsigned char>(line[after]));
      const bool start = pos == 0 || line[pos - 1] == ' ' || line[pos - 1] == '=';
      if (boundary && start) {
        ++n;
        break;
      }
    }
  }
  return n;
}

TEST(VendorDialects, EveryEntryRenderedOnceAndCounted) {
  const Filter f = sample_filter();
  for (const Dialect* d : vendor_dialects()) {
    for (std::size_t limit : {std::size_t{0}, std::size_t{2}}) {
      SCOPED_TRACE(std::string(d->id()) + " limit " + std::to_string(limit));
      RenderOptions o;
      if (limit != 0) {
        o.max_entries = limit;
      }
      const std::string out = render_ok(*d, f, o);
      EXPECT_NE(out.find("IPv4: 5 entries (1 exact, 4 ranges); excluded 2: bogon 1, "
                         "too-specific 1"),
                std::string::npos);
      EXPECT_NE(out.find("IPv6: 3 entries (1 exact, 2 ranges); excluded 1: rpki-invalid 1"),
                std::string::npos);
      for (const PrefixList* list : {&f.v4, &f.v6}) {
        for (const Entry& e : list->entries) {
          EXPECT_EQ(lines_with(out, prefix_token(*d, e.prefix)), 1U) << e.to_string();
        }
        for (const Excluded& x : list->excluded) {
          EXPECT_EQ(lines_with(out, prefix_token(*d, x.entry.prefix)), 0U) << x.entry.to_string();
        }
      }
    }
  }
}

TEST(VendorDialects, FindingsAreCommentsEvenWithoutHeader) {
  Filter f = sample_filter();
  f.findings.missing = {"AS-EVIL\nno router bgp 64500"};
  f.findings.depth_limited = true;
  for (const Dialect* d : vendor_dialects()) {
    SCOPED_TRACE(std::string(d->id()));
    RenderOptions o;
    o.header = false;
    const std::string out = render_ok(*d, f, o);
    EXPECT_NE(out.find("WARNING: partial expansion"), std::string::npos);
    EXPECT_NE(out.find("WARNING: missing set AS-EVIL?no router bgp 64500"), std::string::npos);
    EXPECT_NE(out.find("WARNING: expansion stopped at the depth limit"), std::string::npos);
    EXPECT_EQ(out.find("\nno router bgp"), std::string::npos);
    EXPECT_EQ(out.find("generated by manrs"), std::string::npos);
  }
}

TEST(VendorDialects, LongNamesFitThePlatform) {
  RenderOptions o;
  o.name = std::string(80, 'X');
  o.header = false;
  const std::string out = render_ok(huawei_dialect(), sample_filter(), o);
  std::istringstream in(out);
  std::size_t checked = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("ip ip-prefix ", 0) == 0) {
      const std::string name = line.substr(13, line.find(' ', 13) - 13);
      EXPECT_LE(name.size(), 51U) << name;
      EXPECT_EQ(name.rfind("XXXX", 0), 0U) << name;
      ++checked;
    }
  }
  EXPECT_EQ(checked, 5U);
  // Deterministic and distinct per list kind.
  EXPECT_EQ(out, render_ok(huawei_dialect(), sample_filter(), o));
  EXPECT_EQ(out.find("-V4 "), std::string::npos);
}

TEST(VendorDialects, RejectsInterfaceNamesThatBreakSyntax) {
  SavPlan plan = sample_plan();
  plan.interfaces[0].interface = "ether1\" action=accept";
  for (const Dialect* d : vendor_dialects()) {
    SCOPED_TRACE(std::string(d->id()));
    auto r = d->render_antispoof(plan, RenderOptions{});
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, ErrorCode::kPolicy);
    EXPECT_NE(r.error().message.find("AS64501"), std::string::npos) << r.error().message;
  }
}

TEST(VendorDialects, EverySourceInTheAntispoofOutput) {
  const SavPlan plan = sample_plan();
  for (const Dialect* d : vendor_dialects()) {
    SCOPED_TRACE(std::string(d->id()));
    RenderOptions o;
    o.header = false;
    auto r = d->render_antispoof(plan, o);
    ASSERT_TRUE(r.has_value());
    for (const SavInterface& s : plan.interfaces) {
      for (const auto* list : {&s.v4, &s.v6}) {
        for (const Entry& e : *list) {
          const std::string token =
              d->id() == "cisco" || d->id() == "huawei"
                  ? (e.prefix.is_v4() ? wildcard_mask(e.prefix) : e.prefix.to_string())
                  : e.prefix.to_string();
          EXPECT_EQ(lines_with(*r, token), 1U) << token;
        }
      }
    }
    EXPECT_NE(r->find("<AS64503-AS-PEERS-INTERFACE>"), std::string::npos);
  }
}

TEST(VendorDialects, OneAclPerInterfaceForARepeatedCustomer) {
  SavPlan plan = sample_plan();
  plan.interfaces[1].customer = "AS64501";
  auto r = cisco_dialect().render_antispoof(plan, RenderOptions{});
  ASSERT_TRUE(r.has_value());
  EXPECT_NE(r->find("ip access-group AS64501-1-SAV-V4 in"), std::string::npos);
  EXPECT_NE(r->find("ip access-group AS64501-2-SAV-V4 in"), std::string::npos);
  EXPECT_EQ(r->find("AS64501-SAV-V4"), std::string::npos);
}

}  // namespace
}  // namespace manrs::filter
