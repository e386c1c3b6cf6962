// Unit tests for rpki/slurm.h: the real SLURM samples (StayRTR's and the shared small one)
// applied to hand-built VrpSets with exact results, RFC 8416 filter/assertion semantics, the
// ASPA spellings and per-family merge, the leniencies and strictness docs/slurm.md promises,
// and the RFC 8416 §4.2 overlap check of merge_slurm.
#include "manrs/rpki/slurm.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace manrs::rpki {
namespace {

const std::filesystem::path kShared(MANRS_SHARED_DIR);
const std::filesystem::path kStayrtrSample = kShared / "data/vrp/stayrtr-slurm.json";
const std::filesystem::path kSmallSample = kShared / "tools/slurm-small.json";

std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

net::Prefix pfx(std::string_view text) {
  auto p = net::Prefix::parse(text);
  EXPECT_TRUE(p.has_value()) << text;
  return p ? *p : net::Prefix();
}

Vrp vrp(std::string_view prefix, unsigned max_length, net::Asn asn) {
  return Vrp{pfx(prefix), static_cast<std::uint8_t>(max_length), asn, 0, 0};
}

std::array<std::uint8_t, 20> ski_hex(std::string_view hex) {
  std::array<std::uint8_t, 20> out{};
  for (std::size_t i = 0; i < out.size() && 2 * i + 1 < hex.size(); ++i) {
    out[i] = static_cast<std::uint8_t>(std::stoul(std::string(hex.substr(2 * i, 2)), nullptr, 16));
  }
  return out;
}

RouterKey key(net::Asn asn, std::string_view ski, std::vector<std::uint8_t> spki = {0x30, 0x00}) {
  return RouterKey{asn, ski_hex(ski), std::move(spki), 0, 0};
}

std::string show(const std::vector<Vrp>& vrps) {
  std::string out;
  for (const auto& v : vrps) {
    out += v.prefix.to_string() + "-" + std::to_string(v.max_length) + " AS" +
           std::to_string(v.asn) + "\n";
  }
  return out;
}

Result<Slurm> parse(std::string_view json) { return parse_slurm(json, "test.json"); }

// Parses `json` and expects an error with this code and exactly this "source: message" text.
void expect_error(std::string_view json, ErrorCode code, std::string_view text) {
  auto s = parse(json);
  ASSERT_FALSE(s.has_value()) << json;
  EXPECT_EQ(s.error().code, code) << to_string(s.error().code) << ": " << s.error().to_string();
  EXPECT_EQ(s.error().to_string(), text);
}

// ----- the real samples -----------------------------------------------------------------------

// SKIs in the samples: StayRTR's filter SKI is 16 bytes; the assertion SKI is 20 (StayRTR prints
// it as 3506...0106, an independent check of our base64 decoding).
constexpr std::string_view kSample16ByteSki = "XC7RBWu3661vfYmhXZwtUw==";
constexpr std::string_view kSki20 = "voibVdC3Nzl9dcSfSFuFj6mK0R8";  // draft-ietf-sidrops-aspa-slurm
constexpr std::string_view kSki20Hex = "be889b55d0b737397d75c49f485b858fa98ad11f";
constexpr std::string_view kAssertedSkiHex = "3506176743e02f67dd46c73119d5436be7e10106";

TEST(SlurmSampleTest, StayrtrSampleIsRejectedForItsSixteenByteSki) {
  if (!std::filesystem::exists(kStayrtrSample)) {
    GTEST_SKIP() << kStayrtrSample << " is absent (the shared data folder is needed)";
  }
  auto s = read_slurm(kStayrtrSample.string());
  ASSERT_FALSE(s.has_value());
  EXPECT_EQ(s.error().code, ErrorCode::kPolicy);
  EXPECT_EQ(s.error().source, kStayrtrSample.string());
  EXPECT_EQ(s.error().message,
            "validationOutputFilters.bgpsecFilters[1].SKI: want base64url (RFC 4648 §5) of a "
            "20-byte Subject Key Identifier (RFC 6487 §4.8.2), have 16 bytes "
            "(\"XC7RBWu3661vfYmhXZwtUw==\")");
}

// The StayRTR sample with its two 16-byte filter SKIs replaced by a 20-byte one.
Result<Slurm> stayrtr_sample_fixed() {
  std::string text = read_text(kStayrtrSample);
  for (auto at = text.find(kSample16ByteSki); at != std::string::npos;
       at = text.find(kSample16ByteSki)) {
    text.replace(at, kSample16ByteSki.size(), kSki20);
  }
  return parse_slurm(text, "stayrtr-slurm.json");
}

TEST(SlurmSampleTest, StayrtrSampleParsesToEveryMember) {
  if (!std::filesystem::exists(kStayrtrSample)) {
    GTEST_SKIP() << kStayrtrSample << " is absent (the shared data folder is needed)";
  }
  auto s = stayrtr_sample_fixed();
  ASSERT_TRUE(s.has_value()) << s.error().to_string();
  ASSERT_EQ(s->prefix_filters.size(), 3U);
  EXPECT_EQ(s->prefix_filters[0].prefix, pfx("192.0.2.0/24"));
  EXPECT_FALSE(s->prefix_filters[0].asn);
  EXPECT_EQ(s->prefix_filters[0].comment, "All VRPs encompassed by prefix");
  EXPECT_FALSE(s->prefix_filters[1].prefix);
  EXPECT_EQ(s->prefix_filters[1].asn, 64496U);
  EXPECT_EQ(s->prefix_filters[2].prefix, pfx("198.51.100.0/24"));
  EXPECT_EQ(s->prefix_filters[2].asn, 64497U);

  ASSERT_EQ(s->bgpsec_filters.size(), 3U);
  EXPECT_EQ(s->bgpsec_filters[0].asn, 64496U);
  EXPECT_FALSE(s->bgpsec_filters[0].ski);
  EXPECT_FALSE(s->bgpsec_filters[1].asn);
  EXPECT_EQ(s->bgpsec_filters[1].ski, ski_hex(kSki20Hex));
  EXPECT_EQ(s->bgpsec_filters[2].asn, 64497U);
  EXPECT_EQ(s->bgpsec_filters[2].ski, ski_hex(kSki20Hex));

  ASSERT_EQ(s->aspa_filters.size(), 1U);
  EXPECT_EQ(s->aspa_filters[0].customer, 64496U);
  EXPECT_EQ(s->aspa_filters[0].comment, "ASPAs matching Customer ASID");

  ASSERT_EQ(s->prefix_assertions.size(), 2U);
  EXPECT_EQ(s->prefix_assertions[0].prefix, pfx("198.51.100.0/24"));
  EXPECT_EQ(s->prefix_assertions[0].asn, 64496U);
  EXPECT_EQ(s->prefix_assertions[0].max_length, 24);  // no maxPrefixLength: the prefix length
  EXPECT_EQ(s->prefix_assertions[1].prefix, pfx("2001:db8::/32"));  // written "2001:DB8::/32"
  EXPECT_EQ(s->prefix_assertions[1].max_length, 48);

  ASSERT_EQ(s->bgpsec_assertions.size(), 1U);
  EXPECT_EQ(s->bgpsec_assertions[0].asn, 64496U);
  EXPECT_EQ(s->bgpsec_assertions[0].ski, ski_hex(kAssertedSkiHex));
  ASSERT_EQ(s->bgpsec_assertions[0].spki.size(), 91U);  // a P-256 SubjectPublicKeyInfo
  EXPECT_EQ(s->bgpsec_assertions[0].spki[0], 0x30);
  EXPECT_EQ(s->bgpsec_assertions[0].spki[1], 0x59);

  ASSERT_EQ(s->aspa_assertions.size(), 1U);
  EXPECT_EQ(s->aspa_assertions[0].customer, 64499U);
  EXPECT_EQ(s->aspa_assertions[0].providers, (std::vector<net::Asn>{64497, 64498}));
  EXPECT_EQ(s->sources, std::vector<std::string>{"stayrtr-slurm.json"});
}

TEST(SlurmSampleTest, StayrtrSampleAppliedToAHandBuiltSet) {
  if (!std::filesystem::exists(kStayrtrSample)) {
    GTEST_SKIP() << kStayrtrSample << " is absent (the shared data folder is needed)";
  }
  auto s = stayrtr_sample_fixed();
  ASSERT_TRUE(s.has_value()) << s.error().to_string();
  VrpSet set;
  set.vrps = {
      vrp("192.0.2.0/24", 24, 65001),       // prefix filter 192.0.2.0/24: equal -> removed
      vrp("192.0.2.128/25", 25, 65002),     // more specific -> removed
      vrp("192.0.0.0/16", 24, 65001),       // covers the filter, is not covered -> kept
      vrp("10.0.0.0/8", 8, 64496),          // asn filter 64496 -> removed
      vrp("2001:db8:64::/48", 48, 64496),   // asn filter, IPv6 -> removed
      vrp("198.51.100.0/24", 24, 64497),    // prefix + asn filter -> removed
      vrp("198.51.100.128/25", 25, 64497),  // more specific, same asn -> removed
      vrp("198.51.100.0/24", 25, 65001),    // prefix matches, asn does not -> kept
      vrp("198.51.0.0/16", 24, 64497),      // asn matches, prefix not covered -> kept
      vrp("203.0.113.0/24", 24, 65002),     // untouched
      vrp("203.0.113.0/24", 24, 65002),     // duplicate: normalize() folds it
  };
  const std::string ski20 = std::string(kSki20Hex);
  set.router_keys = {
      key(64496, "0101010101010101010101010101010101010101"),  // asn filter 64496 -> removed
      key(64497, ski20),                                       // SKI filter -> removed
      key(64498, ski20),                                       // SKI-only filter -> removed
      key(64497, "0202020202020202020202020202020202020202"),  // asn 64497 + other SKI -> kept
      key(64500, "0303030303030303030303030303030303030303"),  // untouched
  };
  set.aspas = {
      Aspa{64496, {64510, 64511}, 0, 0},  // aspa filter 64496 (afi ipv6 ignored) -> removed
      Aspa{65001, {65002, 65003}, 0, 0},  // untouched
      Aspa{64499, {64500}, 0, 0},         // the assertion for 64499 unites with it
  };
  SlurmReport r = apply_slurm(*s, set);

  EXPECT_EQ(show(set.vrps), show({
                                vrp("192.0.0.0/16", 24, 65001), vrp("198.51.0.0/16", 24, 64497),
                                vrp("198.51.100.0/24", 24, 64496),  // asserted
                                vrp("198.51.100.0/24", 25, 65001), vrp("203.0.113.0/24", 24, 65002),
                                vrp("2001:db8::/32", 48, 64496),  // asserted
                            }));
  EXPECT_EQ(r.vrps_filtered, 6U);
  EXPECT_EQ(r.vrps_asserted, 2U);

  ASSERT_EQ(set.router_keys.size(), 3U);
  EXPECT_EQ(set.router_keys[0].asn, 64496U);  // asserted after the asn filter removed AS64496's
  EXPECT_EQ(set.router_keys[0].ski, ski_hex(kAssertedSkiHex));
  EXPECT_EQ(set.router_keys[0].spki.size(), 91U);
  EXPECT_EQ(set.router_keys[1].asn, 64497U);
  EXPECT_EQ(set.router_keys[1].ski, ski_hex("0202020202020202020202020202020202020202"));
  EXPECT_EQ(set.router_keys[2].asn, 64500U);
  EXPECT_EQ(r.keys_filtered, 3U);
  EXPECT_EQ(r.keys_asserted, 1U);

  ASSERT_EQ(set.aspas.size(), 2U);
  EXPECT_EQ(set.aspas[0].customer, 64499U);
  EXPECT_EQ(set.aspas[0].providers, (std::vector<net::Asn>{64497, 64498, 64500}));
  EXPECT_EQ(set.aspas[1].customer, 65001U);
  EXPECT_EQ(set.aspas[1].providers, (std::vector<net::Asn>{65002, 65003}));
  EXPECT_EQ(r.aspas_filtered, 1U);
  EXPECT_EQ(r.aspas_asserted, 1U);
}

// /work/shared/tools/slurm-small.json on the payloads of vrps-small.json: the same five VRPs
// StayRTR 0.5.1 serves for these two files (tests/integration/oracle_slurm.sh checks it live).
TEST(SlurmSampleTest, SmallSampleMatchesStayrtr) {
  if (!std::filesystem::exists(kSmallSample)) {
    GTEST_SKIP() << kSmallSample << " is absent (the shared tools folder is needed)";
  }
  auto s = read_slurm(kSmallSample.string());
  ASSERT_TRUE(s.has_value()) << s.error().to_string();
  VrpSet set;
  set.vrps = {
      vrp("192.0.2.0/24", 24, 65001),   vrp("198.51.100.0/24", 25, 65001),
      vrp("203.0.113.0/24", 24, 65002), vrp("203.0.113.0/24", 24, 0),
      vrp("2001:db8::/32", 48, 65001),  vrp("2001:db8:1000::/36", 36, 65002),
  };
  set.aspas = {Aspa{65001, {65002, 65003}, 0, 0}, Aspa{65001, {65002}, 0, 0}};  // v4, v6
  SlurmReport r = apply_slurm(*s, set);
  EXPECT_EQ(show(set.vrps), show({
                                vrp("192.0.2.0/24", 24, 65001),
                                vrp("198.18.0.0/15", 24, 65099),
                                vrp("198.51.100.0/24", 25, 65001),
                                vrp("2001:db8::/32", 48, 65001),
                                vrp("2001:db8:1000::/36", 36, 65002),
                            }));
  EXPECT_EQ(r.vrps_filtered, 2U);
  EXPECT_EQ(r.vrps_asserted, 1U);
  ASSERT_EQ(set.aspas.size(), 1U);
  EXPECT_EQ(set.aspas[0].providers, (std::vector<net::Asn>{65002, 65003}));
  EXPECT_EQ(r.aspas_filtered, 0U);
  EXPECT_EQ(r.aspas_asserted, 0U);
}

// ----- semantics ------------------------------------------------------------------------------

TEST(SlurmApplyTest, AssertionsAreNotRemovedByFilters) {
  // RFC 8416 §3.2: the result is as if filtering ran before the assertions were added.
  auto s = parse(R"({"slurmVersion": 1,
    "validationOutputFilters": {"prefixFilters": [{"prefix": "10.0.0.0/8"}, {"asn": 65000}]},
    "locallyAddedAssertions": {"prefixAssertions": [
      {"prefix": "10.1.0.0/16", "asn": 65000, "maxPrefixLength": 24}]}})");
  ASSERT_TRUE(s.has_value()) << s.error().to_string();
  VrpSet set;
  set.vrps = {vrp("10.1.0.0/16", 24, 65000), vrp("10.2.0.0/16", 16, 65001)};
  SlurmReport r = apply_slurm(*s, set);
  EXPECT_EQ(show(set.vrps), show({vrp("10.1.0.0/16", 24, 65000)}));
  EXPECT_EQ(r.vrps_filtered, 2U);
  EXPECT_EQ(r.vrps_asserted, 1U);  // it was filtered, then asserted again
}

