// core/limits.h — every limit manrs applies to untrusted input, in one place (STYLE.md U3).
//
// Each limit has one comment saying what it bounds and why the value. Configuration may lower a
// limit, never remove it. Decoders check declared lengths against these *before* reading or
// allocating.
#pragma once

#include <cstddef>
#include <cstdint>

namespace manrs::limits {

// Largest MRT record body (RFC 6396 length field) we accept. RIS bviews hold records > 64 KiB
// (one prefix seen by hundreds of peers); 16 MiB is far above any real record and bounds the
// per-record buffer.
inline constexpr std::uint32_t kMaxMrtRecordBytes = 16U * 1024U * 1024U;

// Largest BGP message: RFC 4271 §4.1 says 4096; RFC 8654 extended messages allow 65535.
inline constexpr std::size_t kMaxBgpMessageBytes = 65535;

// Largest number of peers in a TABLE_DUMP_V2 PEER_INDEX_TABLE (the field is 16 bits).
inline constexpr std::size_t kMaxMrtPeers = 65535;

// Largest number of RIB entries in one TABLE_DUMP_V2 RIB record (the field is 16 bits).
inline constexpr std::size_t kMaxRibEntries = 65535;

// Largest number of ASNs kept from one AS_PATH (a 65535-byte attribute of 4-byte ASNs holds
// at most ~16k; we keep all of them, the bound documents it).
inline constexpr std::size_t kMaxAsPathAsns = 16384;

// Largest number of prefixes kept from one NLRI field (65535 bytes of /0 prefixes = 65535).
inline constexpr std::size_t kMaxNlriPrefixes = 65535;

// Largest number of entries in one TABLE_DUMP (v1) record. RFC 6396 §4.2 has one entry per
// record; early RIS files batch up to ~200 (8 KiB records). Bounds the decoded entry pool,
// which is ~30x the record size in memory.
inline constexpr std::size_t kMaxTableDumpEntries = 4096;

// Largest view name in a PEER_INDEX_TABLE we keep (bytes).
inline constexpr std::size_t kMaxViewNameBytes = 1024;

// Largest input file (decompressed bytes) a single reader processes: 1 TiB; a guard against
// decompression bombs in pipelines that have no other bound.
inline constexpr std::uint64_t kMaxInputBytes = 1ULL << 40;

// Bytes scanned forward for a plausible MRT header when resynchronising after damage.
inline constexpr std::size_t kMaxResyncScanBytes = 1U * 1024U * 1024U;

}  // namespace manrs::limits
