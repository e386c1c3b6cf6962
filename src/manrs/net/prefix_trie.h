// net/prefix_trie.h — PrefixTrie<T>: prefixes -> values, with exact, longest-match, covering and
// covered queries; the index under RFC 6811 origin validation and IRR route lookups.
//
// One path-compressed binary (Patricia) trie per address family. Nodes live in a std::vector and
// point at each other by 32-bit index; a node is either a stored prefix or a branching node with
// two children (no one-child chains), so a trie of n prefixes has at most 2n - 1 nodes. Values of
// a prefix live in a side vector, one ValueList per stored prefix (one value inline, more on the
// heap). Start with PrefixTrie below; detail:: holds the key arithmetic and the per-family trie.
#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <span>
#include <stdexcept>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "manrs/net/ip_address.h"
#include "manrs/net/prefix.h"

namespace manrs::net {

// The values stored under one prefix, in insertion order: a small vector that keeps a single
// value inline (the common case: one route or one VRP per prefix) and moves to the heap from the
// second on. Read it as a range or as a std::span.
template <typename T>
class ValueList {
 public:
  ValueList() = default;
  explicit ValueList(T value) : v_(std::in_place_index<1>, std::move(value)) {}

  void push_back(T value) {
    if (v_.index() == 0) {
      v_.template emplace<1>(std::move(value));
    } else if (v_.index() == 1) {
      std::vector<T> all;
      all.reserve(2);
      all.push_back(std::move(std::get<1>(v_)));
      all.push_back(std::move(value));
      v_.template emplace<2>(std::move(all));
    } else {
      std::get<2>(v_).push_back(std::move(value));
    }
  }

  [[nodiscard]] std::span<T> span() {
    if (v_.index() == 1) {
      return {&std::get<1>(v_), 1};
    }
    if (v_.index() == 2) {
      return std::get<2>(v_);
    }
    return {};
  }
  [[nodiscard]] std::span<const T> span() const {
    if (v_.index() == 1) {
      return {&std::get<1>(v_), 1};
    }
    if (v_.index() == 2) {
      return std::get<2>(v_);
    }
    return {};
  }
  [[nodiscard]] std::size_t size() const { return span().size(); }
  [[nodiscard]] bool empty() const { return v_.index() == 0; }
  [[nodiscard]] const T& operator[](std::size_t i) const { return span()[i]; }
  [[nodiscard]] T& operator[](std::size_t i) { return span()[i]; }
  [[nodiscard]] const T* begin() const { return span().data(); }
  [[nodiscard]] const T* end() const { return span().data() + span().size(); }
  [[nodiscard]] T* begin() { return span().data(); }
  [[nodiscard]] T* end() { return span().data() + span().size(); }
  // Heap bytes owned beyond sizeof(ValueList) (for memory accounting).
  [[nodiscard]] std::size_t heap_bytes() const {
    return v_.index() == 2 ? std::get<2>(v_).capacity() * sizeof(T) : 0;
  }