TEST(SlurmApplyTest, AssertingWhatIsThereChangesNothing) {
  auto s = parse(R"({"slurmVersion": 2, "locallyAddedAssertions": {
      "prefixAssertions": [{"prefix": "192.0.2.0/24", "asn": 65000},
                           {"prefix": "192.0.2.0/24", "asn": 65000}],
      "aspaAssertions": [{"customerAsn": 65000, "providerAsns": [65001]}]}})");
  ASSERT_TRUE(s.has_value()) << s.error().to_string();
  VrpSet set;
  set.vrps = {vrp("192.0.2.0/24", 24, 65000)};
  set.vrps[0].expires = 1700000000;
  set.aspas = {Aspa{65000, {65001, 65002}, 0, 0}};
  set.vrps[0].ta = set.intern_ta("ripe");
  SlurmReport r = apply_slurm(*s, set);
  ASSERT_EQ(set.vrps.size(), 1U);
  EXPECT_EQ(set.vrps[0].expires, 1700000000);      // the validated VRP keeps its expiry
  EXPECT_EQ(set.ta_name(set.vrps[0].ta), "ripe");  // and its trust anchor
  EXPECT_EQ(r.vrps_asserted, 0U);
  EXPECT_EQ(set.aspas[0].providers, (std::vector<net::Asn>{65001, 65002}));
  EXPECT_EQ(r.aspas_asserted, 0U);
}

