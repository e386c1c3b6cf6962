// rtr/pdu.cpp — RTR PDU codec (RFC 6810 v0, RFC 8210 v1, draft-ietf-sidrops-8210bis v2):
// framing, decoding of untrusted PDUs with the RFC error code for every violation, and encoders.
//
// decode() checks the declared length against the span first and then every fixed length, so
// every later load is in bounds; the only allocations are copies of the PDU's own bytes (SPKI,
// encapsulated PDU, error text, providers), never a size the peer declared beyond them.
#include "manrs/rtr/pdu.h"

#include <algorithm>
#include <cstring>

#include <fmt/format.h>

namespace manrs::rtr {

namespace {

// Bounds-checked big-endian loads: callers have checked `at + n <= b.size()` through the
// length checks; out of range still returns 0 instead of reading.
std::uint8_t load_u8(std::span<const std::uint8_t> b, std::size_t at) {
  return at < b.size() ? b[at] : std::uint8_t{0};
}
std::uint16_t load_u16(std::span<const std::uint8_t> b, std::size_t at) {
  if (at + 2 > b.size()) {
    return 0;
  }
  return static_cast<std::uint16_t>((unsigned{b[at]} << 8U) | unsigned{b[at + 1]});
}
std::uint32_t load_u32(std::span<const std::uint8_t> b, std::size_t at) {
  if (at + 4 > b.size()) {
    return 0;
  }
  return (std::uint32_t{b[at]} << 24U) | (std::uint32_t{b[at + 1]} << 16U) |
         (std::uint32_t{b[at + 2]} << 8U) | std::uint32_t{b[at + 3]};
}

void put_u8(std::vector<std::uint8_t>& out, std::uint8_t v) { out.push_back(v); }
void put_u16(std::vector<std::uint8_t>& out, std::uint16_t v) {
  out.push_back(static_cast<std::uint8_t>(v >> 8U));
  out.push_back(static_cast<std::uint8_t>(v & 0xFFU));
}
void put_u32(std::vector<std::uint8_t>& out, std::uint32_t v) {
  out.push_back(static_cast<std::uint8_t>(v >> 24U));
  out.push_back(static_cast<std::uint8_t>((v >> 16U) & 0xFFU));
  out.push_back(static_cast<std::uint8_t>((v >> 8U) & 0xFFU));
  out.push_back(static_cast<std::uint8_t>(v & 0xFFU));
}
void put_header(std::vector<std::uint8_t>& out, std::uint8_t version, PduType type,
                std::uint16_t field, std::uint32_t length) {
  put_u8(out, version);
  put_u8(out, static_cast<std::uint8_t>(type));
  put_u16(out, field);
  put_u32(out, length);
}
// Header whose bytes 2-3 are flags(1) + zero(1) (Router Key, ASPA).
void put_flags_header(std::vector<std::uint8_t>& out, std::uint8_t version, PduType type,
                      bool announce, std::uint32_t length) {
  put_header(out, version, type, static_cast<std::uint16_t>(announce ? 0x0100U : 0U), length);
}

bool fail(PduError& error, ErrorCode code, std::string message) {
  error.code = code;
  error.message = std::move(message);
  return false;
}

// The PDU name for messages; also for types not defined (by number).
std::string pdu_name(std::uint8_t type) {
  switch (type) {
    case 0:
    case 1:
    case 2:
    case 3:
    case 4:
    case 6:
    case 7:
    case 8:
    case 9:
    case 10:
    case 11:
      return std::string(to_string(static_cast<PduType>(type)));
    default:
      return fmt::format("PDU type {}", type);
  }
}

// RFC 3629 §4 UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF.
bool valid_utf8(std::span<const std::uint8_t> s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const unsigned c = s[i];
    if (c < 0x80U) {
      ++i;
      continue;
    }
    std::size_t n = 0;
    unsigned lo = 0x80U;
    unsigned hi = 0xBFU;
    if (c >= 0xC2U && c <= 0xDFU) {
      n = 1;
    } else if (c >= 0xE0U && c <= 0xEFU) {
      n = 2;
      if (c == 0xE0U) {
        lo = 0xA0U;
      }
      if (c == 0xEDU) {
        hi = 0x9FU;
      }
    } else if (c >= 0xF0U && c <= 0xF4U) {
      n = 3;
      if (c == 0xF0U) {
        lo = 0x90U;
      }
      if (c == 0xF4U) {
        hi = 0x8FU;
      }
    } else {
      return false;
    }
    if (n > s.size() - i - 1) {
      return false;
    }
    const unsigned c1 = s[i + 1];
    if (c1 < lo || c1 > hi) {
      return false;
    }
    for (std::size_t k = 2; k <= n; ++k) {
      const unsigned ck = s[i + k];
      if (ck < 0x80U || ck > 0xBFU) {
        return false;
      }
    }
    i += n + 1;
  }
  return true;
}

// The longest prefix of `text` of at most `max` bytes that does not end inside a UTF-8
// sequence (continuation bytes are 10xxxxxx).
std::string_view cut_utf8(std::string_view text, std::size_t max) {
  if (text.size() <= max) {
    return text;
  }
  std::size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0U) == 0x80U) {
    --n;
  }
  return text.substr(0, n);
}