 private:
  std::variant<std::monostate, T, std::vector<T>> v_;
};

namespace detail {

// An IPv6 address as two 64-bit words, most significant first.
struct Key128 {
  std::uint64_t hi = 0;
  std::uint64_t lo = 0;
  friend bool operator==(const Key128&, const Key128&) = default;
};

// Key arithmetic per family: bit i counts from the most significant bit, like IpAddress::bit.
template <typename Key>
struct KeyOps;

template <>
struct KeyOps<std::uint32_t> {
  static constexpr unsigned kBits = 32;
  static std::uint32_t from(const IpAddress& a) { return a.v4_value(); }
  static IpAddress to_address(std::uint32_t k) { return IpAddress::v4(k); }
  // Requires i < 32.
  static unsigned bit(std::uint32_t k, unsigned i) { return (k >> (31U - i)) & 1U; }
  static std::uint32_t mask(std::uint32_t k, unsigned len) {
    return len == 0 ? 0U : k & (~std::uint32_t{0} << (32U - len));
  }
  // Length of the common leading bits of a and b, at most `limit`.
  static unsigned common(std::uint32_t a, std::uint32_t b, unsigned limit) {
    auto n = static_cast<unsigned>(std::countl_zero(a ^ b));
    return std::min(n, limit);
  }
};

template <>
struct KeyOps<Key128> {
  static constexpr unsigned kBits = 128;
  static Key128 from(const IpAddress& a) {
    Key128 k;
    for (std::size_t i = 0; i < 8; ++i) {
      k.hi = (k.hi << 8U) | a.bytes()[i];
      k.lo = (k.lo << 8U) | a.bytes()[i + 8];
    }
    return k;
  }
  static IpAddress to_address(const Key128& k) {
    std::array<std::uint8_t, 16> b{};
    for (std::size_t i = 0; i < 8; ++i) {
      b[i] = static_cast<std::uint8_t>(k.hi >> (56U - 8U * i));
      b[i + 8] = static_cast<std::uint8_t>(k.lo >> (56U - 8U * i));
    }
    return IpAddress::v6_bytes(b.data());
  }
  // Requires i < 128.
  static unsigned bit(const Key128& k, unsigned i) {
    return i < 64 ? static_cast<unsigned>((k.hi >> (63U - i)) & 1U)
                  : static_cast<unsigned>((k.lo >> (127U - i)) & 1U);
  }
  static Key128 mask(const Key128& k, unsigned len) {
    if (len == 0) {
      return {};
    }
    if (len < 64) {
      return {k.hi & (~std::uint64_t{0} << (64U - len)), 0};
    }
    if (len == 64) {
      return {k.hi, 0};
    }
    return {k.hi, k.lo & (~std::uint64_t{0} << (128U - len))};
  }
  static unsigned common(const Key128& a, const Key128& b, unsigned limit) {
    unsigned n = a.hi != b.hi ? static_cast<unsigned>(std::countl_zero(a.hi ^ b.hi))
                              : 64U + static_cast<unsigned>(std::countl_zero(a.lo ^ b.lo));
    return std::min(n, limit);
  }
};

// Calls f(args...); f may return void (keep going) or bool (false = stop). Returns "keep going".
template <typename F, typename... Args>
bool call_continue(F& f, Args&&... args) {
  if constexpr (std::is_void_v<std::invoke_result_t<F&, Args...>>) {
    std::invoke(f, std::forward<Args>(args)...);
    return true;
  } else {
    return static_cast<bool>(std::invoke(f, std::forward<Args>(args)...));
  }
}

// The trie of one address family; PrefixTrie below dispatches to one of two of these.
template <typename Key, typename T>
class FamilyTrie {
  using Ops = KeyOps<Key>;
  static constexpr std::uint32_t kNil = std::numeric_limits<std::uint32_t>::max();

  struct Node {
    Key key{};                                       // prefix bits, masked to len
    std::array<std::uint32_t, 2> child{kNil, kNil};  // by bit `len` of the key
    std::uint32_t value = kNil;  // index into values_, kNil for a branching node
    std::uint8_t len = 0;
  };
  static_assert(sizeof(Node) <= (sizeof(Key) == 4 ? 20U : 32U), "keep nodes small");

 public:
  ValueList<T>& insert(const Key& key, unsigned len, T value) {
    std::uint32_t n = find_or_add(key, len);
    if (nodes_[n].value == kNil) {
      nodes_[n].value = static_cast<std::uint32_t>(values_.size());
      values_.emplace_back(std::move(value));
    } else {
      values_[nodes_[n].value].push_back(std::move(value));
    }
    ++value_count_;
    return values_[nodes_[n].value];
  }

  [[nodiscard]] const ValueList<T>* find_exact(const Key& key, unsigned len) const {
    std::uint32_t n = root_;
    while (n != kNil) {
      const Node& node = nodes_[n];
      if (node.len > len || Ops::mask(key, node.len) != node.key) {
        return nullptr;
      }
      if (node.len == len) {
        return node.value == kNil ? nullptr : &values_[node.value];
      }
      n = node.child[Ops::bit(key, node.len)];
    }
    return nullptr;
  }

  // The longest stored node containing (key, len): its key, length and values, or nullopt.
  struct Hit {
    Key key;
    unsigned len;
    const ValueList<T>* values;
  };
  [[nodiscard]] std::optional<Hit> longest(const Key& key, unsigned len) const {
    std::optional<Hit> best;
    std::uint32_t n = root_;
    while (n != kNil) {
      const Node& node = nodes_[n];
      if (node.len > len || Ops::mask(key, node.len) != node.key) {
        break;
      }
      if (node.value != kNil) {
        best = Hit{node.key, node.len, &values_[node.value]};
      }
      if (node.len == len) {
        break;
      }
      n = node.child[Ops::bit(key, node.len)];
    }
    return best;
  }

