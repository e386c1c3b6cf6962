// filter/antispoof.h — source address validation plans (BCP 38 = RFC 2827, BCP 84 = RFC 3704
// updated by RFC 8704; manrs-spec §2.2, §4.10): what `manrs antispoof` computes before a dialect
// renders it.
//
// Three layers, each usable on its own:
//  1. RFC 8704's model: the neighbours of one AS with their relation and interface, and the
//     routes received from each (Adj-RIB-In: prefix + origin AS). efp_algorithm_a() and
//     efp_algorithm_b() compute the Enhanced Feasible-Path uRPF lists exactly as the RFC says.
//  2. Observations: that model estimated from MRT files (route collectors, or the operator's
//     own router dump), plus the AS adjacencies that tell single-homed from multihomed.
//  3. plan_antispoof(): per customer the permitted source prefixes (IRR ∪ ROAs ∪ observed ∪
//     EFP-uRPF list), each with evidence, and the uRPF mode (strict / feasible / loose).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "manrs/core/result.h"
#include "manrs/filter/generate.h"
#include "manrs/filter/model.h"
#include "manrs/irr/database.h"
#include "manrs/net/as_path.h"
#include "manrs/net/asn.h"
#include "manrs/net/ip_address.h"
#include "manrs/net/prefix.h"

namespace manrs::mrt {
struct Record;
}

