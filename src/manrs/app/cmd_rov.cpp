// `manrs rov`: RFC 6811 route origin validation (and ASPA path verification) of every route in
// MRT files or text lines, against a VRP set (+ SLURM), with a summary per state, family, peer.
#include <algorithm>
#include <array>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>

#include "manrs/app/commands.h"
#include "manrs/app/json_text.h"
#include "manrs/app/rpki_inputs.h"
#include "manrs/core/input.h"
#include "manrs/core/progress.h"
#include "manrs/mrt/bgpdump_format.h"
#include "manrs/mrt/parallel_reader.h"
#include "manrs/mrt/reader.h"
#include "manrs/rpki/aspa.h"
#include "manrs/rpki/rov.h"

namespace manrs::app {
namespace {

struct RovOptions {
  VrpLoadOptions vrps;
  std::vector<std::string> inputs;
  std::string format = "bgpdump";
  std::vector<std::string> only;
  std::vector<std::string> only_aspa;
  bool aspa = false;
  std::string procedure = "downstream";
  bool summary_only = false;
  bool json = false;
  bool explain = false;
  unsigned jobs = 1;
  unsigned threads = 0;
  std::size_t max_messages = 20;
};

// One route as the commands see it, whatever the input.
struct Route {
  std::uint32_t time = 0;
  char kind = 'B';  // B: RIB entry, A: announcement
  const net::IpAddress* peer_ip = nullptr;
  net::Asn peer_as = 0;
  net::Prefix prefix;
  const net::AsPath* path = nullptr;
  bool path_error = false;
};

// Calls fn(route) for every route of `rec`, in the order `bgpdump -m` prints their lines.
template <typename Fn>
void for_each_route(const mrt::Record& rec, Fn&& fn) {
  Route r;
  r.time = rec.header.timestamp;
  switch (rec.kind) {
    case mrt::RecordKind::kRib: {
      const auto st = static_cast<mrt::TdV2>(rec.header.subtype);
      if (st != mrt::TdV2::kRibIpv4Unicast && st != mrt::TdV2::kRibIpv6Unicast &&
          st != mrt::TdV2::kRibIpv4UnicastAddPath && st != mrt::TdV2::kRibIpv6UnicastAddPath) {
        return;
      }
      for (std::size_t i = 0; i < rec.rib.count; ++i) {
        const auto& e = rec.rib.entries[i];
        const auto& peer = rec.peers->peers[e.peer_index];
        r.peer_ip = &peer.address;
        r.peer_as = peer.asn;
        r.prefix = rec.rib.prefix;
        r.path = &e.attrs.as_path;
        r.path_error = e.attrs.as_path_error;
        fn(r);
      }
      return;
    }
    case mrt::RecordKind::kTableDump:
      for (std::size_t i = 0; i < rec.table_dump.count; ++i) {
        const auto& e = rec.table_dump.entries[i];
        r.peer_ip = &e.peer_ip;
        r.peer_as = e.peer_as;
        r.prefix = e.prefix;
        r.path = &e.attrs.as_path;
        r.path_error = e.attrs.as_path_error;
        fn(r);
      }
      return;
    case mrt::RecordKind::kBgp4mpMessage: {
      const auto& m = rec.bgp4mp;
      if (m.message_type != 2) {
        return;  // not an UPDATE
      }
      const auto& u = m.update;
      r.kind = 'A';
      r.peer_ip = &m.peer_ip;
      r.peer_as = m.peer_as;
      r.path = &u.attrs.as_path;
      r.path_error = u.attrs.as_path_error;
      for (const auto& p : u.nlri) {
        r.prefix = p.prefix;
        fn(r);
      }
      const auto& mp = u.attrs.mp_reach;
      if (rec.header.type != mrt::kTypeBgp && mp.present && !mp.abbreviated &&
          (mp.safi == 1 || mp.safi == 2 || mp.safi == 3) && (mp.afi == 1 || mp.afi == 2)) {
        for (const auto& p : mp.nlri) {
          r.prefix = p.prefix;
          fn(r);
        }
      }
      return;
    }
    default:
      return;
  }
}

struct Counts {
  std::array<std::uint64_t, 4> rov{};   // by RovState
  std::array<std::uint64_t, 3> aspa{};  // by AspaState
  [[nodiscard]] std::uint64_t total() const { return rov[0] + rov[1] + rov[2] + rov[3]; }
};

struct PeerKey {
  net::IpAddress ip;
  net::Asn asn = 0;
  friend bool operator==(const PeerKey&, const PeerKey&) = default;
};
struct PeerKeyHash {
  std::size_t operator()(const PeerKey& k) const noexcept {
    std::size_t h = k.asn;
    for (auto b : k.ip.bytes()) {
      h = h * 131 + b;
    }
    return h;
  }
};

struct Summary {
  Counts all;
  Counts v4;
  Counts v6;
  std::unordered_map<PeerKey, Counts, PeerKeyHash> peers;
  std::uint64_t text_lines_rejected = 0;
};

class Validator {
 public:
  Validator(const RovOptions& opt, const rpki::VrpSet& set)
      : opt_(opt), rov_(set.vrps), aspa_(set.aspas) {
    procedure_ = opt.procedure == "upstream" ? rpki::AspaProcedure::kUpstream
                                             : rpki::AspaProcedure::kDownstream;
    for (const auto& s : opt.only) {
      if (s == "invalid") {
        only_rov_[1] = only_rov_[2] = true;
      } else if (s == "valid") {
        only_rov_[0] = true;
      } else if (s == "invalid-asn") {
        only_rov_[1] = true;
      } else if (s == "invalid-length") {
        only_rov_[2] = true;
      } else if (s == "not-found") {
        only_rov_[3] = true;
      }
      filter_rov_ = true;
    }
    for (const auto& s : opt.only_aspa) {
      only_aspa_[s == "valid" ? 0 : s == "invalid" ? 1 : 2] = true;
      filter_aspa_ = true;
    }
  }

