#include "manrs/check/testing/mrt_builder.h"

#include <fstream>
#include <stdexcept>

#include "manrs/net/ip_address.h"
#include "manrs/net/prefix.h"

namespace manrs::check::testing {

namespace {

using Buf = std::vector<std::uint8_t>;

void u8(Buf& b, unsigned v) { b.push_back(static_cast<std::uint8_t>(v)); }
void u16(Buf& b, unsigned v) {
  u8(b, (v >> 8) & 0xffU);
  u8(b, v & 0xffU);
}
void u32(Buf& b, std::uint32_t v) {
  u16(b, v >> 16);
  u16(b, v & 0xffffU);
}
void append(Buf& b, const Buf& x) { b.insert(b.end(), x.begin(), x.end()); }

net::IpAddress ip(const std::string& text) {
  auto a = net::IpAddress::parse(text);
  if (!a) throw std::runtime_error("bad address in test: " + text);
  return *a;
}

net::Prefix prefix(const std::string& text) {
  auto p = net::Prefix::parse(text);
  if (!p) throw std::runtime_error("bad prefix in test: " + text);
  return *p;
}

void address(Buf& b, const net::IpAddress& a) {
  const unsigned n = a.is_v4() ? 4 : 16;
  for (unsigned i = 0; i < n; ++i) u8(b, a.bytes()[i]);
}

void nlri(Buf& b, const net::Prefix& p) {
  u8(b, p.length());
  for (unsigned i = 0; i < (p.length() + 7) / 8; ++i) u8(b, p.address().bytes()[i]);
}

void attribute(Buf& b, unsigned flags, unsigned type, const Buf& value) {
  if (value.size() > 255) {
    u8(b, flags | 0x10U);
    u8(b, type);
    u16(b, static_cast<unsigned>(value.size()));
  } else {
    u8(b, flags);
    u8(b, type);
    u8(b, static_cast<unsigned>(value.size()));
  }
  append(b, value);
}

Buf path_attrs(const PathSpec& path) {
  Buf b;
  attribute(b, 0x40, 1, Buf{0});  // ORIGIN IGP
  Buf as_path;
  for (std::size_t i = 0; i < path.seq.size(); i += 255) {
    const std::size_t n = std::min<std::size_t>(255, path.seq.size() - i);
    u8(as_path, 2);
    u8(as_path, static_cast<unsigned>(n));
    for (std::size_t k = 0; k < n; ++k) u32(as_path, path.seq[i + k]);
  }
  if (!path.set.empty()) {
    u8(as_path, 1);
    u8(as_path, static_cast<unsigned>(path.set.size()));
    for (const net::Asn a : path.set) u32(as_path, a);
  }
  attribute(b, 0x40, 2, as_path);
  return b;
}

Buf bgp4mp_head(const MrtBuilder::PeerSpec& peer) {
  const net::IpAddress a = ip(peer.address);
  Buf b;
  u32(b, peer.asn);
  u32(b, 12654);  // the collector's AS
  u16(b, 0);
  u16(b, a.is_v4() ? 1 : 2);
  address(b, a);
  address(b, a.is_v4() ? ip("192.0.2.254") : ip("2001:db8::fe"));
  return b;
}

Buf update_message(const std::vector<net::Prefix>& withdrawn,
                   const std::vector<net::Prefix>& announced, const PathSpec* path) {
  Buf w4;
  Buf n4;
  Buf w6;
  Buf n6;
  for (const net::Prefix& p : withdrawn) nlri(p.is_v4() ? w4 : w6, p);
  for (const net::Prefix& p : announced) nlri(p.is_v4() ? n4 : n6, p);
  Buf attrs;
  if (path != nullptr) {
    attrs = path_attrs(*path);
    if (!n4.empty()) attribute(attrs, 0x40, 3, Buf{192, 0, 2, 1});  // NEXT_HOP
  }
  if (!n6.empty()) {
    Buf mp;
    u16(mp, 2);
    u8(mp, 1);
    u8(mp, 16);
    address(mp, ip("2001:db8::1"));
    u8(mp, 0);
    append(mp, n6);
    attribute(attrs, 0x80, 14, mp);
  }
  if (!w6.empty()) {
    Buf mp;
    u16(mp, 2);
    u8(mp, 1);
    append(mp, w6);
    attribute(attrs, 0x80, 15, mp);
  }
  Buf body;
  u16(body, static_cast<unsigned>(w4.size()));
  append(body, w4);
  u16(body, static_cast<unsigned>(attrs.size()));
  append(body, attrs);
  append(body, n4);
  Buf msg(16, 0xff);
  u16(msg, static_cast<unsigned>(19 + body.size()));
  u8(msg, 2);  // UPDATE
  append(msg, body);
  return msg;
}

}  // namespace

void MrtBuilder::record(std::uint32_t ts, std::uint16_t type, std::uint16_t subtype,
                        const Buf& body) {
  u32(out_, ts);
  u16(out_, type);
  u16(out_, subtype);
  u32(out_, static_cast<std::uint32_t>(body.size()));
  append(out_, body);
}

MrtBuilder& MrtBuilder::peer_index(std::uint32_t ts, const std::vector<PeerSpec>& peers) {
  Buf b;
  u32(b, 0xC0000201);  // collector BGP id
  u16(b, 4);
  for (const char c : std::string("test")) u8(b, static_cast<unsigned char>(c));
  u16(b, static_cast<unsigned>(peers.size()));
  for (const PeerSpec& p : peers) {
    const net::IpAddress a = ip(p.address);
    u8(b, (a.is_v4() ? 0U : 1U) | 2U);  // AS4
    u32(b, 0x0A000001);
    address(b, a);
    u32(b, p.asn);
  }
  record(ts, 13, 1, b);
  return *this;
}

MrtBuilder& MrtBuilder::rib(std::uint32_t ts, const std::string& text,
                            const std::vector<RibRoute>& routes) {
  const net::Prefix p = prefix(text);
  Buf b;
  u32(b, sequence_++);
  nlri(b, p);
  u16(b, static_cast<unsigned>(routes.size()));
  for (const RibRoute& r : routes) {
    u16(b, r.peer_index);
    u32(b, ts);
    Buf attrs = path_attrs(r.path);
    if (p.is_v4()) attribute(attrs, 0x40, 3, Buf{192, 0, 2, 1});
    u16(b, static_cast<unsigned>(attrs.size()));
    append(b, attrs);
  }
  record(ts, 13, p.is_v4() ? 2 : 4, b);
  return *this;
}

MrtBuilder& MrtBuilder::announce(std::uint32_t ts, const PeerSpec& peer,
                                 const std::vector<std::string>& prefixes, const PathSpec& path) {
  std::vector<net::Prefix> ps;
  for (const std::string& t : prefixes) ps.push_back(prefix(t));
  Buf b = bgp4mp_head(peer);
  append(b, update_message({}, ps, &path));
  record(ts, 16, 4, b);
  return *this;
}

MrtBuilder& MrtBuilder::withdraw(std::uint32_t ts, const PeerSpec& peer,
                                 const std::vector<std::string>& prefixes) {
  std::vector<net::Prefix> ps;
  for (const std::string& t : prefixes) ps.push_back(prefix(t));
  Buf b = bgp4mp_head(peer);
  append(b, update_message(ps, {}, nullptr));
  record(ts, 16, 4, b);
  return *this;
}

MrtBuilder& MrtBuilder::state(std::uint32_t ts, const PeerSpec& peer, std::uint16_t old_state,
                              std::uint16_t new_state) {
  Buf b = bgp4mp_head(peer);
  u16(b, old_state);
  u16(b, new_state);
  record(ts, 16, 5, b);
  return *this;
}

void MrtBuilder::write(const std::string& path) const {
  std::ofstream f(path, std::ios::binary);
  f.write(reinterpret_cast<const char*>(out_.data()),  // NOLINT
          static_cast<std::streamsize>(out_.size()));
  if (!f) throw std::runtime_error("cannot write " + path);
}

}  // namespace manrs::check::testing
