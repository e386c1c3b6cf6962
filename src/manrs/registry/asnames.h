// registry/asnames.h — AS names (the holder's handle and name) by ASN.
//
// Reads a JSON object mapping ASN (decimal string, "AS" prefix allowed) to a name, as pyasn's
// `pyasn_util_asnames.py` writes it: {"3333": "RIPE-NCC-AS Reseaux IP Europeens Network
// Coordination Centre (RIPE NCC), NL", ...}. Any compression. Start with AsNames::load_file.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "manrs/core/result.h"
#include "manrs/net/asn.h"

namespace manrs::registry {

class AsNames {
 public:
  // Untrusted input: a key that is not an ASN, a value that is not a string (null is skipped),
  // a syntax error or a file above `max_bytes` is an Error naming the file, line, offset and
  // key. Several files merge (a later name replaces an earlier one).
  [[nodiscard]] Result<std::size_t> load_file(const std::string& path,
                                              std::uint64_t max_bytes = 256ULL << 20U);
  [[nodiscard]] Result<std::size_t> load_text(std::string_view json, std::string_view name);

  // "" when unknown.
  [[nodiscard]] std::string_view name(net::Asn asn) const;
  [[nodiscard]] std::size_t size() const { return names_.size(); }

 private:
  std::vector<std::pair<net::Asn, std::string>> names_;  // sorted by ASN, unique
};

}  // namespace manrs::registry
