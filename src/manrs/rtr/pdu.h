// rtr/pdu.h — RPKI-to-Router PDUs (RFC 6810 v0, RFC 8210 v1, draft-ietf-sidrops-8210bis v2 with
// the current ASPA layout: no address-family field, ../shared/docs/manrs-spec.md §4.2.3):
// encoding (appending to a byte buffer) and decoding (from untrusted bytes, with the RFC's
// error code for every violation).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "manrs/core/result.h"
#include "manrs/net/asn.h"
#include "manrs/net/prefix.h"

namespace manrs::rtr {

enum class PduType : std::uint8_t {
  kSerialNotify = 0,
  kSerialQuery = 1,
  kResetQuery = 2,
  kCacheResponse = 3,
  kIpv4Prefix = 4,
  kIpv6Prefix = 6,
  kEndOfData = 7,
  kCacheReset = 8,
  kRouterKey = 9,
  kErrorReport = 10,
  kAspa = 11,
};

enum class ErrorCode : std::uint16_t {
  kCorruptData = 0,
  kInternalError = 1,
  kNoDataAvailable = 2,
  kInvalidRequest = 3,
  kUnsupportedVersion = 4,
  kUnsupportedPduType = 5,
  kWithdrawalOfUnknownRecord = 6,
  kDuplicateAnnouncement = 7,
  kUnexpectedVersion = 8,
  kAspaProviderListError = 9,
};

[[nodiscard]] std::string_view to_string(PduType t);
[[nodiscard]] std::string_view to_string(ErrorCode c);

inline constexpr std::uint8_t kMaxVersion = 2;
inline constexpr std::size_t kHeaderBytes = 8;
// Largest PDU we accept from a peer: routers send only queries and Error Reports; an Error
// Report may encapsulate a PDU and carry text. 64 KiB bounds the per-connection read buffer.
inline constexpr std::uint32_t kMaxPduBytes = 65536;

struct Timers {                  // End of Data, v1 and later (RFC 8210 §6)
  std::uint32_t refresh = 3600;  // 1..86400
  std::uint32_t retry = 600;     // 1..7200
  std::uint32_t expire = 7200;   // 600..172800, > refresh and > retry
};
// Checks the RFC 8210 §6 ranges; the error says which field and the range.
[[nodiscard]] Status check_timers(const Timers& t);

// One decoded PDU (the fields its type has; others zero/empty).
struct Pdu {
  std::uint8_t version = 0;
  PduType type = PduType::kResetQuery;
  std::uint16_t session_id = 0;  // Serial Notify/Query, Cache Response, End of Data
  std::uint32_t serial = 0;      // Serial Notify/Query, End of Data
  bool announce = false;         // Prefix, Router Key, ASPA flags bit 0
  net::Prefix prefix;            // IPv4/IPv6 Prefix
  std::uint8_t max_length = 0;
  net::Asn asn = 0;                                // Prefix origin, Router Key AS, ASPA customer
  std::vector<net::Asn> providers;                 // ASPA
  std::array<std::uint8_t, 20> ski{};              // Router Key
  std::vector<std::uint8_t> spki;                  // Router Key
  std::optional<Timers> timers;                    // End of Data v1+
  ErrorCode error_code = ErrorCode::kCorruptData;  // Error Report
  std::vector<std::uint8_t> encapsulated;          // Error Report: the erroneous PDU
  std::string error_text;                          // Error Report
};

// A decoding failure: the RTR error code to report, a message, and whether to close.
struct PduError {
  ErrorCode code = ErrorCode::kCorruptData;
  std::string message;  // "<field>: want <x>, have <y>"
};

// Result of looking at the start of a buffer.
enum class Framing : std::uint8_t { kNeedMore, kComplete, kBad };
// Reads the header at the start of `buf`: kNeedMore (fewer than 8 bytes, or fewer than the
// declared length), kComplete (`length` = the PDU's length), kBad (length < 8 or > max_bytes:
// `error` says why). Never reads beyond buf.
[[nodiscard]] Framing frame(std::span<const std::uint8_t> buf, std::uint32_t max_bytes,
                            std::uint32_t& length, PduError& error);

// Decodes exactly one whole PDU (`bytes` = the framed PDU). Checks everything the RFCs require of
// that type and version (lengths, zero fields, flags, prefix length <= maxLength <= 32/128, host
// bits zero in v2, ASPA providers strictly increasing and no AS0 among several, withdraw without
// providers, types not defined in the PDU's version -> kUnsupportedPduType, versions > 2 ->
// kUnsupportedVersion). Choices where the RFCs leave room (rtr/pdu.cpp says why):
//  - an ASPA withdraw with providers is kAspaProviderListError (8210bis-27 §5.12), not Corrupt;
//  - v0/v1 Prefix PDUs with host bits set decode with the bits masked (only v2 rejects them);
//  - End of Data timers are returned as sent: their ranges are the receiver's check_timers();
//  - an Error Report may carry any 16-bit error code (cast to ErrorCode) and an empty SPKI is
//    accepted in a Router Key; the declared length must equal bytes.size() (kCorruptData).
// On failure `out` holds whatever was decoded so far; it is reset at the start of each call,
// keeping its vectors' capacity.
[[nodiscard]] bool decode(std::span<const std::uint8_t> bytes, Pdu& out, PduError& error);

// Encoders: append one PDU to `out`.
void encode_serial_notify(std::vector<std::uint8_t>& out, std::uint8_t version,
                          std::uint16_t session, std::uint32_t serial);
void encode_serial_query(std::vector<std::uint8_t>& out, std::uint8_t version,
                         std::uint16_t session, std::uint32_t serial);
void encode_reset_query(std::vector<std::uint8_t>& out, std::uint8_t version);
void encode_cache_response(std::vector<std::uint8_t>& out, std::uint8_t version,
                           std::uint16_t session);
// IPv4 or IPv6 Prefix PDU by the prefix's family.
void encode_prefix(std::vector<std::uint8_t>& out, std::uint8_t version, bool announce,
                   const net::Prefix& prefix, std::uint8_t max_length, net::Asn asn);
// v0 End of Data has no timers.
void encode_end_of_data(std::vector<std::uint8_t>& out, std::uint8_t version, std::uint16_t session,
                        std::uint32_t serial, const Timers& timers);
void encode_cache_reset(std::vector<std::uint8_t>& out, std::uint8_t version);
// v1+ only.
void encode_router_key(std::vector<std::uint8_t>& out, std::uint8_t version, bool announce,
                       const std::array<std::uint8_t, 20>& ski, net::Asn asn,
                       std::span<const std::uint8_t> spki);
// v2 only; a withdraw carries no providers.
void encode_aspa(std::vector<std::uint8_t>& out, std::uint8_t version, bool announce,
                 net::Asn customer, std::span<const net::Asn> providers);
// `encapsulated` is cut to fit kMaxPduBytes; the text too.
void encode_error_report(std::vector<std::uint8_t>& out, std::uint8_t version, ErrorCode code,
                         std::span<const std::uint8_t> encapsulated, std::string_view text);

}  // namespace manrs::rtr