TEST(SlurmApplyTest, AspaFilterThenAssertionReplacesTheProviders) {
  // The draft's recipe for replacing an ASPA: a customer filter plus an assertion.
  auto s = parse(R"({"slurmVersion": 2,
    "validationOutputFilters": {"aspaFilters": [{"customerAsn": 65000}]},
    "locallyAddedAssertions": {"aspaAssertions": [{"customerAsn": 65000, "providerAsns": [65009]}]}})");
  ASSERT_TRUE(s.has_value()) << s.error().to_string();
  VrpSet set;
  set.aspas = {Aspa{65000, {65001}, 0, 0}, Aspa{65000, {65002}, 0, 0}};
  SlurmReport r = apply_slurm(*s, set);
  ASSERT_EQ(set.aspas.size(), 1U);
  EXPECT_EQ(set.aspas[0].providers, std::vector<net::Asn>{65009});
  EXPECT_EQ(r.aspas_filtered, 1U);  // after normalize(): one unified ASPA
  EXPECT_EQ(r.aspas_asserted, 1U);
}

TEST(SlurmApplyTest, FilterWithNeitherFieldMatchesNothing) {
  Slurm s;
  s.prefix_filters.push_back(PrefixFilter{});
  s.bgpsec_filters.push_back(BgpsecFilter{});
  VrpSet set;
  set.vrps = {vrp("0.0.0.0/0", 32, 1)};
  set.router_keys = {key(1, "0101010101010101010101010101010101010101")};
  SlurmReport r = apply_slurm(s, set);
  EXPECT_EQ(set.vrps.size(), 1U);
  EXPECT_EQ(set.router_keys.size(), 1U);
  EXPECT_EQ(r.vrps_filtered + r.keys_filtered, 0U);
}

