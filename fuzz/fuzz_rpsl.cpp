// fuzz_rpsl — libFuzzer target for the RPSL scanner and the typed views (STYLE.md T5): the input
// is an RPSL file (or a compressed one: open_memory detects it).
//
// The bytes are read by RpslReader from core::open_memory, and again through a source that hands
// them out in small pieces: both must give the same objects and problems (also with a small
// max_object_bytes, which exercises the overflow paths). Every object must be well formed (a piece
// of the input, attributes in increasing lines, valid names, class = its first attribute) and
// goes through every typed view; every list item goes through the set-member and prefix-range
// parsers, whose results must print and parse back to themselves. Every problem and error names
// "fuzz" and a line of the input.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "manrs/core/input.h"
#include "manrs/irr/objects.h"
#include "manrs/irr/rpsl.h"

namespace {

using manrs::irr::RpslObject;
using manrs::irr::RpslReader;
using manrs::irr::RpslReaderOptions;

void check(bool ok, int line = __builtin_LINE()) {
  if (!ok) {
    std::fprintf(stderr, "fuzz_rpsl.cpp:%d: invariant broken\n", line);
    std::abort();
  }
}

// Hands out the input in pieces of 1..97 bytes (a fixed pseudo-random sequence).
class PieceSource final : public manrs::core::ByteSource {
 public:
  explicit PieceSource(std::string_view text) : text_(text) {}
  manrs::Result<std::size_t> read(std::span<std::byte> dst) override {
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    const std::size_t piece = 1 + static_cast<std::size_t>((state_ >> 33U) % 97U);
    const std::size_t n = std::min({dst.size(), piece, text_.size() - pos_});
    std::memcpy(dst.data(), text_.data() + pos_, n);
    pos_ += n;
    return n;
  }
  std::string_view name() const override { return "fuzz"; }
  std::uint64_t consumed() const override { return pos_; }
  std::uint64_t size() const override { return text_.size(); }
  manrs::core::Compression compression() const override { return manrs::core::Compression::kNone; }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  std::uint64_t state_ = 1;
};

struct Outcome {
  std::vector<std::string> texts;
  std::vector<std::uint64_t> lines;
  std::vector<std::string> problems;
  std::uint64_t problem_count = 0;
  bool failed = false;

  bool operator==(const Outcome&) const = default;
};

bool good_name(std::string_view n) {
  if (n.empty() || n.size() > manrs::irr::kMaxRpslNameBytes) return false;
  return std::all_of(n.begin(), n.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
  });
}

bool names_fuzz(const std::string& where) { return where.rfind("fuzz:", 0) == 0; }

void check_range(const manrs::irr::PrefixRange& r) {
  const unsigned max = r.prefix.address().max_len();
  check(r.prefix.length() <= r.min_len && r.min_len <= r.max_len && r.max_len <= max);
  auto back = manrs::irr::parse_prefix_range(r.to_rpsl());
  check(back.has_value() && *back == r);
}

void check_item(std::string_view item) {
  for (const bool route_set : {false, true}) {
    auto m = manrs::irr::parse_set_member(item, route_set);
    if (!m) {
      check(m.error().message.rfind("member: ", 0) == 0);
      continue;
    }
    if (m->kind == manrs::irr::SetMember::Kind::kPrefix) check_range(m->range);
    if (!route_set) check(m->range_op.empty());
  }
  auto r = manrs::irr::parse_prefix_range(item);
  if (!r) return;
  check_range(*r);
  for (const char* op : {"^-", "^+", "^0", "^24", "^16-24", "^25-32", "^48-64", "^128", "+", "x"}) {
    if (auto a = r->apply(op)) check_range(*a);
  }
}

// Every typed view of `obj`; the ones of other classes must refuse it.
void check_views(const RpslObject& obj) {
  using manrs::irr::ObjectClass;
  const auto error_ok = [](const manrs::Error& e) {
    check(names_fuzz(e.source) && !e.message.empty());
  };
  const auto problems_ok = [](const std::vector<std::string>& ps) {
    for (const auto& p : ps) check(names_fuzz(p) || p.rfind("... and ", 0) == 0);
  };
  if (auto r = manrs::irr::parse_route(obj, "fuzz")) {
    check(obj.cls == ObjectClass::kRoute || obj.cls == ObjectClass::kRoute6);
    check(r->prefix.is_v4() == (obj.cls == ObjectClass::kRoute));
    check(manrs::net::Prefix::parse(r->prefix.to_string()).value() == r->prefix);
    for (const auto& h : r->holes) check(r->prefix.contains(h.prefix));
    problems_ok(r->problems);
  } else {
    error_ok(r.error());
  }
  if (auto s = manrs::irr::parse_as_set(obj, "fuzz")) {
    check(manrs::irr::is_as_set_name(s->name));
    for (const auto& m : s->members) {
      check(m.kind != manrs::irr::SetMember::Kind::kPrefix && m.range_op.empty());
    }
    problems_ok(s->problems);
  } else {
    error_ok(s.error());
  }
  if (auto s = manrs::irr::parse_route_set(obj, "fuzz")) {
    check(manrs::irr::is_route_set_name(s->name));
    for (const auto& m : s->members) {
      if (m.kind == manrs::irr::SetMember::Kind::kPrefix) check(m.range.prefix.is_v4());
    }
    problems_ok(s->problems);
  } else {
    error_ok(s.error());
  }
  if (auto a = manrs::irr::parse_aut_num(obj, "fuzz")) {
    for (const auto& p : a->policies) {
      check(p.line >= obj.line);
      check(p.structured ? p.terms.empty() : !p.terms.empty());
      for (const auto& t : p.terms) check(!t.peering.empty());
    }
    problems_ok(a->problems);
  } else {
    error_ok(a.error());
  }
  if (auto c = manrs::irr::parse_contact(obj, "fuzz")) {
    check(!c->handle.empty());
    for (const auto& m : c->auth) check(good_name(m));  // a method word, never a secret
  } else {
    error_ok(c.error());
  }
  if (auto i = manrs::irr::parse_inetnum(obj, "fuzz")) {
    check(i->first.family() == i->last.family() && !(i->last < i->first));
  } else {
    error_ok(i.error());
  }
  if (auto b = manrs::irr::parse_as_block(obj, "fuzz")) {
    check(b->first <= b->last);
  } else {
    error_ok(b.error());
  }
  if (auto f = manrs::irr::parse_filter_set(obj, "fuzz")) {
    check(manrs::irr::is_filter_set_name(f->name));
  } else {
    error_ok(f.error());
  }
}