  struct Verdict {
    rpki::RovState rov = rpki::RovState::kNotFound;
    std::optional<net::Asn> origin;
    rpki::AspaResult aspa;
    bool shown = true;
  };

  Verdict judge(const Route& r, Counts* peer) {
    Verdict v;
    v.origin = rpki::route_origin(*r.path, r.peer_as);
    v.rov = rov_.validate(r.prefix, v.origin);
    const auto ri = static_cast<std::size_t>(v.rov);
    ++summary_.all.rov[ri];
    ++(r.prefix.is_v4() ? summary_.v4 : summary_.v6).rov[ri];
    if (peer != nullptr) {
      ++peer->rov[ri];
    }
    if (opt_.aspa) {
      v.aspa = rpki::verify_aspa(aspa_, *r.path, procedure_);
      const auto ai = static_cast<std::size_t>(v.aspa.state);
      ++summary_.all.aspa[ai];
      ++(r.prefix.is_v4() ? summary_.v4 : summary_.v6).aspa[ai];
      if (peer != nullptr) {
        ++peer->aspa[ai];
      }
    }
    v.shown = (!filter_rov_ || only_rov_[ri]) &&
              (!filter_aspa_ || only_aspa_[static_cast<std::size_t>(v.aspa.state)]);
    return v;
  }

  Counts* peer_counts(const Route& r) {
    return &summary_
                .peers[PeerKey{r.peer_ip != nullptr ? *r.peer_ip : net::IpAddress(), r.peer_as}];
  }

  [[nodiscard]] const rpki::RovTable& rov() const { return rov_; }
  Summary& summary() { return summary_; }