TEST(SlurmApplyTest, ManyFiltersOnAFamilyBoundary) {
  // An IPv4 filter never removes IPv6 VRPs and a /0 removes its whole family.
  auto s = parse(R"({"slurmVersion": 1, "validationOutputFilters": {"prefixFilters": [
      {"prefix": "0.0.0.0/0", "asn": 65000}, {"prefix": "2001:db8::/32"}]}})");
  ASSERT_TRUE(s.has_value()) << s.error().to_string();
  VrpSet set;
  set.vrps = {vrp("192.0.2.0/24", 24, 65000), vrp("192.0.2.0/24", 24, 65001), vrp("::/0", 0, 65000),
              vrp("2001:db8:1::/48", 48, 65001), vrp("2001:db9::/32", 32, 65001)};
  apply_slurm(*s, set);
  EXPECT_EQ(show(set.vrps), show({vrp("192.0.2.0/24", 24, 65001), vrp("::/0", 0, 65000),
                                  vrp("2001:db9::/32", 32, 65001)}));
}

// ----- what is read ---------------------------------------------------------------------------

TEST(SlurmParseTest, MissingArraysAndObjectsAreEmpty) {
  for (const char* text :
       {R"({"slurmVersion": 1})",
        R"({"slurmVersion": 1, "validationOutputFilters": {}, "locallyAddedAssertions": {}})",
        R"({"slurmVersion": 2, "validationOutputFilters": {"prefixFilters": []}})"}) {
    auto s = parse(text);
    ASSERT_TRUE(s.has_value()) << text << ": " << s.error().to_string();
    EXPECT_TRUE(s->prefix_filters.empty() && s->prefix_assertions.empty() &&
                s->aspa_assertions.empty());
  }
}