bool check_length(std::span<const std::uint8_t> b, std::string_view name, std::uint32_t want,
                  PduError& error) {
  if (b.size() != want) {
    return fail(error, ErrorCode::kCorruptData,
                fmt::format("{} length: want {}, have {}", name, want, b.size()));
  }
  return true;
}

bool check_zero(std::string_view name, std::string_view field, unsigned have, PduError& error) {
  if (have != 0) {
    return fail(error, ErrorCode::kCorruptData,
                fmt::format("{} {}: want 0, have {}", name, field, have));
  }
  return true;
}

// Flags byte: bit 0 = announce, the other bits reserved (RFC 8210 §5.5) and must be zero.
bool check_flags(std::string_view name, std::uint8_t flags, PduError& error) {
  if ((flags & 0xFEU) != 0) {
    return fail(error, ErrorCode::kCorruptData,
                fmt::format("{} flags: want 0 or 1, have {:#04x}", name, flags));
  }
  return true;
}

bool decode_prefix(std::span<const std::uint8_t> b, std::uint8_t version, bool v6, Pdu& out,
                   PduError& error) {
  const std::string_view name = v6 ? "IPv6 Prefix" : "IPv4 Prefix";
  const unsigned bits = v6 ? 128U : 32U;
  if (!check_length(b, name, v6 ? 32U : 20U, error)) {
    return false;
  }
  if (!check_zero(name, "header zero field", load_u16(b, 2), error)) {
    return false;
  }
  const std::uint8_t flags = load_u8(b, 8);
  const std::uint8_t len = load_u8(b, 9);
  const std::uint8_t max_len = load_u8(b, 10);
  if (!check_flags(name, flags, error)) {
    return false;
  }
  if (!check_zero(name, "zero field", load_u8(b, 11), error)) {
    return false;
  }
  if (max_len > bits) {
    return fail(error, ErrorCode::kCorruptData,
                fmt::format("{} max length: want <= {}, have {}", name, bits, max_len));
  }
  if (len > max_len) {
    return fail(
        error, ErrorCode::kCorruptData,
        fmt::format("{} prefix length: want <= max length {}, have {}", name, max_len, len));
  }
  const net::IpAddress addr = v6 ? net::IpAddress::v6_bytes(b.data() + 12)   // NOLINT
                                 : net::IpAddress::v4_bytes(b.data() + 12);  // NOLINT
  out.prefix = net::Prefix::make(addr, len);
  // 8210bis: a v2 router rejects host bits beyond the prefix length; v0/v1 mask them.
  if (version >= 2 && out.prefix.address() != addr) {
    return fail(error, ErrorCode::kCorruptData,
                fmt::format("{} address: want host bits zero beyond /{}, have {}", name, len,
                            addr.to_string()));
  }
  out.announce = (flags & 1U) != 0;
  out.max_length = max_len;
  out.asn = load_u32(b, v6 ? 28 : 16);
  return true;
}