 private:
  const RovOptions& opt_;
  rpki::RovTable rov_;
  rpki::AspaTable aspa_;
  rpki::AspaProcedure procedure_;
  bool filter_rov_ = false;
  bool filter_aspa_ = false;
  std::array<bool, 4> only_rov_{};
  std::array<bool, 3> only_aspa_{};
  Summary summary_;
};

// Appends the verdict fields of one output line in the chosen format.
void append_verdict(std::string& out, const RovOptions& opt, const Validator& val, const Route& r,
                    const Validator::Verdict& v, std::string_view bgpdump_line) {
  if (opt.format == "pairs") {
    r.prefix.append_to(out);
    out += '\t';
    out += v.origin ? std::to_string(*v.origin) : std::string("NONE");
    out += '\t';
    out += v.rov == rpki::RovState::kNotFound ? "notfound" : std::string(rpki::rfc_name(v.rov));
    if (opt.aspa) {
      out += '\t';
      out += rpki::to_string(v.aspa.state);
    }
    out += '\n';
    return;
  }
  if (opt.format == "jsonl") {
    out += "{\"type\":\"";
    out += r.kind;
    out += "\",\"time\":";
    out += std::to_string(r.time);
    if (r.peer_ip != nullptr) {
      out += ",\"peer_ip\":\"";
      r.peer_ip->append_to(out);
      out += "\",\"peer_as\":";
      out += std::to_string(r.peer_as);
    }
    out += ",\"prefix\":\"";
    r.prefix.append_to(out);
    out += "\",\"as_path\":";
    append_json_string(out, r.path->to_string());
    out += ",\"origin\":";
    out += v.origin ? std::to_string(*v.origin) : std::string("null");
    out += ",\"rov\":\"";
    out += rpki::rfc_name(v.rov);
    out += '"';
    if (rpki::is_invalid(v.rov)) {
      out += v.rov == rpki::RovState::kInvalidAsn ? ",\"reason\":\"as\"" : ",\"reason\":\"length\"";
    }
    if (opt.explain && v.rov != rpki::RovState::kNotFound) {
      out += ",\"vrps\":[";
      bool first = true;
      for (const auto& c : val.rov().covering(r.prefix)) {
        out += first ? "" : ",";
        first = false;
        out += "{\"prefix\":\"";
        c.prefix.append_to(out);
        out += fmt::format("\",\"maxLength\":{},\"asn\":{}}}", c.max_length, c.asn);
      }
      out += ']';
    }
    if (opt.aspa) {
      out += ",\"aspa\":{\"state\":\"";
      out += rpki::to_string(v.aspa.state);
      out += '"';
      if (v.aspa.reason == rpki::AspaReason::kNotProviderPlus) {
        out += fmt::format(",\"hop\":[{},{}]", v.aspa.hop_from, v.aspa.hop_to);
      } else if (v.aspa.reason == rpki::AspaReason::kAsSet) {
        out += ",\"reason\":\"as-set\"";
      } else if (v.aspa.reason == rpki::AspaReason::kEmpty) {
        out += ",\"reason\":\"empty-path\"";
      }
      out += '}';
    }
    out += "}\n";
    return;
  }
  // bgpdump: the input's line (MRT) or "prefix|as-path|" (text), then the states.
  if (!bgpdump_line.empty()) {
    out += bgpdump_line;
  } else {
    r.prefix.append_to(out);
    out += '|';
    out += r.path->to_string();
    out += '|';
  }
  out += rpki::to_string(v.rov);
  out += '|';
  if (opt.aspa) {
    out += rpki::to_string(v.aspa.state);
    out += '|';
  }
  out += '\n';
}

class Out {
 public:
  ~Out() { flush(); }
  std::string& buf() { return buf_; }
  void maybe_flush() {
    if (buf_.size() >= (1U << 20)) {
      flush();
    }
  }
  void flush() {
    if (!buf_.empty()) {
      std::fwrite(buf_.data(), 1, buf_.size(), stdout);
      buf_.clear();
    }
  }

 private:
  std::string buf_;
};

// Parses "prefix origin" or "prefix as-path..." (AS_SET as {a,b}); '|', tabs, spaces separate.
Status parse_text_route(std::string_view line, net::Prefix& prefix, net::AsPath& path) {
  std::vector<std::string_view> tokens;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '|')) {
      ++i;
    }
    std::size_t j = i;
    if (j < line.size() && line[j] == '{') {
      while (j < line.size() && line[j] != '}') {
        ++j;
      }
      j = std::min(line.size(), j + 1);
    } else {
      while (j < line.size() && line[j] != ' ' && line[j] != '\t' && line[j] != '|') {
        ++j;
      }
    }
    if (j > i) {
      tokens.push_back(line.substr(i, j - i));
    }
    i = j;
  }
  if (tokens.size() < 2) {
    return make_error(ErrorCode::kMalformed,
                      fmt::format("route: want 'prefix origin' or 'prefix as-path', have '{}'",
                                  line.substr(0, 80)));
  }
  auto p = net::Prefix::parse(tokens[0]);
  if (!p) {
    return make_error(ErrorCode::kMalformed, fmt::format("prefix: {}", p.error().message));
  }
  prefix = *p;
  path.clear();
  for (std::size_t t = 1; t < tokens.size(); ++t) {
    auto tok = tokens[t];
    if (tok.front() == '{') {
      if (tok.size() < 2 || tok.back() != '}') {
        return make_error(ErrorCode::kMalformed,
                          fmt::format("AS_SET: want {{a,b,...}}, have '{}'", tok));
      }
      path.add_segment(net::SegmentType::kSet);
      auto inner = tok.substr(1, tok.size() - 2);
      while (!inner.empty()) {
        const auto comma = inner.find(',');
        auto a = net::parse_asn(inner.substr(0, comma));
        if (!a) {
          return make_error(ErrorCode::kMalformed,
                            fmt::format("AS_SET member: {}", a.error().message));
        }
        path.push(*a);
        inner = comma == std::string_view::npos ? std::string_view() : inner.substr(comma + 1);
      }
      continue;
    }
    auto a = net::parse_asn(tok);
    if (!a) {
      return make_error(ErrorCode::kMalformed, fmt::format("AS path: {}", a.error().message));
    }
    if (path.empty() || path.segments().back().type != net::SegmentType::kSequence) {
      path.add_segment(net::SegmentType::kSequence);
    }
    path.push(*a);
  }
  return {};
}

