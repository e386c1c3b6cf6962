#include "manrs/registry/asrel.h"

#include <algorithm>
#include <charconv>
#include <cstddef>
#include <utility>

#include <fmt/format.h>

namespace manrs::registry {

namespace {

constexpr std::uint64_t pair_key(net::Asn a, net::Asn b) {
  return (std::uint64_t{a} << 32) | std::uint64_t{b};
}

constexpr std::uint64_t kEmptyKey = ~0ULL;

std::size_t slot_of(std::uint64_t k) {
  k ^= k >> 33;
  k *= 0xFF51AFD7ED558CCDULL;
  k ^= k >> 33;
  return static_cast<std::size_t>(k);
}

// Longest line we accept (CAIDA lines are ~30 bytes; a comment may be longer).
constexpr std::size_t kMaxLine = 64 * 1024;

std::string shown(std::string_view s) {
  if (s.size() > 40) return fmt::format("'{}…'", s.substr(0, 40));
  return fmt::format("'{}'", s);
}

Result<net::Asn> parse_field_asn(std::string_view text, std::string_view field,
                                 const std::string& where) {
  std::uint32_t v = 0;
  const char* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(text.data(), end, v);
  if (text.empty() || ec != std::errc{} || p != end) {
    return make_error(
        ErrorCode::kMalformed,
        fmt::format("{}: want an AS number (0-4294967295), have {}", field, shown(text)), where);
  }
  return v;
}

class Parser {
 public:
  explicit Parser(std::string_view source) : source_(source) {}

  Status line(std::string_view text) {
    ++line_;
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    if (text.empty() || text.front() == '#') return {};
    std::string_view f[5];
    std::size_t n = 0;
    std::size_t start = 0;
    for (;;) {
      const std::size_t bar = text.find('|', start);
      if (n == 5) {
        ++n;
        break;
      }
      f[n++] = text.substr(start, bar == std::string_view::npos ? bar : bar - start);
      if (bar == std::string_view::npos) break;
      start = bar + 1;
    }
    const std::string where = fmt::format("{}:{}", source_, line_);
    if (n != 3 && n != 4) {
      return make_error(ErrorCode::kMalformed,
                        fmt::format("fields: want 3 (serial-1) or 4 (serial-2) separated by '|', "
                                    "have {}",
                                    n > 5 ? std::string("more than 5") : std::to_string(n)),
                        where);
    }
    int rel = 0;
    if (f[2] == "-1") {
      rel = -1;
    } else if (f[2] == "0") {
      rel = 0;
    } else {
      return make_error(ErrorCode::kMalformed,
                        fmt::format("relationship: want -1 (provider-customer) or 0 (peer), "
                                    "have {}",
                                    shown(f[2])),
                        where);
    }
    MANRS_TRY(const net::Asn a, parse_field_asn(f[0], rel == -1 ? "provider" : "peer", where));
    MANRS_TRY(const net::Asn b, parse_field_asn(f[1], rel == -1 ? "customer" : "peer", where));
    if (a == b) {
      return make_error(ErrorCode::kMalformed,
                        fmt::format("{}: want an AS other than AS{}, have AS{}",
                                    rel == -1 ? "customer" : "second peer", a, b),
                        where);
    }
    if (rel == -1) {
      out_.add_provider_customer(a, b);
    } else {
      out_.add_peers(a, b);
    }
    return {};
  }

  AsRelations take() {
    out_.finalize();
    return std::move(out_);
  }
  [[nodiscard]] std::size_t line_no() const { return line_; }