bool decode_router_key(std::span<const std::uint8_t> b, Pdu& out, PduError& error) {
  const std::string_view name = "Router Key";
  // RFC 8210 §5.10: 8 + SKI(20) + ASN(4) + SPKI. An empty SPKI is accepted here (the RFC
  // gives no minimum; the SPKI's own syntax is not the codec's business).
  if (b.size() < 32) {
    return fail(error, ErrorCode::kCorruptData,
                fmt::format("{} length: want >= 32, have {}", name, b.size()));
  }
  const std::uint8_t flags = load_u8(b, 2);
  if (!check_flags(name, flags, error)) {
    return false;
  }
  if (!check_zero(name, "zero field", load_u8(b, 3), error)) {
    return false;
  }
  out.announce = (flags & 1U) != 0;
  std::copy_n(b.begin() + 8, 20, out.ski.begin());
  out.asn = load_u32(b, 28);
  out.spki.assign(b.begin() + 32, b.end());
  return true;
}

bool decode_aspa(std::span<const std::uint8_t> b, Pdu& out, PduError& error) {
  const std::string_view name = "ASPA";
  if (b.size() < 12 || (b.size() - 12) % 4 != 0) {
    return fail(error, ErrorCode::kCorruptData,
                fmt::format("{} length: want 12 + 4n, have {}", name, b.size()));
  }
  const std::uint8_t flags = load_u8(b, 2);
  if (!check_flags(name, flags, error)) {
    return false;
  }
  if (!check_zero(name, "zero field", load_u8(b, 3), error)) {
    return false;
  }
  out.announce = (flags & 1U) != 0;
  out.asn = load_u32(b, 8);
  const std::size_t n = (b.size() - 12) / 4;
  // 8210bis-27 §5.12 (manrs-spec §4.2.3): a withdraw carries no providers; every violation of
  // the provider list rules, this one included, is error 9 (ASPA Provider List Error), not
  // Corrupt Data: the PDU is well framed, only its provider list is wrong.
  if (!out.announce) {
    if (n != 0) {
      return fail(error, ErrorCode::kAspaProviderListError,
                  fmt::format("{} withdraw providers: want 0, have {}", name, n));
    }
    return true;
  }
  if (n == 0) {
    return fail(error, ErrorCode::kAspaProviderListError,
                fmt::format("{} announce providers: want >= 1, have 0", name));
  }
  out.providers.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const net::Asn p = load_u32(b, 12 + 4 * i);
    if (!out.providers.empty() && p <= out.providers.back()) {
      return fail(error, ErrorCode::kAspaProviderListError,
                  fmt::format("{} provider {}: want > {} (strictly increasing), have {}", name, i,
                              out.providers.back(), p));
    }
    out.providers.push_back(p);
  }
  if (n > 1 && out.providers.front() == 0) {
    return fail(error, ErrorCode::kAspaProviderListError,
                fmt::format("{} providers: want no AS0 among {} providers, have AS0", name, n));
  }
  return true;
}

bool decode_error_report(std::span<const std::uint8_t> b, Pdu& out, PduError& error) {
  const std::string_view name = "Error Report";
  // RFC 8210 §5.11: header(error code) + len(4) + PDU + len(4) + text.
  if (b.size() < 16) {
    return fail(error, ErrorCode::kCorruptData,
                fmt::format("{} length: want >= 16, have {}", name, b.size()));
  }
  out.error_code = static_cast<ErrorCode>(load_u16(b, 2));
  const std::uint32_t pdu_len = load_u32(b, 8);
  const std::size_t room = b.size() - 16;
  if (pdu_len > room) {
    return fail(
        error, ErrorCode::kCorruptData,
        fmt::format("{} encapsulated PDU length: want <= {}, have {}", name, room, pdu_len));
  }
  const std::size_t text_at = 12 + std::size_t{pdu_len};
  const std::uint32_t text_len = load_u32(b, text_at);
  if (text_len != room - pdu_len) {
    return fail(
        error, ErrorCode::kCorruptData,
        fmt::format("{} error text length: want {}, have {}", name, room - pdu_len, text_len));
  }
  const auto text = b.subspan(text_at + 4);
  if (!valid_utf8(text)) {
    return fail(error, ErrorCode::kCorruptData,
                fmt::format("{} error text: want UTF-8, have invalid bytes", name));
  }
  out.encapsulated.assign(b.begin() + 12, b.begin() + static_cast<std::ptrdiff_t>(text_at));
  out.error_text.assign(reinterpret_cast<const char*>(text.data()), text.size());  // NOLINT
  return true;
}