ExitCode run_text(const RovOptions& opt, Validator& val, core::ByteSource& src, Out& out,
                  bool output) {
  ExitCode rc = ExitCode::kOk;
  std::string pending;
  std::vector<std::byte> buf(1U << 16);
  std::uint64_t line_no = 0;
  net::AsPath path;
  Route r;
  r.kind = 'T';
  std::uint64_t shown_errors = 0;
  auto handle = [&](std::string_view line) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);
    }
    const auto first = line.find_first_not_of(" \t");
    if (first == std::string_view::npos || line[first] == '#') {
      return;
    }
    if (auto st = parse_text_route(line.substr(first), r.prefix, path); !st) {
      ++val.summary().text_lines_rejected;
      rc = ExitCode::kDataSkipped;
      if (shown_errors++ < opt.max_messages) {
        std::fprintf(stderr, "manrs: %s:%llu: %s\n", std::string(src.name()).c_str(),
                     static_cast<unsigned long long>(line_no), st.error().message.c_str());
      }
      return;
    }
    r.path = &path;
    const auto v = val.judge(r, nullptr);
    if (output && v.shown) {
      append_verdict(out.buf(), opt, val, r, v, {});
      out.maybe_flush();
    }
  };
  for (;;) {
    auto n = src.read(buf);
    if (!n) {
      std::fprintf(stderr, "manrs: %s\n", n.error().to_string().c_str());
      return ExitCode::kDataSkipped;
    }
    if (*n == 0) {
      break;
    }
    pending.append(reinterpret_cast<const char*>(buf.data()), *n);
    std::size_t start = 0;
    for (std::size_t nl; (nl = pending.find('\n', start)) != std::string::npos; start = nl + 1) {
      handle(std::string_view(pending).substr(start, nl - start));
    }
    pending.erase(0, start);
    if (pending.size() > (1U << 20)) {
      std::fprintf(stderr, "manrs: %s:%llu: line longer than 1 MiB, stopped\n",
                   std::string(src.name()).c_str(), static_cast<unsigned long long>(line_no + 1));
      return ExitCode::kDataSkipped;
    }
  }
  if (!pending.empty()) {
    handle(pending);
  }
  return rc;
}

