#include "manrs/mrt/reader.h"

#include <algorithm>
#include <cstring>

#include <fmt/format.h>

#include "manrs/core/byte_reader.h"
#include "manrs/core/limits.h"
#include "manrs/mrt/decode.h"

namespace manrs::mrt {

namespace {

constexpr std::size_t kChunk = 4U * 1024U * 1024U;
constexpr std::uint32_t kResyncWindowSeconds = 7U * 86400U;

std::uint16_t be16(const std::byte* p) {
  return static_cast<std::uint16_t>((std::to_integer<unsigned>(p[0]) << 8) |
                                    std::to_integer<unsigned>(p[1]));
}
std::uint32_t be32(const std::byte* p) {
  return (std::to_integer<std::uint32_t>(p[0]) << 24) |
         (std::to_integer<std::uint32_t>(p[1]) << 16) |
         (std::to_integer<std::uint32_t>(p[2]) << 8) | std::to_integer<std::uint32_t>(p[3]);
}

}  // namespace

bool is_et(const Header& h) { return h.type == kTypeBgp4mpEt; }

bool is_known_type(std::uint16_t type, std::uint16_t subtype) {
  switch (type) {
    case kTypeBgp:
      return subtype <= 7 || subtype == 133;
    case kTypeTableDump:
      return subtype >= 1 && subtype <= 4;
    case kTypeTableDumpV2:
      return subtype >= 1 && subtype <= 12;
    case kTypeBgp4mp:
    case kTypeBgp4mpEt:
      return subtype <= 11;
    case 0:
    case 1:
    case 2:
    case 3:
    case 4:
    case 6:
    case 7:
    case 8:
    case 9:
    case 10:  // NOLINT
    case 11:
    case 32:
    case 33:
    case 48:
    case 49:        // NOLINT
      return true;  // deprecated types, OSPF, ISIS: framed and skipped
    default:
      return false;
  }
}

Reader::Reader(std::unique_ptr<core::ByteSource> source, DecodeOptions options)
    : source_(std::move(source)),
      name_(source_->name()),
      options_(options),
      peers_(std::make_shared<PeerIndexTable>()) {
  buf_.resize(kChunk);
}

Result<std::size_t> Reader::fill(std::size_t n) {
  while (end_ - pos_ < n && !eof_) {
    if (pos_ > 0 && (buf_.size() - end_ < kChunk / 2 || buf_.size() - pos_ < n)) {
      // Move the unread bytes to the front to make room for the next read.
      std::memmove(buf_.data(), buf_.data() + pos_, end_ - pos_);
      file_pos_ += pos_;
      end_ -= pos_;
      pos_ = 0;
    }
    if (buf_.size() < n) buf_.resize(std::max(n, buf_.size() * 2));
    auto got = source_->read({buf_.data() + end_, buf_.size() - end_});
    if (!got) {
      // Keep what is buffered: records before the damage still decode. The error is
      // reported when the reader runs out of whole records.
      eof_ = true;
      pending_ = std::move(got.error());
      break;
    }
    if (*got == 0) {
      eof_ = true;
      break;
    }
    end_ += *got;
  }
  return end_ - pos_;
}

// A header at pos_+at is plausible: known type/subtype, a length within limits and (when
// asked, for resynchronisation) a timestamp near the last good one.
bool Reader::plausible(std::size_t at, std::size_t avail, bool check_time) const {
  if (at + 12 > avail) return false;
  const std::byte* p = buf_.data() + pos_ + at;
  std::uint32_t ts = be32(p);
  std::uint16_t type = be16(p + 4);
  std::uint16_t subtype = be16(p + 6);
  std::uint32_t len = be32(p + 8);
  if (!is_known_type(type, subtype)) return false;
  if (len > limits::kMaxMrtRecordBytes) return false;
  if (type == kTypeBgp4mpEt && len < 4) return false;
  if (check_time && have_ts_) {
    std::uint32_t d = ts > last_ts_ ? ts - last_ts_ : last_ts_ - ts;
    if (d > kResyncWindowSeconds) return false;
  }
  return true;
}

Result<bool> Reader::resync(std::size_t from_rel) {
  // Scan for a header whose record is followed by another plausible header (or the end).
  ++stats_.resyncs;
  std::size_t scanned = 0;
  std::size_t at = from_rel;
  while (scanned < limits::kMaxResyncScanBytes) {
    MANRS_TRY(std::size_t avail, fill(at + 12));
    if (at + 12 > avail) break;  // end of input
    if (plausible(at, avail, true) && be32(buf_.data() + pos_ + at + 8) > 0) {
      std::size_t next = at + 12 + be32(buf_.data() + pos_ + at + 8);
      MANRS_TRY(std::size_t avail2, fill(next + 12));
      if (next == avail2 || plausible(next, avail2, true)) {
        stats_.skipped_bytes += at;
        pos_ += at;
        return true;
      }
    }
    ++at;
    ++scanned;
  }
  // Nothing found: drop what was scanned and give up on this stretch.
  MANRS_TRY(std::size_t avail, fill(at));
  std::size_t drop = std::min(at, avail);
  stats_.skipped_bytes += drop;
  pos_ += drop;
  return !(eof_ && pos_ >= end_);
}

Error Reader::take_pending() {
  failed_ = true;
  pos_ = end_;
  Error e = std::move(*pending_);
  pending_.reset();
  return e;
}

Result<bool> Reader::next(Record& rec) {
  RawRecord raw;
  MANRS_TRY(bool more, next_raw(raw, rec));
  if (!more) return false;
  if (raw.decoded) return true;
  rec.header = raw.header;
  Status st = decode_record(raw.body, name_, *peers_, rec, options_);
  if (!st) {
    ++stats_.record_errors;
    return std::move(st.error());
  }
  return true;
}

Result<bool> Reader::next_raw(RawRecord& raw, Record& scratch) {
  raw.decoded = false;
  if (failed_) return false;
  MANRS_TRY(std::size_t avail, fill(12));
  if (avail == 0 && pending_) return take_pending();
  if (avail == 0) return false;
  const std::uint64_t at = offset();
  if (avail < 12 && pending_) return take_pending();
  if (avail < 12) {
    pos_ = end_;
    ++stats_.record_errors;
    return make_error(ErrorCode::kTruncated,
                      fmt::format("RFC 6396 §2 MRT header: want 12 bytes, have {}", avail),
                      fmt::format("{}@{}", name_, at));
  }
  if (!plausible(0, avail, false)) {
    const std::byte* p = buf_.data() + pos_;
    Error err = make_error(
        ErrorCode::kMalformed,
        fmt::format("RFC 6396 §2 MRT header: want a known type and length <= {}, have type {} "
                    "subtype {} length {}",
                    limits::kMaxMrtRecordBytes, be16(p + 4), be16(p + 6), be32(p + 8)),
        fmt::format("{}@{}", name_, at));
    ++stats_.record_errors;
    MANRS_TRY_VOID(resync(1));
    return err;
  }
  const std::byte* p = buf_.data() + pos_;
  Header& h = raw.header;
  h.timestamp = be32(p);
  h.type = be16(p + 4);
  h.subtype = be16(p + 6);
  h.length = be32(p + 8);
  h.offset = at;
  h.microseconds = 0;
  std::size_t body_len = h.length;
  // Look one header ahead: needed for the legacy length repair and to decide how to go on
  // after a record that does not decode.
  MANRS_TRY(avail, fill(12 + body_len + 16));
  p = buf_.data() + pos_;
  if (12 + body_len > avail && pending_) return take_pending();
  if (12 + body_len > avail) {
    Error err = make_error(
        ErrorCode::kTruncated,
        fmt::format("RFC 6396 §2 MRT record body: want {} bytes, have {}", body_len, avail - 12),
        fmt::format("{}@{}", name_, at));
    pos_ = end_;
    ++stats_.record_errors;
    return err;
  }
  if (h.type == kTypeTableDump && 12 + body_len + 16 <= avail &&
      !plausible(12 + body_len, avail, false) && plausible(12 + body_len + 4, avail, false)) {
    // Early RIS TABLE_DUMP files declare a length 4 bytes short (the view/sequence pair is
    // not counted); the next header is exactly 4 bytes further.
    body_len += 4;
    ++stats_.length_repairs;
  }
  ++stats_.records;
  raw.body = std::span<const std::byte>{p + 12, body_len};
  if (h.type == kTypeBgp4mpEt) {
    h.microseconds = be32(p + 12);
    raw.body = raw.body.subspan(4);
  }
  const std::size_t next = 12 + body_len;
  const bool next_ok = next == avail || plausible(next, avail, true);
  const bool pit =
      h.type == kTypeTableDumpV2 && h.subtype == static_cast<std::uint16_t>(TdV2::kPeerIndexTable);
  if (pit || !next_ok) {
    // Decode now: the peer table is reader state; and when no plausible header follows, only
    // a successful decode tells whether the length can be trusted.
    scratch.header = h;
    Status st;
    if (pit) {
      auto table = std::make_shared<PeerIndexTable>();
      core::ByteReader r{raw.body, name_, at + 12};
      st = decode_peer_index_table(r, *table);
      if (st) peers_ = std::move(table);
      scratch.kind = RecordKind::kPeerIndexTable;
      scratch.peers = peers_.get();
    } else {
      st = decode_record(raw.body, name_, *peers_, scratch, options_);
    }
    if (!st) {
      ++stats_.record_errors;
      if (next_ok) {
        pos_ += next;
      } else {
        MANRS_TRY_VOID(resync(1));
      }
      return std::move(st.error());
    }
    raw.decoded = true;
  }
  last_ts_ = h.timestamp;
  have_ts_ = true;
  pos_ += next;
  return true;
}

Status decode_record(std::span<const std::byte> body, std::string_view source,
                     const PeerIndexTable& peers, Record& rec, const DecodeOptions& options) {
  const Header& h = rec.header;
  core::ByteReader r{body, source, h.offset + 12 + (is_et(h) ? 4 : 0)};
  rec.kind = RecordKind::kSkipped;
  rec.peers = &peers;
  switch (h.type) {
    case kTypeTableDumpV2:
      if (h.subtype == static_cast<std::uint16_t>(TdV2::kPeerIndexTable)) {
        rec.kind = RecordKind::kPeerIndexTable;
        return {};  // decoded by the reader, which keeps the table
      }
      if (h.subtype == static_cast<std::uint16_t>(TdV2::kGeoPeerTable)) return {};
      rec.kind = RecordKind::kRib;
      return decode_rib(r, h.subtype, peers, rec.rib, options.summary);
    case kTypeTableDump:
      rec.kind = RecordKind::kTableDump;
      return decode_table_dump(r, h.subtype, rec.table_dump);
    case kTypeBgp4mp:
    case kTypeBgp4mpEt:
      return decode_bgp4mp(r, h.subtype, rec.bgp4mp, rec.kind);
    case kTypeBgp:
      return decode_legacy_bgp(r, h.subtype, rec.bgp4mp, rec.kind);
    default:
      return {};
  }
}

}  // namespace manrs::mrt