TEST(SlurmParseTest, AsnForms) {
  auto s = parse(R"({"slurmVersion": 1, "validationOutputFilters": {"prefixFilters": [
      {"asn": 64496}, {"asn": "64497"}, {"asn": "AS64498"}, {"asn": "as64499"},
      {"asn": 4294967295}, {"asn": 0}]}})");
  ASSERT_TRUE(s.has_value()) << s.error().to_string();
  std::vector<net::Asn> asns;
  for (const auto& f : s->prefix_filters) asns.push_back(*f.asn);
  EXPECT_EQ(asns, (std::vector<net::Asn>{64496, 64497, 64498, 64499, 4294967295U, 0}));
}

TEST(SlurmParseTest, AspaSpellings) {
  // StayRTR, draft-ietf-sidrops-aspa-slurm -00 and later, draft-maditimbru-sidrops-rfc8416-bis.
  const char* spellings[][2] = {{"customer_asid", "provider_set"},
                                {"customerASID", "providerSet"},
                                {"customerAsid", "providerAsids"},
                                {"customerAsn", "providerAsns"},
                                {"customerAsn", "providers"}};
  for (const auto& sp : spellings) {
    const std::string text = std::string(R"({"slurmVersion": 2,
      "validationOutputFilters": {"aspaFilters": [{")") +
                             sp[0] + R"(": 64496}]},
      "locallyAddedAssertions": {"aspaAssertions": [{")" +
                             sp[0] + R"(": "AS64496", ")" + sp[1] +
                             R"(": [64498, "64497", 64498]}]}})";
    auto s = parse(text);
    ASSERT_TRUE(s.has_value()) << sp[0] << " " << sp[1] << ": " << s.error().to_string();
    ASSERT_EQ(s->aspa_filters.size(), 1U);
    EXPECT_EQ(s->aspa_filters[0].customer, 64496U);
    ASSERT_EQ(s->aspa_assertions.size(), 1U);
    EXPECT_EQ(s->aspa_assertions[0].customer, 64496U);
    EXPECT_EQ(s->aspa_assertions[0].providers, (std::vector<net::Asn>{64497, 64498}));
  }
}