// Pdu{} but keeping the capacity of the vectors and the string (a session reuses one Pdu).
void reset(Pdu& p) {
  auto providers = std::move(p.providers);
  auto spki = std::move(p.spki);
  auto encapsulated = std::move(p.encapsulated);
  auto text = std::move(p.error_text);
  p = Pdu{};
  providers.clear();
  spki.clear();
  encapsulated.clear();
  text.clear();
  p.providers = std::move(providers);
  p.spki = std::move(spki);
  p.encapsulated = std::move(encapsulated);
  p.error_text = std::move(text);
}

}  // namespace

std::string_view to_string(PduType t) {
  switch (t) {
    case PduType::kSerialNotify:
      return "Serial Notify";
    case PduType::kSerialQuery:
      return "Serial Query";
    case PduType::kResetQuery:
      return "Reset Query";
    case PduType::kCacheResponse:
      return "Cache Response";
    case PduType::kIpv4Prefix:
      return "IPv4 Prefix";
    case PduType::kIpv6Prefix:
      return "IPv6 Prefix";
    case PduType::kEndOfData:
      return "End of Data";
    case PduType::kCacheReset:
      return "Cache Reset";
    case PduType::kRouterKey:
      return "Router Key";
    case PduType::kErrorReport:
      return "Error Report";
    case PduType::kAspa:
      return "ASPA";
  }
  return "?";
}

std::string_view to_string(ErrorCode c) {
  switch (c) {
    case ErrorCode::kCorruptData:
      return "Corrupt Data";
    case ErrorCode::kInternalError:
      return "Internal Error";
    case ErrorCode::kNoDataAvailable:
      return "No Data Available";
    case ErrorCode::kInvalidRequest:
      return "Invalid Request";
    case ErrorCode::kUnsupportedVersion:
      return "Unsupported Protocol Version";
    case ErrorCode::kUnsupportedPduType:
      return "Unsupported PDU Type";
    case ErrorCode::kWithdrawalOfUnknownRecord:
      return "Withdrawal of Unknown Record";
    case ErrorCode::kDuplicateAnnouncement:
      return "Duplicate Announcement Received";
    case ErrorCode::kUnexpectedVersion:
      return "Unexpected Protocol Version";
    case ErrorCode::kAspaProviderListError:
      return "ASPA Provider List Error";
  }
  return "?";
}

Status check_timers(const Timers& t) {
  auto range = [](std::string_view field, std::uint32_t have, std::uint32_t lo,
                  std::uint32_t hi) -> Status {
    if (have < lo || have > hi) {
      return make_error(manrs::ErrorCode::kPolicy,
                        fmt::format("RFC 8210 §6 {}: want {}..{}, have {}", field, lo, hi, have));
    }
    return {};
  };
  MANRS_TRY_VOID(range("refresh interval", t.refresh, 1, 86400));
  MANRS_TRY_VOID(range("retry interval", t.retry, 1, 7200));
  MANRS_TRY_VOID(range("expire interval", t.expire, 600, 172800));
  if (t.expire <= t.refresh || t.expire <= t.retry) {
    return make_error(manrs::ErrorCode::kPolicy,
                      fmt::format("RFC 8210 §6 expire interval: want > refresh {} and > retry {}, "
                                  "have {}",
                                  t.refresh, t.retry, t.expire));
  }
  return {};
}

