// Lossless aggregation (the effect of bgpq4 -A): entries become ranges over a compressed binary
// trie. full(P) = the lengths L at which every prefix of length L inside P is matched by some
// entry at or below P: full(P) = direct(P) | (full(left) & full(right)). Top-down, each node
// emits the runs of full(P) that no ancestor emitted. The result matches exactly the prefixes
// the input matched (the tests check this by enumeration).
#include <algorithm>
#include <array>
#include <bitset>
#include <span>

#include "manrs/filter/generate.h"

namespace manrs::filter {
namespace {

using Mask = std::bitset<129>;

struct Node {
  net::Prefix prefix;
  Mask direct;
  Mask full;
  int child[2] = {-1, -1};           // immediate children only (a missing one breaks fullness)
  int only = -1;                     // a deeper single descendant (compressed chain)
  std::vector<std::size_t> entries;  // original entries at this prefix
};

// Longest prefix containing both a and b.
net::Prefix common(const net::Prefix& a, const net::Prefix& b) {
  const unsigned limit = std::min(a.length(), b.length());
  unsigned n = 0;
  while (n < limit && a.address().bit(n) == b.address().bit(n)) {
    ++n;
  }
  return net::Prefix::make(a.address(), n);
}

class Builder {
 public:
  explicit Builder(const std::vector<Entry>& entries) : entries_(entries) {}

  // entries_[lo, hi) all lie inside p; sorted by (address, length).
  int build(const net::Prefix& p, std::size_t lo, std::size_t hi) {
    const int id = static_cast<int>(nodes_.size());
    nodes_.push_back(Node{});
    nodes_[static_cast<std::size_t>(id)].prefix = p;
    Mask direct;
    std::vector<std::size_t> here;
    while (lo < hi && entries_[lo].prefix == p) {
      for (unsigned l = entries_[lo].min_len; l <= entries_[lo].max_len; ++l) {
        direct.set(l);
      }
      here.push_back(lo);
      ++lo;
    }
    Mask full = direct;
    int kids[2] = {-1, -1};
    int only = -1;
    if (lo < hi) {
      // Entries with bit p.length() == 0 come first (address order).
      std::size_t mid = lo;
      while (mid < hi && !entries_[mid].prefix.address().bit(p.length())) {
        ++mid;
      }
      if (mid > lo && mid < hi) {
        kids[0] = build(p.child(false), lo, mid);
        kids[1] = build(p.child(true), mid, hi);
        full |= nodes_[static_cast<std::size_t>(kids[0])].full &
                nodes_[static_cast<std::size_t>(kids[1])].full;
      } else {
        net::Prefix q = common(entries_[lo].prefix, entries_[hi - 1].prefix);
        for (std::size_t i = lo; i < hi; ++i) {
          if (entries_[i].prefix.length() < q.length()) {
            q = net::Prefix::make(q.address(), entries_[i].prefix.length());
          }
        }
        if (q.length() == p.length() + 1) {
          kids[mid == hi ? 0 : 1] = build(q, lo, hi);
        } else {
          only = build(q, lo, hi);
        }
      }
    }
    Node& n = nodes_[static_cast<std::size_t>(id)];
    n.direct = direct;
    n.full = full;
    n.child[0] = kids[0];
    n.child[1] = kids[1];
    n.only = only;
    n.entries = std::move(here);
    return id;
  }

  void emit(int id, const Mask& covered, const std::array<int, 129>& cover_idx,
            std::vector<Entry>& out) {
    const Node& n = nodes_[static_cast<std::size_t>(id)];
    const Mask fresh = n.full & ~covered;
    std::array<int, 129> idx = cover_idx;
    const unsigned max = n.prefix.is_v4() ? 32U : 128U;
    for (unsigned l = n.prefix.length(); l <= max;) {
      if (!fresh.test(l)) {
        ++l;
        continue;
      }
      unsigned end = l;
      while (end + 1 <= max && fresh.test(end + 1)) {
        ++end;
      }
      Entry e;
      e.prefix = n.prefix;
      e.min_len = static_cast<std::uint8_t>(l);
      e.max_len = static_cast<std::uint8_t>(end);
      out.push_back(std::move(e));
      for (unsigned k = l; k <= end; ++k) {
        idx[k] = static_cast<int>(out.size() - 1);
      }
      l = end + 1;
    }
    // Evidence of the original entries at this node goes to the entries that now match them.
    for (std::size_t i : n.entries) {
      const Entry& orig = entries_[i];
      int last = -1;
      for (unsigned l = orig.min_len; l <= orig.max_len; ++l) {
        const int target = idx[l];
        if (target >= 0 && target != last) {
          auto& ev = out[static_cast<std::size_t>(target)].evidence;
          for (const auto& e : orig.evidence) {
            if (std::find_if(ev.begin(), ev.end(), [&e](const Evidence& x) {
                  return x.kind == e.kind && x.prefix == e.prefix && x.asn == e.asn &&
                         x.source == e.source && x.max_length == e.max_length;
                }) == ev.end()) {
              ev.push_back(e);
            }
          }
          last = target;
        }
      }
    }
    const Mask now = covered | fresh;
    for (int c : {n.child[0], n.child[1], n.only}) {
      if (c >= 0) {
        emit(c, now, idx, out);
      }
    }
  }

 private:
  const std::vector<Entry>& entries_;
  std::vector<Node> nodes_;
};

}  // namespace

std::vector<Entry> aggregate_entries(std::vector<Entry> entries) {
  if (entries.size() < 2) {
    return entries;
  }
  std::vector<Entry> out;
  for (const bool v4 : {true, false}) {
    std::vector<Entry> fam;
    for (auto& e : entries) {
      if (e.prefix.is_v4() == v4) {
        fam.push_back(std::move(e));
      }
    }
    if (fam.empty()) {
      continue;
    }
    std::sort(fam.begin(), fam.end(), [](const Entry& a, const Entry& b) {
      return a.prefix < b.prefix;  // (address, length): containing prefixes first
    });
    net::Prefix root = fam.front().prefix;
    for (const auto& e : fam) {
      root = common(root, e.prefix);
    }
    Builder b(fam);
    const int top = b.build(root, 0, fam.size());
    std::array<int, 129> idx{};
    idx.fill(-1);
    std::vector<Entry> agg;
    b.emit(top, Mask{}, idx, agg);
    for (auto& e : agg) {
      out.push_back(std::move(e));
    }
  }
  std::sort(out.begin(), out.end(), entry_less);
  return out;
}

}  // namespace manrs::filter