ExitCode run_mrt(const RovOptions& opt, Validator& val, std::unique_ptr<core::ByteSource> src,
                 const std::string& name, Out& out, bool output) {
  mrt::DecodeOptions dopt;
  dopt.summary = !output && !opt.aspa;  // the origin is all ROV needs
  std::unique_ptr<mrt::Reader> seq;
  std::unique_ptr<mrt::ParallelReader> par;
  const core::ByteSource* raw = src.get();
  if (opt.jobs == 1) {
    seq = std::make_unique<mrt::Reader>(std::move(src), dopt);
  } else {
    par = std::make_unique<mrt::ParallelReader>(std::move(src), opt.jobs, dopt);
  }
  mrt::Record own;
  const mrt::Record* rec = nullptr;
  core::Progress progress(name, raw->size());
  std::uint64_t errors = 0;
  std::uint64_t n = 0;
  std::string lines;
  std::vector<std::string_view> route_lines;
  // Per-peer counters of the current PEER_INDEX_TABLE, by peer index (a map lookup per RIB
  // entry would cost more than the validation).
  const mrt::PeerIndexTable* cached_table = nullptr;
  std::vector<Counts*> by_index;
  for (;;) {
    Result<bool> more = par ? par->next(rec) : seq->next(own);
    if (!more) {
      if (errors++ < opt.max_messages) {
        std::fprintf(stderr, "manrs: %s\n", more.error().to_string().c_str());
      }
      continue;
    }
    if (!*more) {
      break;
    }
    if (!par) {
      rec = &own;
    }
    ++n;
    if (rec->kind == mrt::RecordKind::kRib && rec->peers != cached_table) {
      cached_table = rec->peers;
      by_index.assign(rec->peers->peers.size(), nullptr);
    }
    if (output && opt.format == "bgpdump") {
      lines.clear();
      route_lines.clear();
      mrt::format_bgpdump(*rec, lines);
      // Keep the B/A lines (a route each, in for_each_route's order); drop W and STATE lines.
      std::size_t start = 0;
      for (std::size_t nl; (nl = lines.find('\n', start)) != std::string::npos; start = nl + 1) {
        std::string_view line(lines.data() + start, nl - start);
        const auto p1 = line.find('|');
        const auto p2 = p1 == std::string_view::npos ? p1 : line.find('|', p1 + 1);
        if (p2 != std::string_view::npos && p2 + 2 < line.size() &&
            (line[p2 + 1] == 'B' || line[p2 + 1] == 'A') && line[p2 + 2] == '|') {
          route_lines.push_back(line);
        }
      }
    }
    std::size_t k = 0;
    for_each_route(*rec, [&](const Route& r) {
      Counts* peer = nullptr;
      if (rec->kind == mrt::RecordKind::kRib) {
        const auto idx = rec->rib.entries[k].peer_index;
        if (by_index[idx] == nullptr) {
          by_index[idx] = val.peer_counts(r);
        }
        peer = by_index[idx];
      } else {
        peer = val.peer_counts(r);
      }
      const auto v = val.judge(r, peer);
      if (output && v.shown) {
        std::string_view line;
        if (opt.format == "bgpdump" && k < route_lines.size()) {
          line = route_lines[k];
        }
        append_verdict(out.buf(), opt, val, r, v, line);
      }
      ++k;
    });
    out.maybe_flush();
    progress.update(par ? par->consumed() : seq->source().consumed(), n);
  }
  progress.finish();
  if (errors > opt.max_messages) {
    std::fprintf(stderr, "manrs: %s: %llu more decoding errors not shown\n", name.c_str(),
                 static_cast<unsigned long long>(errors - opt.max_messages));
  }
  return errors != 0 ? ExitCode::kDataSkipped : ExitCode::kOk;
}

std::string share(std::uint64_t part, std::uint64_t whole) {
  return whole == 0 ? std::string("-")
                    : fmt::format("{:.2f}%",
                                  100.0 * static_cast<double>(part) / static_cast<double>(whole));
}