TEST(SlurmParseTest, PerFamilyAspaEntriesAreMerged) {
  auto s = parse(R"({"slurmVersion": 2, "locallyAddedAssertions": {"aspaAssertions": [
      {"customer_asid": 64496, "afi": "ipv4", "provider_set": [64497, 64498], "comment": "v4"},
      {"customer_asid": 64500, "provider_set": [64501]},
      {"customer_asid": 64496, "afi": "IPv6", "provider_set": [64499, 64497], "comment": "v6"}]}})");
  ASSERT_TRUE(s.has_value()) << s.error().to_string();
  ASSERT_EQ(s->aspa_assertions.size(), 2U);
  EXPECT_EQ(s->aspa_assertions[0].customer, 64496U);
  EXPECT_EQ(s->aspa_assertions[0].providers, (std::vector<net::Asn>{64497, 64498, 64499}));
  EXPECT_EQ(s->aspa_assertions[0].comment, "v4; v6");
  EXPECT_EQ(s->aspa_assertions[1].customer, 64500U);
}

TEST(SlurmParseTest, Base64Alphabets) {
  // base64url without padding (RFC 8416), standard base64 with and without padding (StayRTR).
  for (const char* ski : {"yMnKy8zNzs_Q0dLT1NXW19jZ2ts",
                          "yMnKy8zNzs/Q0dLT1NXW19jZ2ts=", "yMnKy8zNzs/Q0dLT1NXW19jZ2ts"}) {
    auto s = parse(
        std::string(
            R"({"slurmVersion": 1, "validationOutputFilters": {"bgpsecFilters": [{"SKI": ")") +
        ski + R"("}]}})");
    ASSERT_TRUE(s.has_value()) << ski << ": " << s.error().to_string();
    std::array<std::uint8_t, 20> want{};
    for (std::size_t i = 0; i < want.size(); ++i) want[i] = static_cast<std::uint8_t>(200 + i);
    EXPECT_EQ(s->bgpsec_filters[0].ski, want) << ski;
  }
}

TEST(SlurmParseTest, ErrorsNameFilePathAndField) {
  expect_error(R"({"slurmVersion": 1, "validationOutputFilters": {"prefixFilters": [
      {"prefix": "192.0.2.0/24"}, {"asn": 1}, {"prefix": "192.0.2.1/24"}]}})",
               ErrorCode::kPolicy,
               "test.json: validationOutputFilters.prefixFilters[2].prefix: want an IP prefix "
               "without host bits, have \"192.0.2.1/24\"");
  expect_error(R"({"slurmVersion": 1, "locallyAddedAssertions": {"prefixAssertions": [
      {"prefix": "192.0.2.0/24", "asn": 1, "maxPrefixLength": 16}]}})",
               ErrorCode::kPolicy,
               "test.json: locallyAddedAssertions.prefixAssertions[0].maxPrefixLength: want "
               "24..32 for 192.0.2.0/24, have 16");
  expect_error(R"({"slurmVersion": 1, "validationOutputFilters": {"prefixFilters": [
      {"prefx": "192.0.2.0/24", "asn": 1}]}})",
               ErrorCode::kPolicy,
               "test.json: validationOutputFilters.prefixFilters[0].prefx: want one of prefix, "
               "asn, comment (RFC 8416 §3.3.1), have an unknown member");
  expect_error(R"({"slurmVersion": 1, "validationOutputFilters": {"prefixFilters": [
      {"prefix": "10.0.0.0/8", "prefix": "192.0.2.0/24"}]}})",
               ErrorCode::kMalformed,
               "test.json: validationOutputFilters.prefixFilters[0].prefix: want each member once "
               "(RFC 8259 §4), have it twice");
  expect_error(R"({"slurmVersion": 1, "validationOutputFilters": {"aspaFilters": []}})",
               ErrorCode::kPolicy,
               "test.json: validationOutputFilters.aspaFilters: want slurmVersion 2 for ASPA "
               "members (draft-ietf-sidrops-aspa-slurm), have slurmVersion 1");
  expect_error(R"({"slurmVersion": 3})", ErrorCode::kUnsupported,
               "test.json: slurmVersion: want 1 (RFC 8416 §3.2) or 2 "
               "(draft-ietf-sidrops-aspa-slurm), have 3");
  expect_error(R"({"slurmVersion": 2, "locallyAddedAssertions": {"aspaAssertions": [
      {"customer_asid": 1, "customerAsn": 1, "providers": [2]}]}})",
               ErrorCode::kMalformed,
               "test.json: locallyAddedAssertions.aspaAssertions[0].customerAsn: want one of "
               "customer_asid, customerAsid, customerASID, customerAsn, have customer_asid as "
               "well");
  expect_error("{\"slurmVersion\": 1,", ErrorCode::kMalformed,
               "test.json: JSON (RFC 8259): parse error at line 1, column 20: syntax error while "
               "parsing object key - unexpected end of input; expected string literal");
}