Framing frame(std::span<const std::uint8_t> buf, std::uint32_t max_bytes, std::uint32_t& length,
              PduError& error) {
  if (buf.size() < kHeaderBytes) {
    return Framing::kNeedMore;
  }
  const std::uint32_t len = load_u32(buf, 4);
  if (len < kHeaderBytes || len > max_bytes) {
    error.code = ErrorCode::kCorruptData;
    error.message = fmt::format("{} length: want {}..{}, have {}", pdu_name(buf[1]), kHeaderBytes,
                                max_bytes, len);
    return Framing::kBad;
  }
  if (buf.size() < len) {
    return Framing::kNeedMore;
  }
  length = len;
  return Framing::kComplete;
}

bool decode(std::span<const std::uint8_t> bytes, Pdu& out, PduError& error) {
  reset(out);
  if (bytes.size() < kHeaderBytes) {
    return fail(error, ErrorCode::kCorruptData,
                fmt::format("PDU header: want {} bytes, have {}", kHeaderBytes, bytes.size()));
  }
  const std::uint8_t version = bytes[0];
  const std::uint8_t type = bytes[1];
  if (version > kMaxVersion) {
    return fail(
        error, ErrorCode::kUnsupportedVersion,
        fmt::format("{} version: want 0..{}, have {}", pdu_name(type), kMaxVersion, version));
  }
  const std::uint32_t declared = load_u32(bytes, 4);
  const std::string name = pdu_name(type);
  if (declared != bytes.size()) {
    return fail(
        error, ErrorCode::kCorruptData,
        fmt::format("{} length: want {} (bytes framed), have {}", name, bytes.size(), declared));
  }
  bool known = type <= 11 && type != 5;
  if (type == 9 && version < 1) {
    known = false;  // Router Key: RFC 8210 (v1) on
  }
  if (type == 11 && version < 2) {
    known = false;  // ASPA: 8210bis (v2) on
  }
  if (!known) {
    return fail(error, ErrorCode::kUnsupportedPduType,
                fmt::format("PDU type: want one defined in version {}, have {}", version, type));
  }
  out.version = version;
  out.type = static_cast<PduType>(type);
  const std::uint16_t field = load_u16(bytes, 2);
  switch (out.type) {
    case PduType::kSerialNotify:
    case PduType::kSerialQuery:
      if (!check_length(bytes, name, 12, error)) {
        return false;
      }
      out.session_id = field;
      out.serial = load_u32(bytes, 8);
      return true;
    case PduType::kResetQuery:
    case PduType::kCacheReset:
      if (!check_length(bytes, name, 8, error)) {
        return false;
      }
      return check_zero(name, "zero field", field, error);
    case PduType::kCacheResponse:
      if (!check_length(bytes, name, 8, error)) {
        return false;
      }
      out.session_id = field;
      return true;
    case PduType::kIpv4Prefix:
    case PduType::kIpv6Prefix:
      return decode_prefix(bytes, version, out.type == PduType::kIpv6Prefix, out, error);
    case PduType::kEndOfData:
      if (!check_length(bytes, name, version == 0 ? 12U : 24U, error)) {
        return false;
      }
      out.session_id = field;
      out.serial = load_u32(bytes, 8);
      // The timer ranges (RFC 8210 §6) are the receiver's policy: see check_timers.
      if (version >= 1) {
        out.timers = Timers{load_u32(bytes, 12), load_u32(bytes, 16), load_u32(bytes, 20)};
      }
      return true;
    case PduType::kRouterKey:
      return decode_router_key(bytes, out, error);
    case PduType::kErrorReport:
      return decode_error_report(bytes, out, error);
    case PduType::kAspa:
      return decode_aspa(bytes, out, error);
  }
  return fail(error, ErrorCode::kUnsupportedPduType,
              fmt::format("PDU type: want 0..11, have {}", type));
}

void encode_serial_notify(std::vector<std::uint8_t>& out, std::uint8_t version,
                          std::uint16_t session, std::uint32_t serial) {
  put_header(out, version, PduType::kSerialNotify, session, 12);
  put_u32(out, serial);
}