std::string summary_text(const RovOptions& opt, Summary& s, const rpki::VrpSet& set) {
  std::string out;
  out += fmt::format("VRPs: {} ({} IPv4, {} IPv6), ASPAs: {}\n", set.vrps.size(), set.v4_count(),
                     set.v6_count(), set.aspas.size());
  auto block = [&](const char* name, const Counts& c) {
    const auto t = c.total();
    out += fmt::format("{}: {} routes\n", name, t);
    const char* names[4] = {"valid", "invalid-asn", "invalid-length", "not-found"};
    for (int i = 0; i < 4; ++i) {
      out += fmt::format("  {:<15} {:>12} {:>8}\n", names[i], c.rov[static_cast<std::size_t>(i)],
                         share(c.rov[static_cast<std::size_t>(i)], t));
    }
    if (opt.aspa) {
      const char* an[3] = {"aspa-valid", "aspa-invalid", "aspa-unknown"};
      for (int i = 0; i < 3; ++i) {
        out += fmt::format("  {:<15} {:>12} {:>8}\n", an[i], c.aspa[static_cast<std::size_t>(i)],
                           share(c.aspa[static_cast<std::size_t>(i)], t));
      }
    }
  };
  block("all", s.all);
  block("IPv4", s.v4);
  block("IPv6", s.v6);
  if (!s.peers.empty()) {
    std::vector<std::pair<PeerKey, Counts>> peers(s.peers.begin(), s.peers.end());
    // Most routes first: the full-feed peers lead.
    std::sort(peers.begin(), peers.end(), [](const auto& a, const auto& b) {
      const auto ta = a.second.total();
      const auto tb = b.second.total();
      return ta != tb ? ta > tb
                      : std::tie(a.first.asn, a.first.ip) < std::tie(b.first.asn, b.first.ip);
    });
    out += fmt::format("{:<40} {:>10} {:>10} {:>10} {:>10} {:>10} {:>8}\n", "peer", "asn", "routes",
                       "valid", "invalid", "not-found", "invalid%");
    for (const auto& [k, c] : peers) {
      const auto inv = c.rov[1] + c.rov[2];
      out += fmt::format("{:<40} {:>10} {:>10} {:>10} {:>10} {:>10} {:>8}\n", k.ip.to_string(),
                         k.asn, c.total(), c.rov[0], inv, c.rov[3], share(inv, c.total()));
    }
  }
  if (s.text_lines_rejected != 0) {
    out += fmt::format("rejected text lines: {}\n", s.text_lines_rejected);
  }
  return out;
}

std::string counts_json(const Counts& c, bool aspa) {
  std::string out = fmt::format(
      "{{\"routes\":{},\"valid\":{},\"invalid\":{},\"invalid_asn\":{},\"invalid_length\":{},"
      "\"not_found\":{}",
      c.total(), c.rov[0], c.rov[1] + c.rov[2], c.rov[1], c.rov[2], c.rov[3]);
  if (aspa) {
    out += fmt::format(",\"aspa\":{{\"valid\":{},\"invalid\":{},\"unknown\":{}}}", c.aspa[0],
                       c.aspa[1], c.aspa[2]);
  }
  out += '}';
  return out;
}

std::string summary_json(const RovOptions& opt, Summary& s, const rpki::VrpSet& set) {
  std::string out = fmt::format("{{\"vrps\":{},\"vrps_ipv4\":{},\"vrps_ipv6\":{},\"aspas\":{},",
                                set.vrps.size(), set.v4_count(), set.v6_count(), set.aspas.size());
  out += "\"all\":" + counts_json(s.all, opt.aspa);
  out += ",\"ipv4\":" + counts_json(s.v4, opt.aspa);
  out += ",\"ipv6\":" + counts_json(s.v6, opt.aspa);
  out += ",\"peers\":[";
  std::vector<std::pair<PeerKey, Counts>> peers(s.peers.begin(), s.peers.end());
  std::sort(peers.begin(), peers.end(), [](const auto& a, const auto& b) {
    return std::tie(a.first.asn, a.first.ip) < std::tie(b.first.asn, b.first.ip);
  });
  bool first = true;
  for (const auto& [k, c] : peers) {
    out += first ? "" : ",";
    first = false;
    auto cj = counts_json(c, opt.aspa);
    out += fmt::format("{{\"peer_ip\":\"{}\",\"peer_as\":{},", k.ip.to_string(), k.asn);
    out += cj.substr(1);
  }
  out += fmt::format("],\"rejected_text_lines\":{}}}\n", s.text_lines_rejected);
  return out;
}