TEST(SlurmParseTest, RouterKeyMustBeOneDerSequence) {
  auto text = [](std::string_view key64) {
    return std::string(R"({"slurmVersion": 1, "locallyAddedAssertions": {"bgpsecAssertions": [
        {"asn": 1, "SKI": "yMnKy8zNzs_Q0dLT1NXW19jZ2ts", "routerPublicKey": ")") +
           std::string(key64) + "\"}]}}";
  };
  EXPECT_TRUE(parse(text("MAA")).has_value());              // 30 00: an empty SEQUENCE
  EXPECT_TRUE(parse(text("MIEAAA")).has_value() == false);  // 30 81 00 00: length says 0, 1 left
  expect_error(text("BAA"), ErrorCode::kPolicy,
               "test.json: locallyAddedAssertions.bgpsecAssertions[0].routerPublicKey: want "
               "base64url (RFC 4648 §5) of a DER SubjectPublicKeyInfo (RFC 8208 §3.1), have 2 "
               "bytes that are not one DER SEQUENCE");
}

// ----- read_slurm -----------------------------------------------------------------------------

TEST(SlurmReadTest, IoErrorsNameThePath) {
  auto missing = read_slurm("/nonexistent/slurm.json");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::kIo);
  EXPECT_EQ(missing.error().to_string(),
            "/nonexistent/slurm.json: open: No such file or directory");
  auto dir = read_slurm("/");
  ASSERT_FALSE(dir.has_value());
  EXPECT_EQ(dir.error().code, ErrorCode::kIo);
  EXPECT_EQ(dir.error().source, "/");
}

// ----- merge_slurm (RFC 8416 §4.2) ------------------------------------------------------------

Slurm file(std::string_view name, std::string_view json) {
  auto s = parse_slurm(json, name);
  EXPECT_TRUE(s.has_value()) << name << ": " << s.error().to_string();
  return s ? std::move(*s) : Slurm{};
}

TEST(SlurmMergeTest, DisjointFilesAreUnited) {
  std::vector<Slurm> files;
  files.push_back(file("a.json", R"({"slurmVersion": 2,
    "validationOutputFilters": {"prefixFilters": [{"prefix": "10.0.0.0/16"}, {"asn": 65000}],
                                "bgpsecFilters": [{"asn": 65000}]},
    "locallyAddedAssertions": {"prefixAssertions": [{"prefix": "10.0.0.0/24", "asn": 65000}],
                               "aspaAssertions": [{"customerAsn": 65000, "providerAsns": [1]}]}})"));
  files.push_back(file("b.json", R"({"slurmVersion": 2,
    "validationOutputFilters": {"prefixFilters": [{"prefix": "10.1.0.0/16"}, {"asn": 65000}],
                                "bgpsecFilters": [{"asn": 65001}]},
    "locallyAddedAssertions": {"aspaAssertions": [{"customerAsn": 65001, "providerAsns": [1]}]}})"));
  auto m = merge_slurm(std::move(files));
  ASSERT_TRUE(m.has_value()) << m.error().to_string();
  EXPECT_EQ(m->prefix_filters.size(), 4U);  // an asn-only prefix filter names no prefix
  EXPECT_EQ(m->bgpsec_filters.size(), 2U);
  EXPECT_EQ(m->prefix_assertions.size(), 1U);
  EXPECT_EQ(m->aspa_assertions.size(), 2U);
  EXPECT_EQ(m->sources, (std::vector<std::string>{"a.json", "b.json"}));
}