namespace manrs::filter {

// ---- 1. RFC 8704 model ------------------------------------------------------------------------

// The business relation of a neighbour as seen from the AS that filters (RFC 8704 §1.1:
// customer, lateral peer, transit provider).
enum class Relation : std::uint8_t { kCustomer, kLateralPeer, kProvider };
[[nodiscard]] std::string_view to_string(Relation r);  // "customer", "lateral-peer", "provider"
[[nodiscard]] std::optional<Relation> parse_relation(std::string_view text);  // also "peer"

// One route of an Adj-RIB-In: the prefix and the origin AS of its AS_PATH.
struct Route {
  net::Prefix prefix;
  net::Asn origin = 0;
  friend bool operator==(const Route&, const Route&) = default;
  friend auto operator<=>(const Route& a, const Route& b) = default;
};

// A BGP neighbour of the filtering AS on one interface, and what it sent (its Adj-RIB-In).
// Several neighbours may share an interface (an IXP port, a customer with two ASNs).
struct Neighbor {
  net::Asn asn = 0;
  Relation relation = Relation::kCustomer;
  std::string interface;      // "" = the neighbour's own interface, named "AS<asn>"
  std::vector<Route> routes;  // Adj-RIB-In, any order, duplicates allowed
};

// The interface a neighbour is on: Neighbor::interface, or "AS<asn>" when that is empty.
[[nodiscard]] std::string interface_of(const Neighbor& n);

// One prefix of an RPF list and why it is there.
struct RpfEntry {
  net::Prefix prefix;
  // Algorithm A: the Set A members AS_i whose Set X_i holds the prefix. Algorithm B: the
  // origins the prefix was received with, restricted to Set A for prefixes from Set Q.
  std::vector<net::Asn> origins;        // sorted, unique
  std::vector<net::Asn> received_from;  // neighbours whose Adj-RIB-In has it with such an origin
  bool from_customer = false;  // B: in Set P (received on a customer interface), else Set Q
};

// The acceptable source prefixes of one customer interface (algorithm A), or of every customer
// interface (algorithm B: `interface` is "" and `neighbors` lists every customer).
struct RpfList {
  std::string interface;
  std::vector<net::Asn> neighbors;  // the customer neighbours on the interface(s), sorted
  std::vector<RpfEntry> entries;    // sorted by prefix, one per prefix
  [[nodiscard]] std::vector<net::Prefix> prefixes() const;
  // True when `addr` lies in one of the prefixes (what a uRPF check with this list accepts).
  [[nodiscard]] bool permits(const net::IpAddress& addr) const;
};

// RFC 8704 §3.1.1, Algorithm A (Enhanced Feasible-Path uRPF):
//  1. Set A = the unique origin ASes of the routes in the Adj-RIBs-In of customer interfaces.
//  2. For each AS_i in A: Set X_i = the unique prefixes with origin AS_i in the Adj-RIBs-In of
//     all interfaces (customer, lateral peer, provider).
//  3. X_i is included in the RPF list of every customer interface on which at least one
//     prefix of X_i was received.
// Returns one list per customer interface (in the order of first appearance in `neighbors`);
// an interface that received nothing has an empty list.
[[nodiscard]] std::vector<RpfList> efp_algorithm_a(const std::vector<Neighbor>& neighbors);

// RFC 8704 §3.4, Algorithm B (Enhanced Feasible-Path uRPF with additional flexibility across
// customer interfaces):
//  1. I = the customer interfaces; 2. P = the unique prefixes in their Adj-RIBs-In;
//  3. A = the unique origin ASes of the routes for P; 4. Q = the unique prefixes in the
//  Adj-RIBs-In of lateral peers and providers whose origin is in A; 5. Z = P ∪ Q is the RPF
//  list of every customer interface in I.
[[nodiscard]] RpfList efp_algorithm_b(const std::vector<Neighbor>& neighbors);

// RFC 3704 §2.3 feasible-path uRPF (for comparison and --explain): the prefixes any route
// received on `interface` covers — the most a strict or feasible-path check there accepts.
[[nodiscard]] std::vector<net::Prefix> feasible_path_prefixes(
    const std::vector<Neighbor>& neighbors, std::string_view interface);

// ---- 2. Observations from MRT -----------------------------------------------------------------

// Whose view an MRT file holds.
enum class MrtView : std::uint8_t {
  // A route collector (RIS, RouteViews): wherever an AS_PATH shows local_as followed by N
  // (towards the origin), local_as received that prefix from N with the path's origin. An
  // approximation: a collector sees only best paths that someone exported to it, so routes
  // local_as received but did not export (typically from peers and providers) are missing.
  kCollector,
  // The operator's own router (its TABLE_DUMP_V2 RIB or BGP4MP updates): each MRT peer is a
  // neighbour (peer AS = neighbour) and its routes are that neighbour's Adj-RIB-In.
  kRouter,
};
[[nodiscard]] std::string_view to_string(MrtView v);

struct ObservationStats {
  std::uint64_t files = 0;
  std::uint64_t records = 0;
  std::uint64_t record_errors = 0;    // MRT records that did not decode (skipped)
  std::uint64_t routes = 0;           // (prefix, AS_PATH) pairs looked at
  std::uint64_t received = 0;         // routes attributed to a neighbour of local_as
  std::uint64_t local_origin = 0;     // local_as originates the prefix (nothing received)
  std::uint64_t set_after_local = 0;  // local_as followed by an AS_SET (it aggregated): skipped
  std::uint64_t local_in_set = 0;     // local_as only inside an AS_SET: skipped
  std::uint64_t loops = 0;            // local_as twice, not adjacent (poisoning): skipped
  std::uint64_t ibgp = 0;             // router view: routes from peers in local_as: skipped
  std::uint64_t unusable = 0;         // no AS_PATH, or only confederation segments
};

// What local_as received from each neighbour, and which AS sits directly before which on the
// paths seen (AS prepending collapsed). AS_SET handling: an AS_SET at the end of a path is an
// aggregate (RFC 4271 §9.2.2.2) attributed to the AS that formed it, the last AS of the
// sequence before the set; a path that is only an AS_SET yields one route per member; no
// adjacency is taken across a set. Confederation segments are ignored. Withdrawals in update
// files are not applied: a route seen at any time in the files counts (a list for source
// validation must not lose a prefix the customer announced an hour ago).
class Observations {
 public:
  explicit Observations(net::Asn local_as, MrtView view = MrtView::kCollector);

  // One route: `peer_as` is the MRT peer that reported it (kRouter: the neighbour).
  void add_route(const net::Prefix& prefix, net::Asn peer_as, const net::AsPath& path);
  // Every unicast route of a decoded MRT record (TABLE_DUMP_V2 RIB, TABLE_DUMP, BGP4MP UPDATE
  // announcements; messages the collector itself sent are ignored).
  void add_record(const mrt::Record& rec);
  // Reads a whole MRT file (raw or compressed). Damaged records are skipped and counted;
  // kIo (or the input's decompression error) when the file cannot be read at all.
  [[nodiscard]] Status add_mrt_file(const std::string& path);

  [[nodiscard]] net::Asn local_as() const { return local_as_; }
  [[nodiscard]] MrtView view() const { return view_; }
  [[nodiscard]] const ObservationStats& stats() const { return stats_; }

