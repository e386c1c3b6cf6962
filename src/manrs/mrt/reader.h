// mrt/reader.h — streams MRT records (RFC 6396, RFC 8050) out of a byte source.
//
// Start here for MRT: Reader frames records (12-byte header, 16 for the _ET types), keeps the
// TABLE_DUMP_V2 PEER_INDEX_TABLE, and decodes each record into a reusable Record (record.h).
// Memory is bounded by the largest record (limits::kMaxMrtRecordBytes), never by the file.
//
// Damage: a record whose body does not decode yields an Error naming file, offset and field;
// the reader then continues with the next record when the length field can be trusted, or
// scans forward for the next plausible header chain ("resynchronises") when it cannot. Two
// repairs for historical files are applied and counted: the 4-byte-short length of batched
// TABLE_DUMP records written by early RIS collectors, and Zebra's 8-byte STATE_CHANGE.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "manrs/core/input.h"
#include "manrs/core/result.h"
#include "manrs/mrt/record.h"

namespace manrs::mrt {

// A framed record: its header and body bytes (valid until the next call on the reader).
// `decoded` is true when the reader had to decode it already (PEER_INDEX_TABLE, or a record
// not followed by a plausible header); the decoded form is then in the Record passed along.
struct RawRecord {
  Header header;
  std::span<const std::byte> body;
  bool decoded = false;
};

struct DecodeOptions {
  // TABLE_DUMP_V2 RIB entries in bgp::AttrContext::summary mode: enough for route statistics
  // (prefix, peer, origin AS, RFC 7606 problems), not for printing routes.
  bool summary = false;
};

// Decodes one record body into rec (rec.header must be set). Pure; thread-safe for distinct
// records. `peers` is the PEER_INDEX_TABLE in effect for TABLE_DUMP_V2 RIB records.
[[nodiscard]] Status decode_record(std::span<const std::byte> body, std::string_view source,
                                   const PeerIndexTable& peers, Record& rec,
                                   const DecodeOptions& options = {});

struct ReaderStats {
  std::uint64_t records = 0;         // records framed (decoded or not)
  std::uint64_t record_errors = 0;   // records that failed to decode
  std::uint64_t resyncs = 0;         // times the reader scanned for a header
  std::uint64_t skipped_bytes = 0;   // bytes passed over while resynchronising
  std::uint64_t length_repairs = 0;  // legacy TABLE_DUMP 4-byte-short lengths repaired
};

class Reader {
 public:
  explicit Reader(std::unique_ptr<core::ByteSource> source, DecodeOptions options = {});

  // Fills `rec` with the next record and returns true; false at the end of the input.
  // An Error means one record (or a damaged stretch) was skipped; call next() again to go
  // on. After a fatal error (I/O, broken compression) `failed()` is true and next() returns
  // false.
  [[nodiscard]] Result<bool> next(Record& rec);

  // Frames the next record without decoding it (for parallel decoding: mrt::ParallelReader).
  // Same contract as next(); `scratch` receives the record when raw.decoded is set.
  [[nodiscard]] Result<bool> next_raw(RawRecord& raw, Record& scratch);
  // The PEER_INDEX_TABLE in effect; a new table replaces the pointer (old ones stay valid for
  // whoever holds them).
  [[nodiscard]] std::shared_ptr<const PeerIndexTable> peer_table() const { return peers_; }
  [[nodiscard]] const std::string& name() const { return name_; }
  [[nodiscard]] const DecodeOptions& options() const { return options_; }

  [[nodiscard]] bool failed() const { return failed_; }
  [[nodiscard]] const ReaderStats& stats() const { return stats_; }
  [[nodiscard]] const PeerIndexTable& peer_index() const { return *peers_; }
  [[nodiscard]] std::uint64_t offset() const { return file_pos_ + pos_; }
  [[nodiscard]] const core::ByteSource& source() const { return *source_; }

 private:
  // Makes at least n bytes available at pos_ unless the input ends first; returns available.
  Result<std::size_t> fill(std::size_t n);
  bool plausible(std::size_t at, std::size_t avail, bool check_time) const;
  Result<bool> resync(std::size_t from_rel);
  Error take_pending();

  std::unique_ptr<core::ByteSource> source_;
  std::string name_;
  DecodeOptions options_;
  std::vector<std::byte> buf_;
  std::size_t pos_ = 0;         // start of unread data in buf_
  std::size_t end_ = 0;         // end of valid data in buf_
  std::uint64_t file_pos_ = 0;  // absolute offset of buf_[0]
  bool eof_ = false;
  bool failed_ = false;
  std::optional<Error> pending_;  // a source error, reported once the buffer runs dry
  std::uint32_t last_ts_ = 0;
  bool have_ts_ = false;
  std::shared_ptr<PeerIndexTable> peers_;
  ReaderStats stats_;
};

}  // namespace manrs::mrt