  // Stored nodes on the path to (key, len) that contain it, shortest first, until f says stop.
  template <typename F>
  void covering(const Key& key, unsigned len, F& f) const {
    std::uint32_t n = root_;
    while (n != kNil) {
      const Node& node = nodes_[n];
      if (node.len > len || Ops::mask(key, node.len) != node.key) {
        return;
      }
      if (node.value != kNil && !f(node.key, node.len, values_[node.value])) {
        return;
      }
      if (node.len == len) {
        return;
      }
      n = node.child[Ops::bit(key, node.len)];
    }
  }

  // Stored nodes within (key, len), in (address, length) order, until f says stop.
  template <typename F>
  void covered(const Key& key, unsigned len, F& f) const {
    std::uint32_t n = root_;
    while (n != kNil && nodes_[n].len < len) {
      const Node& node = nodes_[n];
      if (Ops::mask(key, node.len) != node.key) {
        return;
      }
      n = node.child[Ops::bit(key, node.len)];
    }
    if (n == kNil || Ops::mask(nodes_[n].key, len) != key) {
      return;
    }
    walk(n, f);
  }

  // Every stored node in (address, length) order, until f says stop. Returns false if stopped.
  template <typename F>
  bool for_each(F& f) const {
    return root_ == kNil || walk(root_, f);
  }

  [[nodiscard]] std::size_t size() const { return values_.size(); }
  [[nodiscard]] std::size_t value_count() const { return value_count_; }
  [[nodiscard]] std::size_t node_count() const { return nodes_.size(); }
  [[nodiscard]] std::size_t memory_bytes() const {
    std::size_t bytes =
        nodes_.capacity() * sizeof(Node) + values_.capacity() * sizeof(ValueList<T>);
    for (const auto& v : values_) {
      bytes += v.heap_bytes();
    }
    return bytes;
  }
  // Renumbers nodes and values in pre-order so that subtrees are contiguous in memory.
  void compact() {
    if (root_ == kNil) {
      return;
    }
    std::vector<Node> nodes;
    nodes.reserve(nodes_.size());
    std::vector<ValueList<T>> values;
    values.reserve(values_.size());
    struct Item {
      std::uint32_t old;
      std::uint32_t parent;
      unsigned side;
    };
    std::array<Item, Ops::kBits + 2> stack{};
    std::size_t top = 0;
    stack[top++] = {root_, kNil, 0};
    while (top > 0) {
      Item item = stack[--top];
      Node node = nodes_[item.old];
      auto now = static_cast<std::uint32_t>(nodes.size());
      if (item.parent != kNil) {
        nodes[item.parent].child[item.side] = now;
      }
      if (node.value != kNil) {
        values.push_back(std::move(values_[node.value]));
        node.value = static_cast<std::uint32_t>(values.size() - 1);
      }
      if (node.child[1] != kNil) {
        stack[top++] = {node.child[1], now, 1};
      }
      if (node.child[0] != kNil) {
        stack[top++] = {node.child[0], now, 0};
      }
      nodes.push_back(node);
    }
    nodes_ = std::move(nodes);
    values_ = std::move(values);
    root_ = 0;
  }
  void reserve(std::size_t prefixes) {
    nodes_.reserve(2 * prefixes);
    values_.reserve(prefixes);
  }
  void clear() {
    nodes_.clear();
    values_.clear();
    root_ = kNil;
    value_count_ = 0;
  }

 private:
  std::uint32_t add_node(const Key& key, unsigned len) {
    // Indices are 32 bits; running out means > 4G nodes (~80 GB), far past any routing table.
    if (nodes_.size() >= kNil) {
      throw std::length_error("PrefixTrie: more than 2^32-1 nodes");
    }
    Node node;
    node.key = key;
    node.len = static_cast<std::uint8_t>(len);
    nodes_.push_back(node);
    return static_cast<std::uint32_t>(nodes_.size() - 1);
  }