void encode_serial_query(std::vector<std::uint8_t>& out, std::uint8_t version,
                         std::uint16_t session, std::uint32_t serial) {
  put_header(out, version, PduType::kSerialQuery, session, 12);
  put_u32(out, serial);
}

void encode_reset_query(std::vector<std::uint8_t>& out, std::uint8_t version) {
  put_header(out, version, PduType::kResetQuery, 0, 8);
}

void encode_cache_response(std::vector<std::uint8_t>& out, std::uint8_t version,
                           std::uint16_t session) {
  put_header(out, version, PduType::kCacheResponse, session, 8);
}

void encode_prefix(std::vector<std::uint8_t>& out, std::uint8_t version, bool announce,
                   const net::Prefix& prefix, std::uint8_t max_length, net::Asn asn) {
  const bool v4 = prefix.is_v4();
  put_header(out, version, v4 ? PduType::kIpv4Prefix : PduType::kIpv6Prefix, 0, v4 ? 20U : 32U);
  put_u8(out, announce ? 1 : 0);
  put_u8(out, static_cast<std::uint8_t>(prefix.length()));
  put_u8(out, max_length);
  put_u8(out, 0);
  const auto& a = prefix.address().bytes();
  out.insert(out.end(), a.begin(), a.begin() + (v4 ? 4 : 16));
  put_u32(out, asn);
}

void encode_end_of_data(std::vector<std::uint8_t>& out, std::uint8_t version, std::uint16_t session,
                        std::uint32_t serial, const Timers& timers) {
  put_header(out, version, PduType::kEndOfData, session, version == 0 ? 12U : 24U);
  put_u32(out, serial);
  if (version == 0) {
    return;
  }
  put_u32(out, timers.refresh);
  put_u32(out, timers.retry);
  put_u32(out, timers.expire);
}

void encode_cache_reset(std::vector<std::uint8_t>& out, std::uint8_t version) {
  put_header(out, version, PduType::kCacheReset, 0, 8);
}

void encode_router_key(std::vector<std::uint8_t>& out, std::uint8_t version, bool announce,
                       const std::array<std::uint8_t, 20>& ski, net::Asn asn,
                       std::span<const std::uint8_t> spki) {
  put_flags_header(out, version, PduType::kRouterKey, announce,
                   static_cast<std::uint32_t>(32 + spki.size()));
  out.insert(out.end(), ski.begin(), ski.end());
  put_u32(out, asn);
  out.insert(out.end(), spki.begin(), spki.end());
}

void encode_aspa(std::vector<std::uint8_t>& out, std::uint8_t version, bool announce,
                 net::Asn customer, std::span<const net::Asn> providers) {
  const std::size_t n = announce ? providers.size() : 0;
  put_flags_header(out, version, PduType::kAspa, announce, static_cast<std::uint32_t>(12 + 4 * n));
  put_u32(out, customer);
  for (std::size_t i = 0; i < n; ++i) {
    put_u32(out, providers[i]);
  }
}

void encode_error_report(std::vector<std::uint8_t>& out, std::uint8_t version, ErrorCode code,
                         std::span<const std::uint8_t> encapsulated, std::string_view text) {
  // The encapsulated PDU keeps priority (it is what the peer needs to find its bug); the text
  // takes what is left, cut on a UTF-8 character boundary so that it stays valid.
  constexpr std::size_t kRoom = kMaxPduBytes - 16;
  const auto pdu = encapsulated.first(std::min(encapsulated.size(), kRoom));
  const std::string_view msg = cut_utf8(text, kRoom - pdu.size());
  put_header(out, version, PduType::kErrorReport, static_cast<std::uint16_t>(code),
             static_cast<std::uint32_t>(16 + pdu.size() + msg.size()));
  put_u32(out, static_cast<std::uint32_t>(pdu.size()));
  out.insert(out.end(), pdu.begin(), pdu.end());
  put_u32(out, static_cast<std::uint32_t>(msg.size()));
  out.insert(out.end(), msg.begin(), msg.end());
}

}  // namespace manrs::rtr