  // The neighbours local_as received routes from, sorted.
  [[nodiscard]] std::vector<net::Asn> neighbors() const;
  // Routes received from `neighbor`, sorted, unique (empty when none).
  [[nodiscard]] std::vector<Route> received_from(net::Asn neighbor) const;
  // The ASes outside `cone` seen directly before an AS of `cone` on some path (local_as
  // included when seen): the ways the cone reaches the world. `cone` need not be sorted.
  [[nodiscard]] std::vector<net::Asn> upstreams(const std::vector<net::Asn>& cone) const;
  // The number of distinct (prefix, origin) routes received from all neighbours.
  [[nodiscard]] std::size_t route_count() const { return routes_.size(); }

 private:
  struct Key {
    net::Prefix prefix;
    net::Asn neighbor = 0;
    net::Asn origin = 0;
    friend bool operator==(const Key&, const Key&) = default;
  };
  struct KeyHash {
    std::size_t operator()(const Key& k) const noexcept;
  };
  void receive(const net::Prefix& prefix, net::Asn neighbor, net::Asn origin);
  void edge(net::Asn from, net::Asn to);

  net::Asn local_as_;
  MrtView view_;
  ObservationStats stats_;
  std::unordered_set<Key, KeyHash> routes_;
  std::unordered_map<net::Asn, std::vector<Route>> by_neighbor_;
  std::unordered_set<std::uint64_t> edges_;                        // from << 32 | to
  std::unordered_map<net::Asn, std::vector<net::Asn>> preceding_;  // to -> froms
};

// ---- 3. The planner ---------------------------------------------------------------------------

enum class EfpAlgorithm : std::uint8_t { kA, kB };

// One interface to plan for: a customer (an ASN or an AS-SET for its cone), or a lateral peer /
// provider that gets loose uRPF.
struct CustomerSpec {
  std::string target;     // "AS64501", "AS-FOO", "AS64500:AS-CUSTOMERS"
  std::string interface;  // router interface; "" = not known (renderers print a placeholder)
  Relation relation = Relation::kCustomer;
  // The neighbour AS(es) on the interface. Empty: the ASN target itself; for "ASn:AS-FOO" AS n;
  // for another AS-SET, the members of its cone that local_as was seen receiving routes from.
  std::vector<net::Asn> neighbors;
  // The operator knows better than the observations (e.g. a backup link that never shows).
  std::optional<bool> multihomed;
  // Routes the operator knows the customer sends (added to its Adj-RIB-In in the model).
  std::vector<Route> routes;
};

struct AntispoofOptions {
  net::Asn local_as = 0;
  // IRR route objects of each customer's cone through generate() (bogons and, with VRPs,
  // RPKI-invalid objects already removed). db may be null: then only ASN targets work.
  const irr::Database* db = nullptr;
  const RpkiIndex* rpki = nullptr;  // with VRPs: the customer cone's ROA prefixes are added
  GenerateOptions generate;         // mode, scope, limits (allow_empty is forced on)
  const Observations* observations = nullptr;  // MRT-derived Adj-RIBs-In and adjacencies
  // Further neighbours of local_as (lateral peers, providers, customers not planned here) with
  // their Adj-RIB-In; merged with the observed ones (their relation wins).
  std::vector<Neighbor> neighbors;
  EfpAlgorithm algorithm = EfpAlgorithm::kA;
  bool explain = false;  // notes: upstreams seen, algorithm, why each prefix is in the list
  // A customer interface with no permitted prefix is an Error unless this is set.
  bool allow_empty = false;
};

// Per customer interface: permitted sources = IRR ∪ ROAs ∪ observed routes (∪ the EFP-uRPF
// list when multihomed), exact entries with their evidence, covered prefixes folded into the
// covering one, bogons and default routes dropped. Single-homed (no upstream other than
// local_as seen before any AS of the customer's cone) → strict uRPF + ACL; multihomed →
// feasible-path uRPF with the EFP-uRPF list (algorithm A or B) + ACL; no observation and no
// CustomerSpec::multihomed → strict with a note saying it was assumed. Lateral peers and
// providers → loose uRPF, no ACL (RFC 8704 §3.6).
// Errors: kPolicy for an AS-SET without an IRR database, an unknown set, an empty list (unless
// allowed), or local_as 0; generate()'s errors otherwise, prefixed with the customer.
[[nodiscard]] Result<SavPlan> plan_antispoof(const std::vector<CustomerSpec>& customers,
                                             const AntispoofOptions& options);

}  // namespace manrs::filter