  // Returns the node for (key, len), creating it (and a branching node if needed). `key` must be
  // masked to `len`. Indices, not references: add_node may reallocate nodes_.
  std::uint32_t find_or_add(const Key& key, unsigned len) {
    std::uint32_t parent = kNil;
    unsigned side = 0;
    std::uint32_t n = root_;
    auto link = [&](std::uint32_t to) {
      if (parent == kNil) {
        root_ = to;
      } else {
        nodes_[parent].child[side] = to;
      }
    };
    while (true) {
      if (n == kNil) {
        std::uint32_t leaf = add_node(key, len);
        link(leaf);
        return leaf;
      }
      const Key node_key = nodes_[n].key;
      const unsigned node_len = nodes_[n].len;
      const unsigned common = Ops::common(key, node_key, std::min(len, node_len));
      if (common == node_len) {
        if (node_len == len) {
          return n;  // exact
        }
        parent = n;  // the node contains (key, len): go down
        side = Ops::bit(key, node_len);
        n = nodes_[n].child[side];
        continue;
      }
      if (common == len) {  // (key, len) contains the node: insert above it
        std::uint32_t above = add_node(key, len);
        nodes_[above].child[Ops::bit(node_key, len)] = n;
        link(above);
        return above;
      }
      // The two diverge at bit `common`: a branching node with both below it.
      std::uint32_t branch = add_node(Ops::mask(key, common), common);
      std::uint32_t leaf = add_node(key, len);
      nodes_[branch].child[Ops::bit(key, common)] = leaf;
      nodes_[branch].child[Ops::bit(node_key, common)] = n;
      link(branch);
      return leaf;
    }
  }

  // Pre-order walk of the subtree at `start`, child 0 before child 1: (address, length) order.
  // The stack holds at most one pending sibling per level, and lengths strictly grow downward.
  template <typename F>
  bool walk(std::uint32_t start, F& f) const {
    std::array<std::uint32_t, Ops::kBits + 2> stack{};
    std::size_t top = 0;
    stack[top++] = start;
    while (top > 0) {
      const Node& node = nodes_[stack[--top]];
      if (node.value != kNil && !f(node.key, node.len, values_[node.value])) {
        return false;
      }
      if (node.child[1] != kNil) {
        stack[top++] = node.child[1];
      }
      if (node.child[0] != kNil) {
        stack[top++] = node.child[0];
      }
    }
    return true;
  }

  std::vector<Node> nodes_;
  std::vector<ValueList<T>> values_;  // one per stored prefix
  std::uint32_t root_ = kNil;
  std::size_t value_count_ = 0;
};

}  // namespace detail

// PrefixTrie<T> maps IP prefixes (both families) to one or more values of type T each.
//
// Terms (RFC 6811 §1): a stored prefix P *covers* a prefix Q when P contains Q (same family,
// P.length <= Q.length, same leading P.length bits); Q is then *covered* by P. A prefix covers
// itself.
//
// Complexity, with W = 32 (IPv4) or 128 (IPv6), n stored prefixes of the family and k results:
//   insert, find_exact, longest_match      O(W) node visits (at most one per distinct length)
//   covering                               O(W), results shortest first
//   covered                                O(W + k) (the subtree holds <= 2k - 1 nodes)
//   for_each                               O(n)
//   compact                                O(n), and a second copy of the nodes while it runs
// Memory: at most 2n - 1 nodes of 20 bytes (IPv4) or 32 bytes (IPv6), plus one ValueList<T>
// per stored prefix (one value inline). No per-node allocation.
//
// Lookups on a large trie are bound by cache misses, one per node visited. Nodes are laid out in
// insertion order; compact() after a bulk load lays them out depth-first, which keeps subtrees
// together and makes random lookups on a full table about twice as fast (bench/bench_trie.cpp).
//
// Iteration order (covered, for_each) is Prefix order: (address, length), IPv4 before IPv6.
// Callbacks are f(const Prefix&, const ValueList<T>&) and may return void, or bool where false
// stops the walk. References returned or passed to callbacks stay valid until the next insert,
// compact or clear. Not thread-safe for writes; concurrent const calls are safe.
template <typename T>
class PrefixTrie {
 public:
  using Values = ValueList<T>;

  // One stored prefix and its values (as returned by longest_match).
  struct Entry {
    Prefix prefix;
    const Values* values = nullptr;
  };

  // Adds `value` under `prefix` (after any values already there). Returns the prefix's values.
  Values& insert(const Prefix& prefix, T value) {
    if (prefix.is_v4()) {
      return v4_.insert(V4Ops::from(prefix.address()), prefix.length(), std::move(value));
    }
    return v6_.insert(V6Ops::from(prefix.address()), prefix.length(), std::move(value));
  }