TEST(SlurmMergeTest, OverlapsAreErrorsNamingBothFiles) {
  const char* a = R"({"slurmVersion": 2,
    "validationOutputFilters": {"prefixFilters": [{"prefix": "192.0.2.0/24"}],
                                "bgpsecFilters": [{"SKI": "yMnKy8zNzs_Q0dLT1NXW19jZ2ts"}],
                                "aspaFilters": [{"customer_asid": 64496}]},
    "locallyAddedAssertions": {"prefixAssertions": [{"prefix": "198.18.0.0/15", "asn": 65099}],
      "bgpsecAssertions": [{"asn": 64496, "SKI": "voibVdC3Nzl9dcSfSFuFj6mK0R8", "routerPublicKey": "MAA"}]}})";
  struct Case {
    const char* b;
    const char* error;
  };
  const Case cases[] = {
      {R"({"slurmVersion": 1, "validationOutputFilters": {"prefixFilters": [
          {"asn": 1}, {"prefix": "198.18.5.0/24", "asn": 65000}]}})",
       "a.json: RFC 8416 §4.2 locallyAddedAssertions.prefixAssertions[0] 198.18.0.0/15: want no "
       "overlap with other SLURM files, have b.json: validationOutputFilters.prefixFilters[1] "
       "198.18.5.0/24"},
      {R"({"slurmVersion": 1, "locallyAddedAssertions": {"prefixAssertions": [
          {"prefix": "192.0.0.0/8", "asn": 1}]}})",
       "a.json: RFC 8416 §4.2 validationOutputFilters.prefixFilters[0] 192.0.2.0/24: want no "
       "overlap with other SLURM files, have b.json: locallyAddedAssertions.prefixAssertions[0] "
       "192.0.0.0/8"},
      {R"({"slurmVersion": 1, "validationOutputFilters": {"bgpsecFilters": [{"asn": 64496}]}})",
       "a.json: RFC 8416 §4.2 locallyAddedAssertions.bgpsecAssertions[0] AS64496: want no "
       "overlap with other SLURM files, have b.json: validationOutputFilters.bgpsecFilters[0] "
       "AS64496"},
      {R"({"slurmVersion": 1, "validationOutputFilters": {"bgpsecFilters": [
          {"asn": 1, "SKI": "yMnKy8zNzs_Q0dLT1NXW19jZ2ts"}]}})",
       "a.json: RFC 8416 §4.2 validationOutputFilters.bgpsecFilters[0] SKI "
       "c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadb: want no overlap with other SLURM files, have "
       "b.json: validationOutputFilters.bgpsecFilters[0] SKI "
       "c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadb"},
      {R"({"slurmVersion": 2, "locallyAddedAssertions": {"aspaAssertions": [
          {"customerAsn": 64496, "providerAsns": [1]}]}})",
       "a.json: RFC 8416 §4.2 validationOutputFilters.aspaFilters[0] customer AS64496: want no "
       "overlap with other SLURM files, have b.json: locallyAddedAssertions.aspaAssertions "
       "customer AS64496"},
  };
  for (const auto& c : cases) {
    std::vector<Slurm> files;
    files.push_back(file("a.json", a));
    files.push_back(file("b.json", c.b));
    auto m = merge_slurm(std::move(files));
    ASSERT_FALSE(m.has_value()) << c.b;
    EXPECT_EQ(m.error().code, ErrorCode::kPolicy);
    EXPECT_EQ(m.error().to_string(), c.error);
  }
}

TEST(SlurmMergeTest, OverlapWithinOneFileIsFine) {
  std::vector<Slurm> files;
  files.push_back(file("a.json", R"({"slurmVersion": 1,
    "validationOutputFilters": {"prefixFilters": [{"prefix": "10.0.0.0/8"}, {"prefix": "10.0.0.0/8", "asn": 1}]},
    "locallyAddedAssertions": {"prefixAssertions": [{"prefix": "10.1.0.0/16", "asn": 1}]}})"));
  files.push_back(file("b.json", R"({"slurmVersion": 1,
    "locallyAddedAssertions": {"prefixAssertions": [{"prefix": "11.0.0.0/8", "asn": 1}]}})"));
  files.push_back(file("c.json", R"({"slurmVersion": 1,
    "locallyAddedAssertions": {"prefixAssertions": [{"prefix": "10.2.3.0/24", "asn": 1}]}})"));
  auto m = merge_slurm(std::move(files));
  ASSERT_FALSE(m.has_value());  // c.json overlaps a.json even though b.json sorts between them
  EXPECT_EQ(m.error().to_string(),
            "a.json: RFC 8416 §4.2 validationOutputFilters.prefixFilters[0] 10.0.0.0/8: want no "
            "overlap with other SLURM files, have c.json: "
            "locallyAddedAssertions.prefixAssertions[0] 10.2.3.0/24");
  std::vector<Slurm> two;
  two.push_back(file("a.json", R"({"slurmVersion": 1,
    "validationOutputFilters": {"prefixFilters": [{"prefix": "10.0.0.0/8"}, {"prefix": "10.0.0.0/8", "asn": 1}]}})"));
  two.push_back(file("b.json", R"({"slurmVersion": 1,
    "validationOutputFilters": {"prefixFilters": [{"prefix": "11.0.0.0/8"}]}})"));
  EXPECT_TRUE(merge_slurm(std::move(two)).has_value());
}

TEST(SlurmMergeTest, NoFilesAndOneFile) {
  auto none = merge_slurm({});
  ASSERT_TRUE(none.has_value());
  EXPECT_TRUE(none->sources.empty());
  std::vector<Slurm> one;
  one.push_back(file("a.json", R"({"slurmVersion": 1})"));
  auto m = merge_slurm(std::move(one));
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->sources, std::vector<std::string>{"a.json"});
}

}  // namespace
}  // namespace manrs::rpki