ExitCode run_rov(const RovOptions& opt) {
  std::size_t rejected = 0;
  auto set = load_vrp_set(opt.vrps, &rejected);
  if (!set) {
    std::fprintf(stderr, "manrs: %s\n", set.error().to_string().c_str());
    return ExitCode::kFailed;
  }
  Validator val(opt, *set);
  ExitCode rc = rejected != 0 ? ExitCode::kDataSkipped : ExitCode::kOk;
  Out out;
  const bool output = !opt.summary_only;
  core::InputOptions io;
  io.threads = opt.threads;
  for (const auto& input : opt.inputs) {
    auto src = core::open_input(input, io);
    if (!src) {
      std::fprintf(stderr, "manrs: %s\n", src.error().to_string().c_str());
      rc = ExitCode::kFailed;
      continue;
    }
    auto head = read_head(**src, 4096);
    if (!head) {
      std::fprintf(stderr, "manrs: %s\n", head.error().to_string().c_str());
      rc = ExitCode::kFailed;
      continue;
    }
    const bool text = looks_like_text(*head);
    auto peeked = std::make_unique<PeekedSource>(std::move(*head), std::move(*src));
    ExitCode r = text ? run_text(opt, val, *peeked, out, output)
                      : run_mrt(opt, val, std::move(peeked), input, out, output);
    if (static_cast<int>(r) > static_cast<int>(rc)) {
      rc = r;
    }
  }
  out.flush();
  std::fflush(stdout);
  const std::string text =
      opt.json ? summary_json(opt, val.summary(), *set) : summary_text(opt, val.summary(), *set);
  if (opt.summary_only) {
    std::fwrite(text.data(), 1, text.size(), stdout);
  } else if (opt.json || !opt.vrps.quiet) {
    std::fwrite(text.data(), 1, text.size(), stderr);
  }
  return rc;
}

}  // namespace

void add_vrp_options(CLI::App* cmd, VrpLoadOptions& v, bool required) {
  // One value per option (--vrps A --vrps B) so that positionals after it stay positionals.
  auto* o = cmd->add_option("--vrps", v.files,
                            "VRP/ASPA file(s): rpki-client or Routinator JSON/CSV, ROA lists, "
                            "BIRD or OpenBGPD roa-sets (detected by content); repeat to merge")
                ->allow_extra_args(false);
  if (required) {
    o->required();
  }
  cmd->add_option("--slurm", v.slurm, "RFC 8416 SLURM file(s) applied to the VRPs (repeat)")
      ->allow_extra_args(false);
  cmd->add_option("--vrp-format", v.format, "force the VRP input format (default: auto)");
  cmd->add_flag("--strict", v.strict, "fail on any invalid VRP entry instead of skipping it");
}

void register_rov(CLI::App& app, ExitCode& rc) {
  auto opt = std::make_shared<RovOptions>();
  auto* cmd = app.add_subcommand(
      "rov",
      "validate route origins (RFC 6811) and, with --aspa, AS paths (ASPA) of MRT or text "
      "routes against a VRP set");
  add_vrp_options(cmd, opt->vrps, true);
  cmd->add_option("inputs", opt->inputs,
                  "MRT files (any compression) or text lines 'prefix origin' / 'prefix as-path' "
                  "(- = stdin)")
      ->required();
  cmd->add_option(
         "-f,--format", opt->format,
         "bgpdump: the input's bgpdump -m line (or 'prefix|path|') + state + '|'; jsonl: "
         "one JSON object per route; pairs: 'prefix<TAB>origin<TAB>valid|invalid|notfound'")
      ->check(CLI::IsMember({"bgpdump", "jsonl", "pairs"}));
  cmd->add_option("--only", opt->only, "print only routes in this ROV state (repeat for more)")
      ->allow_extra_args(false)
      ->check(CLI::IsMember({"valid", "invalid", "invalid-asn", "invalid-length", "not-found"}));
  cmd->add_flag("--aspa", opt->aspa, "also verify AS paths with the ASPAs of the VRP input");
  cmd->add_option("--aspa-procedure", opt->procedure,
                  "downstream (routes from providers, and route-collector full feeds; default) or "
                  "upstream (routes from customers and peers)")
      ->check(CLI::IsMember({"downstream", "upstream"}));
  cmd->add_option("--only-aspa", opt->only_aspa, "print only routes in this ASPA state (repeat)")
      ->allow_extra_args(false)
      ->check(CLI::IsMember({"valid", "invalid", "unknown"}));
  cmd->add_flag("--summary", opt->summary_only, "print only the summary (on stdout)");
  cmd->add_flag("--json", opt->json, "summary as JSON");
  cmd->add_flag("--explain", opt->explain, "jsonl: list the covering VRPs of each route");
  cmd->add_flag("-q,--quiet", opt->vrps.quiet, "no summary or problems on stderr");
  cmd->add_option("-j,--jobs", opt->jobs, "MRT record decoding threads (0 = one per core)");
  cmd->add_option("--threads", opt->threads, "bzip2 decompression threads (0 = all cores)");
  cmd->callback([opt, &rc] { rc = run_rov(*opt); });
}

}  // namespace manrs::app