  // The values stored under exactly `prefix`, or nullptr.
  [[nodiscard]] const Values* find_exact(const Prefix& prefix) const {
    if (prefix.is_v4()) {
      return v4_.find_exact(V4Ops::from(prefix.address()), prefix.length());
    }
    return v6_.find_exact(V6Ops::from(prefix.address()), prefix.length());
  }
  [[nodiscard]] Values* find_exact(const Prefix& prefix) {
    return const_cast<Values*>(std::as_const(*this).find_exact(prefix));
  }

  // The most specific stored prefix that covers `prefix`, or nullopt.
  [[nodiscard]] std::optional<Entry> longest_match(const Prefix& prefix) const {
    if (prefix.is_v4()) {
      return to_entry<V4Ops>(v4_.longest(V4Ops::from(prefix.address()), prefix.length()));
    }
    return to_entry<V6Ops>(v6_.longest(V6Ops::from(prefix.address()), prefix.length()));
  }
  // The most specific stored prefix that contains `addr`, or nullopt.
  [[nodiscard]] std::optional<Entry> longest_match(const IpAddress& addr) const {
    return longest_match(Prefix::make(addr, addr.max_len()));
  }

  // Calls f for every stored prefix that covers `prefix`, shortest first (RFC 6811 §2:
  // the VRPs that cover a route).
  template <typename F>
  void covering(const Prefix& prefix, F&& f) const {
    if (prefix.is_v4()) {
      auto g = adapt<V4Ops>(f);
      v4_.covering(V4Ops::from(prefix.address()), prefix.length(), g);
    } else {
      auto g = adapt<V6Ops>(f);
      v6_.covering(V6Ops::from(prefix.address()), prefix.length(), g);
    }
  }

  // Calls f for every stored prefix covered by `prefix` (including itself), in Prefix order.
  template <typename F>
  void covered(const Prefix& prefix, F&& f) const {
    if (prefix.is_v4()) {
      auto g = adapt<V4Ops>(f);
      v4_.covered(V4Ops::from(prefix.address()), prefix.length(), g);
    } else {
      auto g = adapt<V6Ops>(f);
      v6_.covered(V6Ops::from(prefix.address()), prefix.length(), g);
    }
  }

  // Calls f for every stored prefix, in Prefix order.
  template <typename F>
  void for_each(F&& f) const {
    auto g4 = adapt<V4Ops>(f);
    if (!v4_.for_each(g4)) {
      return;
    }
    auto g6 = adapt<V6Ops>(f);
    v6_.for_each(g6);
  }

  // Distinct stored prefixes.
  [[nodiscard]] std::size_t size() const { return v4_.size() + v6_.size(); }
  [[nodiscard]] bool empty() const { return size() == 0; }
  // Values added by insert over all prefixes (>= size()); ValueList::push_back through
  // find_exact does not count.
  [[nodiscard]] std::size_t value_count() const { return v4_.value_count() + v6_.value_count(); }
  // Approximate bytes held (node and value vectors plus spilled value lists).
  [[nodiscard]] std::size_t memory_bytes() const { return v4_.memory_bytes() + v6_.memory_bytes(); }
  // Reserves room for about this many prefixes per family.
  void reserve(std::size_t v4_prefixes, std::size_t v6_prefixes) {
    v4_.reserve(v4_prefixes);
    v6_.reserve(v6_prefixes);
  }
  // Lays the nodes out depth-first and releases spare capacity; call after a bulk load. Inserts
  // may follow (new nodes go to the end).
  void compact() {
    v4_.compact();
    v6_.compact();
  }
  void clear() {
    v4_.clear();
    v6_.clear();
  }

 private:
  using V4Ops = detail::KeyOps<std::uint32_t>;
  using V6Ops = detail::KeyOps<detail::Key128>;

  template <typename Ops, typename Hit>
  static std::optional<Entry> to_entry(const std::optional<Hit>& hit) {
    if (!hit) {
      return std::nullopt;
    }
    return Entry{Prefix::make(Ops::to_address(hit->key), hit->len), hit->values};
  }

  // Turns a user callback on (Prefix, Values) into one on (key, len, Values) returning bool.
  template <typename Ops, typename F>
  static auto adapt(F& f) {
    return [&f](const auto& key, unsigned len, const Values& v) {
      return detail::call_continue(f, Prefix::make(Ops::to_address(key), len), v);
    };
  }

  detail::FamilyTrie<std::uint32_t, T> v4_;
  detail::FamilyTrie<detail::Key128, T> v6_;
};

}  // namespace manrs::net
