// fetch/checksum.h — file digests (MD5, SHA-256 through OpenSSL) and the checksum side files
// sources publish next to their data ("<file>.md5", "<file>.sha256").
//
// The RIR statistics exchange format (§1) publishes "<file>.md5"; its content is either BSD
// style "MD5 (delegated-ripencc-extended-20130418.bz2) = 0123..." or GNU style
// "0123...  delegated-arin-extended-20130418". parse_side_file() accepts both.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "manrs/core/result.h"
#include "manrs/fetch/catalogue.h"

namespace manrs::fetch {

// The lower-case hex digest of the file's bytes. Errors (kIo) name the file.
[[nodiscard]] Result<std::string> file_digest(const std::filesystem::path& file, Checksum kind);

// The digest announced by a side file: the first whitespace/punctuation-delimited token of
// exactly 32 (MD5) or 64 (SHA-256) hex digits, lower-cased. Untrusted text; errors (kMalformed)
// name `source` and say what was expected.
[[nodiscard]] Result<std::string> parse_side_file(std::string_view text, Checksum kind,
                                                  std::string_view source);

}  // namespace manrs::fetch