 private:
  std::string source_;
  std::size_t line_ = 0;
  AsRelations out_;
};

}  // namespace

std::string_view to_string(Rel r) {
  switch (r) {
    case Rel::kNone:
      return "none";
    case Rel::kProvider:
      return "provider";
    case Rel::kCustomer:
      return "customer";
    case Rel::kPeer:
      return "peer";
  }
  return "?";
}

Result<AsRelations> AsRelations::parse(std::string_view text, std::string_view source) {
  Parser p(source);
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    const std::string_view line = text.substr(0, nl);
    if (line.size() > kMaxLine) {
      return make_error(ErrorCode::kLimitExceeded,
                        fmt::format("line: want at most {} bytes, have {}", kMaxLine, line.size()),
                        fmt::format("{}:{}", source, p.line_no() + 1));
    }
    MANRS_TRY_VOID(p.line(line));
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return p.take();
}

Result<AsRelations> AsRelations::load(core::ByteSource& source) {
  Parser p(source.name());
  std::string buf;
  std::vector<std::byte> chunk(256 * 1024);
  bool eof = false;
  while (!eof) {
    MANRS_TRY(const std::size_t got, source.read(chunk));
    if (got == 0) {
      eof = true;
      if (buf.empty()) break;
      buf.push_back('\n');
    } else {
      buf.append(reinterpret_cast<const char*>(chunk.data()), got);  // NOLINT
    }
    std::size_t start = 0;
    for (;;) {
      const std::size_t nl = buf.find('\n', start);
      if (nl == std::string::npos) break;
      MANRS_TRY_VOID(p.line(std::string_view(buf).substr(start, nl - start)));
      start = nl + 1;
    }
    buf.erase(0, start);
    if (buf.size() > kMaxLine) {
      return make_error(ErrorCode::kLimitExceeded,
                        fmt::format("line: want at most {} bytes, have more", kMaxLine),
                        fmt::format("{}:{}", source.name(), p.line_no() + 1));
    }
  }
  return p.take();
}

Result<AsRelations> AsRelations::load_file(const std::string& path) {
  MANRS_TRY(auto src, core::open_input(path));
  return load(*src);
}

void AsRelations::add(net::Asn a, net::Asn b, Rel rel_ab) {
  links_v_.push_back({pair_key(a, b), rel_ab});
}

void AsRelations::add_provider_customer(net::Asn provider, net::Asn customer) {
  add(provider, customer, Rel::kProvider);
  add(customer, provider, Rel::kCustomer);
}

void AsRelations::add_peers(net::Asn a, net::Asn b) {
  add(a, b, Rel::kPeer);
  add(b, a, Rel::kPeer);
}

void AsRelations::finalize() {
  // Stable: among equal keys the last added wins.
  std::ranges::stable_sort(links_v_, [](const Link& x, const Link& y) { return x.key < y.key; });
  std::vector<Link> out;
  out.reserve(links_v_.size());
  for (const Link& l : links_v_) {
    if (!out.empty() && out.back().key == l.key) {
      out.back() = l;
    } else {
      out.push_back(l);
    }
  }
  links_v_ = std::move(out);
  links_v_.shrink_to_fit();
  p2c_ = 0;
  p2p_ = 0;
  for (const Link& l : links_v_) {
    const auto a = static_cast<net::Asn>(l.key >> 32);
    const auto b = static_cast<net::Asn>(l.key & 0xffffffffU);
    if (l.rel == Rel::kProvider) ++p2c_;
    if (l.rel == Rel::kPeer && a < b) ++p2p_;
  }
  links_ = p2c_ + p2p_;
  std::size_t n = 16;
  while (n < links_v_.size() * 2) n *= 2;
  hash_keys_.assign(n, kEmptyKey);
  hash_rels_.assign(n, Rel::kNone);
  hash_mask_ = n - 1;
  for (const Link& l : links_v_) {
    if (l.key == kEmptyKey) continue;
    std::size_t i = slot_of(l.key) & hash_mask_;
    while (hash_keys_[i] != kEmptyKey) i = (i + 1) & hash_mask_;
    hash_keys_[i] = l.key;
    hash_rels_[i] = l.rel;
  }
}

Rel AsRelations::rel(net::Asn a, net::Asn b) const {
  const std::uint64_t k = pair_key(a, b);
  if (k != kEmptyKey && !hash_keys_.empty()) {
    for (std::size_t i = slot_of(k) & hash_mask_;; i = (i + 1) & hash_mask_) {
      if (hash_keys_[i] == k) return hash_rels_[i];
      if (hash_keys_[i] == kEmptyKey) return Rel::kNone;
    }
  }
  auto it = std::ranges::lower_bound(links_v_, k, {}, &Link::key);
  if (it == links_v_.end() || it->key != k) return Rel::kNone;
  return it->rel;
}

std::vector<net::Asn> AsRelations::with(net::Asn a, Rel r) const {
  std::vector<net::Asn> out;
  auto it = std::ranges::lower_bound(links_v_, pair_key(a, 0), {}, &Link::key);
  for (; it != links_v_.end() && (it->key >> 32) == a; ++it) {
    if (it->rel == r) out.push_back(static_cast<net::Asn>(it->key & 0xffffffffU));
  }
  return out;
}

std::vector<net::Asn> AsRelations::customers(net::Asn a) const { return with(a, Rel::kProvider); }
std::vector<net::Asn> AsRelations::providers(net::Asn a) const { return with(a, Rel::kCustomer); }
std::vector<net::Asn> AsRelations::peers(net::Asn a) const { return with(a, Rel::kPeer); }

// ---- L. Gao, "On Inferring Autonomous System Relationships in the Internet", IEEE/ACM ToN
// 9(6), 2001: the refined algorithm (phase 1 degrees, phase 2 transit counts with the top
// provider of each path, sibling threshold L; phase 3 peering next to top providers, ratio R).

void GaoInference::add_path(std::span<const net::Asn> path) {
  const std::size_t begin = asns_.size();
  for (const net::Asn a : path) {
    if (asns_.size() > begin && asns_.back() == a) continue;  // prepending
    asns_.push_back(a);
  }
  // A loop (an AS twice after collapsing) is a misconfiguration or poisoning: drop the path.
  std::vector<net::Asn> sorted(asns_.begin() + static_cast<std::ptrdiff_t>(begin), asns_.end());
  std::ranges::sort(sorted);
  if (sorted.size() < 2 || std::ranges::adjacent_find(sorted) != sorted.end()) {
    asns_.resize(begin);
    return;
  }
  offsets_.push_back(static_cast<std::uint32_t>(asns_.size()));
  ++paths_;
}

namespace {

std::uint64_t edge_key(net::Asn a, net::Asn b) { return a < b ? pair_key(a, b) : pair_key(b, a); }

}  // namespace

AsRelations GaoInference::infer() const {
  const std::size_t n_paths = offsets_.size() - 1;
  // Dense AS indices, then every hop's edge id, computed once.
  std::vector<net::Asn> ases(asns_);
  std::ranges::sort(ases);
  ases.erase(std::unique(ases.begin(), ases.end()), ases.end());
  std::vector<std::uint32_t> idx(asns_.size());
  for (std::size_t i = 0; i < asns_.size(); ++i) {
    idx[i] = static_cast<std::uint32_t>(std::ranges::lower_bound(ases, asns_[i]) - ases.begin());
  }
  std::vector<std::uint64_t> edges;
  edges.reserve(asns_.size());
  for (std::size_t i = 0; i < n_paths; ++i) {
    for (std::uint32_t k = offsets_[i]; k + 1 < offsets_[i + 1]; ++k) {
      edges.push_back(edge_key(idx[k], idx[k + 1]));
    }
  }
  std::ranges::sort(edges);
  edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
  // hop_edge[k]: the edge between positions k and k + 1 of the arena (within one path).
  std::vector<std::uint32_t> hop_edge(asns_.size(), 0);
  for (std::size_t i = 0; i < n_paths; ++i) {
    for (std::uint32_t k = offsets_[i]; k + 1 < offsets_[i + 1]; ++k) {
      hop_edge[k] = static_cast<std::uint32_t>(
          std::ranges::lower_bound(edges, edge_key(idx[k], idx[k + 1])) - edges.begin());
    }
  }
  // Phase 1: degree = number of distinct neighbours over all paths.
  std::vector<std::uint32_t> degree(ases.size(), 0);
  for (const std::uint64_t e : edges) {
    ++degree[e >> 32];
    ++degree[e & 0xffffffffU];
  }
  // The top provider of each path: its first AS of the highest degree.
  std::vector<std::uint32_t> top(n_paths);
  for (std::size_t i = 0; i < n_paths; ++i) {
    std::uint32_t j = offsets_[i];
    for (std::uint32_t k = offsets_[i] + 1; k < offsets_[i + 1]; ++k) {
      if (degree[idx[k]] > degree[idx[j]]) j = k;
    }
    top[i] = j;
  }

  // Phase 2: transit counts. Path p[0] (neighbour) ... p[n-1] (origin); the route climbed
  // from the origin to the top provider p[j] and went down from there to p[0]. Per edge
  // (a < b): how often a was b's customer (b transited for a), and the reverse.
  std::vector<std::uint32_t> a_cust(edges.size(), 0);
  std::vector<std::uint32_t> b_cust(edges.size(), 0);
  for (std::size_t i = 0; i < n_paths; ++i) {
    for (std::uint32_t k = offsets_[i]; k + 1 < offsets_[i + 1]; ++k) {
      const std::uint32_t customer = k < top[i] ? idx[k] : idx[k + 1];
      const std::uint32_t e = hop_edge[k];
      if (customer == (edges[e] >> 32)) {
        ++a_cust[e];
      } else {
        ++b_cust[e];
      }
    }
  }
  const unsigned l = options_.transit_threshold;
  // Per edge (a < b): 0 = a customer of b, 1 = b customer of a, 2 = sibling.
  std::vector<std::uint8_t> kind(edges.size());
  for (std::size_t e = 0; e < edges.size(); ++e) {
    const std::uint32_t ab = a_cust[e];
    const std::uint32_t ba = b_cust[e];
    if ((ab > l && ba > l) || (ab > 0 && ab <= l && ba > 0 && ba <= l)) {
      kind[e] = 2;
    } else if (ab > l || ba == 0) {
      kind[e] = 0;
    } else {
      kind[e] = 1;
    }
  }

  // Phase 3: a link can be peering only at a path's top provider: every other link of the path
  // is marked, and of the two links at the top the one towards the lower-degree neighbour too.
  std::vector<std::uint8_t> not_peering(edges.size(), 0);
  for (std::size_t i = 0; i < n_paths; ++i) {
    const std::uint32_t j = top[i];
    const std::uint32_t first = offsets_[i];
    const std::uint32_t last = offsets_[i + 1] - 1;
    for (std::uint32_t k = first; k < last; ++k) {
      if (k + 1 < j || k > j) not_peering[hop_edge[k]] = 1;
    }
    if (j > first && j < last) {
      const std::uint32_t left = hop_edge[j - 1];
      const std::uint32_t right = hop_edge[j];
      if (kind[left] != 2 && kind[right] != 2) {
        if (degree[idx[j - 1]] > degree[idx[j + 1]]) {
          not_peering[right] = 1;
        } else {
          not_peering[left] = 1;
        }
      }
    }
  }
  auto deg = [&](std::uint32_t i) { return degree[i]; };

  AsRelations out;
  std::size_t siblings = 0;
  for (std::size_t e = 0; e < edges.size(); ++e) {
    const auto ia = static_cast<std::uint32_t>(edges[e] >> 32);
    const auto ib = static_cast<std::uint32_t>(edges[e] & 0xffffffffU);
    const net::Asn a = ases[ia];
    const net::Asn b = ases[ib];
    if (kind[e] == 2) {
      ++siblings;
      continue;
    }
    const double da = deg(ia);
    const double db = deg(ib);
    if (not_peering[e] == 0 && da / db < options_.peer_ratio && db / da < options_.peer_ratio) {
      out.add_peers(a, b);
    } else if (kind[e] == 0) {
      out.add_provider_customer(b, a);
    } else {
      out.add_provider_customer(a, b);
    }
  }
  out.finalize();
  out.set_sibling_links(siblings);
  out.set_note(fmt::format(
      "AS relationships inferred from {} observed AS paths with L. Gao's degree-based algorithm "
      "(\"On Inferring Autonomous System Relationships in the Internet\", IEEE/ACM ToN 2001; "
      "sibling threshold L={}, peer degree ratio R={}): {} provider-customer, {} peer and {} "
      "sibling links (siblings count as unknown)",
      n_paths, options_.transit_threshold, options_.peer_ratio, out.provider_customer_links(),
      out.peer_links(), siblings));
  return out;
}

}  // namespace manrs::registry
