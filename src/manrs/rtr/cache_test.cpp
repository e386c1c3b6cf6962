// rtr/cache_test.cpp — RFC 1982 serials, set differences and their composition, encoded full and
// delta payloads per version, the bounded history of the Cache.
#include "manrs/rtr/cache.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace manrs::rtr {
namespace {

rpki::Vrp vrp(const char* prefix, unsigned max_len, net::Asn asn) {
  rpki::Vrp v;
  v.prefix = net::Prefix::parse(prefix).value();
  v.max_length = static_cast<std::uint8_t>(max_len);
  v.asn = asn;
  return v;
}

rpki::VrpSet make_set(std::vector<rpki::Vrp> vrps, std::vector<rpki::Aspa> aspas = {},
                      std::vector<rpki::RouterKey> keys = {}) {
  rpki::VrpSet s;
  s.vrps = std::move(vrps);
  s.aspas = std::move(aspas);
  s.router_keys = std::move(keys);
  s.normalize();
  return s;
}

std::vector<Pdu> decode_all(const Bytes& bytes) {
  std::vector<Pdu> out;
  std::span<const std::uint8_t> rest(bytes);
  while (!rest.empty()) {
    std::uint32_t len = 0;
    PduError err;
    EXPECT_EQ(frame(rest, kMaxPduBytes, len, err), Framing::kComplete) << err.message;
    Pdu p;
    EXPECT_TRUE(decode(rest.first(len), p, err)) << err.message;
    out.push_back(p);
    rest = rest.subspan(len);
  }
  return out;
}

TEST(SerialTest, Rfc1982) {
  EXPECT_TRUE(serial_less(1, 2));
  EXPECT_FALSE(serial_less(2, 1));
  EXPECT_FALSE(serial_less(5, 5));
  EXPECT_TRUE(serial_less(0xFFFFFFFFU, 0));  // wraps
  EXPECT_FALSE(serial_less(0, 0xFFFFFFFFU));
}

TEST(DeltaTest, ComposeEqualsDirectDiff) {
  auto a = make_set({vrp("192.0.2.0/24", 24, 65001), vrp("198.51.100.0/24", 24, 65002),
                     vrp("2001:db8::/32", 48, 65003)},
                    {{65001, {65002, 65003}, 0, 0}, {65010, {65011}, 0, 0}});
  auto b = make_set({vrp("192.0.2.0/24", 24, 65001), vrp("203.0.113.0/24", 24, 65004)},
                    {{65001, {65002}, 0, 0}, {65020, {65021}, 0, 0}});
  auto c = make_set({vrp("198.51.100.0/24", 24, 65002), vrp("203.0.113.0/24", 24, 65004)},
                    {{65001, {65002, 65003}, 0, 0}, {65010, {65011}, 0, 0}});
  Delta ab = diff(a, b);
  EXPECT_EQ(ab.vrp_announce.size(), 1U);
  EXPECT_EQ(ab.vrp_withdraw.size(), 2U);
  EXPECT_EQ(ab.aspa.size(), 3U);  // 65001 changed, 65010 gone, 65020 new
  Delta composed = compose(ab, diff(b, c));
  Delta direct = diff(a, c);
  EXPECT_EQ(composed.vrp_announce, direct.vrp_announce);
  EXPECT_EQ(composed.vrp_withdraw, direct.vrp_withdraw);
  ASSERT_EQ(composed.aspa.size(), direct.aspa.size());
  for (std::size_t i = 0; i < direct.aspa.size(); ++i) {
    EXPECT_EQ(composed.aspa[i].customer, direct.aspa[i].customer);
    EXPECT_EQ(composed.aspa[i].after, direct.aspa[i].after);
  }
  EXPECT_EQ(direct.aspa.size(), 0U);  // 65001 and 65010 are back as they were; 65020 never was
}

TEST(DeltaTest, EncodeDeltaPerVersion) {
  auto a = make_set({vrp("192.0.2.0/24", 24, 65001)}, {{65001, {65002}, 0, 0}});
  auto b = make_set({vrp("2001:db8::/32", 48, 65003)}, {{65001, {65002, 65003}, 0, 0}});
  Delta d = diff(a, b);
  auto v0 = decode_all(*encode_delta(d, 0).bytes);
  ASSERT_EQ(v0.size(), 2U);
  EXPECT_FALSE(v0[0].announce);  // withdrawals first
  EXPECT_EQ(v0[0].prefix.to_string(), "192.0.2.0/24");
  EXPECT_TRUE(v0[1].announce);
  EXPECT_EQ(v0[1].prefix.to_string(), "2001:db8::/32");
  auto v2p = encode_delta(d, 2);
  auto v2 = decode_all(*v2p.bytes);
  ASSERT_EQ(v2.size(), 3U);
  EXPECT_EQ(v2[2].type, PduType::kAspa);
  EXPECT_TRUE(v2[2].announce);  // an announcement replaces the provider set
  EXPECT_EQ(v2[2].providers, (std::vector<net::Asn>{65002, 65003}));
  EXPECT_EQ(v2p.counts[static_cast<std::size_t>(PduType::kAspa)], 1U);
}

TEST(CacheTest, SerialsHistoryAndFullPayloads) {
  Cache cache(4242, 2);
  EXPECT_FALSE(cache.state()->has_data);
  rpki::RouterKey key;
  key.asn = 65005;
  key.ski.fill(0xAB);
  key.spki = {1, 2, 3, 4};
  auto a = make_set({vrp("192.0.2.0/24", 24, 65001), vrp("2001:db8::/32", 48, 65003)},
                    {{65001, {65002}, 0, 0}}, {key});
  auto r = cache.update(a);
  EXPECT_TRUE(r.changed);
  EXPECT_EQ(r.serial, 0U);
  auto st = cache.state();
  EXPECT_TRUE(st->has_data);
  EXPECT_EQ(st->session_id, 4242);
  EXPECT_EQ(decode_all(*st->full[0].bytes).size(), 2U);  // prefixes only
  EXPECT_EQ(decode_all(*st->full[1].bytes).size(), 3U);  // + router key
  EXPECT_EQ(decode_all(*st->full[2].bytes).size(), 4U);  // + ASPA

  auto b = make_set({vrp("192.0.2.0/24", 24, 65001), vrp("198.51.100.0/24", 24, 65002),
                     vrp("2001:db8::/32", 48, 65003)},
                    {{65001, {65002}, 0, 0}}, {key});
  EXPECT_EQ(cache.update(b).serial, 1U);
  EXPECT_FALSE(cache.update(b).changed);  // same set: same serial
  EXPECT_EQ(cache.state()->serial, 1U);
  auto c = make_set({vrp("198.51.100.0/24", 24, 65002), vrp("2001:db8::/32", 48, 65003)},
                    {{65001, {65002}, 0, 0}}, {key});
  EXPECT_EQ(cache.update(c).serial, 2U);
  st = cache.state();
  // 0 -> 2 composed: 192.0.2.0/24 withdrawn, 198.51.100.0/24 announced (added in 1, kept in 2)
  auto from0 = decode_all(*st->delta_from(0, 1)->bytes);
  ASSERT_EQ(from0.size(), 2U);
  EXPECT_FALSE(from0[0].announce);
  EXPECT_EQ(from0[0].prefix.to_string(), "192.0.2.0/24");
  EXPECT_TRUE(from0[1].announce);
  EXPECT_EQ(from0[1].prefix.to_string(), "198.51.100.0/24");
  EXPECT_TRUE(st->delta_from(2, 1)->bytes->empty());
  EXPECT_EQ(st->delta_from(77, 1), nullptr);
  auto d = make_set({vrp("198.51.100.0/24", 24, 65002), vrp("203.0.113.0/24", 24, 65004),
                     vrp("2001:db8::/32", 48, 65003)},
                    {{65001, {65002}, 0, 0}}, {key});
  cache.update(d);
  EXPECT_EQ(cache.state()->delta_from(0, 2), nullptr);  // history bound 2: 0 fell out
  EXPECT_NE(cache.state()->delta_from(1, 2), nullptr);
  cache.set_available(false);
  EXPECT_FALSE(cache.state()->has_data);
  EXPECT_EQ(cache.state()->serial, 3U);
}

}  // namespace
}  // namespace manrs::rtr