void check_object(const RpslObject& obj, std::string_view input, std::size_t& from,
                  std::uint64_t total_lines) {
  check(!obj.attributes.empty() && obj.attributes[0].line == obj.line && obj.line <= total_lines);
  check(obj.cls == manrs::irr::parse_object_class(obj.class_name));
  check(obj.class_name.data() == obj.attributes[0].name.data());
  // The text is the next piece of the input (its last line may have gained a newline).
  std::size_t at = input.find(obj.text, from);
  if (at == std::string_view::npos) {
    const std::string_view t = obj.text.substr(0, obj.text.size() - 1);
    check(!obj.text.empty() && obj.text.back() == '\n' && input.ends_with(t));
    at = input.size() - t.size();
  }
  from = at + 1;
  const char* tb = obj.text.data();
  const char* te = tb + obj.text.size();
  std::string scratch;
  std::uint32_t last = 0;
  for (const auto& a : obj.attributes) {
    check(a.line > last || (last == 0 && a.line == obj.line));
    last = a.line;
    check(good_name(a.name));
    check(a.name.data() >= tb && a.raw.data() + a.raw.size() <= te);
    const std::string_view v = manrs::irr::attribute_value(a.raw, scratch);
    check(v.find('\n') == std::string_view::npos && v.find('#') == std::string_view::npos);
    check(v.empty() || (v.front() != ' ' && v.back() != ' '));
    manrs::irr::for_each_list_item(v, [](std::string_view item) { check_item(item); });
  }
  check_views(obj);
}

Outcome run(manrs::core::ByteSource& src, RpslReaderOptions o, std::string_view input,
            bool check_objects) {
  Outcome out;
  RpslReader reader(src, o);
  const auto total_lines =
      static_cast<std::uint64_t>(std::count(input.begin(), input.end(), '\n')) + 1;
  std::size_t from = 0;
  for (;;) {
    auto obj = reader.next();
    if (!obj) {
      check(!obj.error().message.empty());
      out.failed = true;
      break;
    }
    if (*obj == nullptr) break;
    check((*obj)->text.size() <= o.max_object_bytes);
    if (check_objects) check_object(**obj, input, from, total_lines);
    out.texts.emplace_back((*obj)->text);
    out.lines.push_back((*obj)->line);
  }
  for (const auto& p : reader.problems()) {
    check(p.line >= 1 && !p.message.empty());
    if (check_objects) check(p.line <= total_lines);
    out.problems.push_back(reader.describe(p));
  }
  out.problem_count = reader.problem_count();
  check(out.problem_count >= out.problems.size());
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);  // NOLINT
  auto mem = manrs::core::open_memory(std::as_bytes(std::span(input.data(), input.size())), "fuzz");
  check(mem.has_value());
  const bool plain = (*mem)->compression() == manrs::core::Compression::kNone;
  const Outcome whole = run(**mem, {}, input, plain);
  if (!plain) return 0;
  check(!whole.failed);
  PieceSource pieces(input);
  check(run(pieces, {}, input, false) == whole);
  // A small limit (from the size) exercises the overflow paths; reads must not matter.
  RpslReaderOptions small;
  small.max_object_bytes = 16 + size % 113;
  auto mem2 =
      manrs::core::open_memory(std::as_bytes(std::span(input.data(), input.size())), "fuzz");
  const Outcome a = run(**mem2, small, input, false);
  PieceSource pieces2(input);
  check(run(pieces2, small, input, false) == a);
  // One object from the whole text.
  if (auto obj = manrs::irr::parse_rpsl_object(input, "fuzz")) {
    check_views(*obj);
  } else {
    check(names_fuzz(obj.error().source));
  }
  return 0;
}
