// registry/asrel.h — AS relationships: provider-customer and peer links between ASes.
//
// Loaded from CAIDA's as-rel files (serial-1 `<provider>|<customer>|-1` / `<peer>|<peer>|0`,
// serial-2 the same plus `|<source>`; `#` comments; any compression), or inferred from observed
// AS paths with L. Gao's degree-based algorithm ("On Inferring Autonomous System Relationships
// in the Internet", IEEE/ACM Transactions on Networking 9(6), 2001) when no file is given.
// Lookups are binary searches over one sorted array of (a, b) pairs holding both directions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "manrs/core/input.h"
#include "manrs/core/result.h"
#include "manrs/net/asn.h"

namespace manrs::registry {

// The relationship of AS a to AS b.
enum class Rel : std::uint8_t {
  kNone,      // no link known (or a sibling link inferred by Gao's algorithm)
  kProvider,  // a is b's provider
  kCustomer,  // a is b's customer
  kPeer,      // a and b are peers
};
[[nodiscard]] std::string_view to_string(Rel r);  // "none", "provider", "customer", "peer"

class AsRelations {
 public:
  AsRelations() = default;

  // Reads a CAIDA as-rel file (serial-1 or serial-2, any compression; untrusted). Errors:
  // kIo from opening/reading, kMalformed as "<file>:<line>: <field>: want …, have …".
  [[nodiscard]] static Result<AsRelations> load_file(const std::string& path);
  [[nodiscard]] static Result<AsRelations> load(core::ByteSource& source);
  // The same over text in memory; `source` names it in errors.
  [[nodiscard]] static Result<AsRelations> parse(std::string_view text, std::string_view source);

  // Building by hand (tests, inference): add links, then finalize() once before lookups. A later
  // link between the same two ASes replaces an earlier one.
  void add_provider_customer(net::Asn provider, net::Asn customer);
  void add_peers(net::Asn a, net::Asn b);
  void finalize();

  [[nodiscard]] Rel rel(net::Asn a, net::Asn b) const;
  [[nodiscard]] std::vector<net::Asn> customers(net::Asn a) const;  // ascending
  [[nodiscard]] std::vector<net::Asn> providers(net::Asn a) const;
  [[nodiscard]] std::vector<net::Asn> peers(net::Asn a) const;
  // Number of links (a provider-customer or peer pair counts once).
  [[nodiscard]] std::size_t size() const { return links_; }
  [[nodiscard]] std::size_t provider_customer_links() const { return p2c_; }
  [[nodiscard]] std::size_t peer_links() const { return p2p_; }
  // Sibling links found by inference (reported as kNone by rel()).
  [[nodiscard]] std::size_t sibling_links() const { return siblings_; }
  void set_sibling_links(std::size_t n) { siblings_ = n; }

  // How the relationships were obtained ("" when loaded from a file).
  [[nodiscard]] const std::string& note() const { return note_; }
  void set_note(std::string note) { note_ = std::move(note); }

 private:
  struct Link {
    std::uint64_t key;  // a << 32 | b
    Rel rel;            // of a to b
  };
  void add(net::Asn a, net::Asn b, Rel rel_ab);
  [[nodiscard]] std::vector<net::Asn> with(net::Asn a, Rel r) const;

  std::vector<Link> links_v_;  // both directions; sorted by key after finalize()
  // rel(): an open-addressing table over links_v_ (key ~0 = empty), built by finalize().
  std::vector<std::uint64_t> hash_keys_;
  std::vector<Rel> hash_rels_;
  std::size_t hash_mask_ = 0;
  std::size_t links_ = 0, p2c_ = 0, p2p_ = 0, siblings_ = 0;
  std::string note_;
};

// L. Gao's algorithm (IEEE/ACM ToN 2001, "refined" form with sibling and peer phases).
struct GaoOptions {
  // A link is provider-customer in the direction most paths show; when both directions are
  // seen more than `transit_threshold` times (or both at most that often), it is a sibling link.
  unsigned transit_threshold = 1;
  // Phase 3: a link next to a path's top provider that never had to be provider-customer is a
  // peer link when the two degrees are within this ratio (Gao's R, 60 in the paper).
  double peer_ratio = 60.0;
};

class GaoInference {
 public:
  explicit GaoInference(GaoOptions options = {}) : options_(options) {}
  // One AS path, either direction is fine as long as it is consistent (here: neighbour first,
  // origin last). Prepends are collapsed; paths with loops are ignored.
  void add_path(std::span<const net::Asn> path);
  [[nodiscard]] std::size_t paths() const { return paths_; }
  // Runs the three phases; the result is finalized and carries a note naming the algorithm.
  [[nodiscard]] AsRelations infer() const;

 private:
  GaoOptions options_;
  std::vector<net::Asn> asns_;             // all paths, concatenated (prepends collapsed)
  std::vector<std::uint32_t> offsets_{0};  // path i is asns_[offsets_[i], offsets_[i+1])
  std::size_t paths_ = 0;
};

}  // namespace manrs::registry
