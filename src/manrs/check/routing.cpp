// check/routing.cpp — RoutingAnalysis::run: the streaming MRT pass (files in order of their
// first timestamp, records decoded by mrt::ParallelReader) into a detail::Timeline, then the
// window clip, the (prefix, origin) groups and the queries. Events: routing_events.cpp.
#include "manrs/check/routing.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <limits>
#include <utility>

#include <fmt/format.h>

#include "manrs/bgp/update.h"
#include "manrs/check/internal/routing_data.h"
#include "manrs/core/input.h"
#include "manrs/core/progress.h"
#include "manrs/irr/database.h"
#include "manrs/mrt/parallel_reader.h"
#include "manrs/mrt/reader.h"
#include "manrs/registry/asrel.h"
#include "manrs/rpki/rov.h"

namespace manrs::check {

namespace {

using detail::Group;
using detail::Interval;
using detail::kNoId;
using detail::RoutingData;
using detail::Segment;

constexpr std::size_t kMaxWarnings = 20;
constexpr std::uint16_t kEstablished = 6;  // RFC 6396 §4.4.1 BGP FSM state

struct FileInfo {
  std::string path;
  std::int64_t first = std::numeric_limits<std::int64_t>::max();
  std::uint64_t rib_entries = 0, announcements = 0, withdrawals = 0, records = 0, errors = 0;
  std::int64_t min_ts = std::numeric_limits<std::int64_t>::max();
  std::int64_t max_ts = 0;
};

// The first record's timestamp (files are processed in this order).
Result<std::int64_t> first_timestamp(const std::string& path) {
  MANRS_TRY(auto src, core::open_input(path, core::InputOptions{1}));
  mrt::Reader reader(std::move(src));
  mrt::Record rec;
  for (int tries = 0; tries < 64; ++tries) {
    auto more = reader.next(rec);
    if (!more) {
      if (reader.failed()) break;
      continue;
    }
    if (!*more) break;
    return static_cast<std::int64_t>(rec.header.timestamp);
  }
  return std::numeric_limits<std::int64_t>::max();
}

class Pass {
 public:
  Pass(RoutingData& data, detail::Timeline& timeline, RoutingStats& stats,
       std::vector<std::string>& warnings)
      : data_(data), tl_(timeline), stats_(stats), warnings_(warnings) {}

  Status file(FileInfo& info, unsigned threads, bool progress) {
    MANRS_TRY(auto src, core::open_input(info.path));
    mrt::ParallelReader reader(std::move(src), threads);
    std::optional<core::Progress> bar;
    if (progress) {
      bar.emplace(std::filesystem::path(info.path).filename().string(), reader.size());
    }
    peer_table_ = nullptr;
    peer_map_.clear();
    file_ = &info;
    dump_peers_.clear();
    dump_start_ = 0;
    for (;;) {
      const mrt::Record* rec = nullptr;
      auto more = reader.next(rec);
      if (!more) {
        ++stats_.record_errors;
        ++info.errors;
        if (warnings_.size() < kMaxWarnings) warnings_.push_back(more.error().to_string());
        if (reader.failed()) break;
        continue;
      }
      if (!*more) break;
      ++stats_.records;
      ++info.records;
      record(*rec);
      if (bar) bar->update(reader.consumed(), info.records);
    }
    if (bar) bar->finish();
    // A RIB dump is a complete table of each peer in it: what a peer had before and did not
    // have in the dump was gone. Tolerance: dumps of one peer closer than an hour apart (a v4
    // and a v6 file of the same dump, stamped minutes apart) do not end each other's routes.
    if (dump_start_ != 0) tl_.end_of_dump(dump_peers_, dump_start_, 3600);
    return {};
  }

  std::uint32_t last_rib() const { return last_rib_; }

  void in_dump(std::uint32_t peer, std::uint32_t t) {
    if (dump_start_ == 0 || t < dump_start_) dump_start_ = t;
    if (peer >= dump_peers_.size()) dump_peers_.resize(peer + 1, false);
    dump_peers_[peer] = true;
  }

 private:
  void seen(std::uint32_t t) {
    const auto ts = static_cast<std::int64_t>(t);
    file_->min_ts = std::min(file_->min_ts, ts);
    file_->max_ts = std::max(file_->max_ts, ts);
    if (stats_.data_start == 0 || ts < stats_.data_start) stats_.data_start = ts;
    stats_.data_end = std::max(stats_.data_end, ts);
  }

  std::uint32_t rib_peer(const mrt::PeerIndexTable* table, std::uint16_t index) {
    if (table != peer_table_ || table->peers.size() != peer_map_.size()) {
      peer_table_ = table;
      peer_map_.clear();
      for (const mrt::Peer& p : table->peers) peer_map_.push_back(tl_.peer(p.address, p.asn));
    }
    return index < peer_map_.size() ? peer_map_[index] : kNoId;
  }

  void record(const mrt::Record& rec) {
    const std::uint32_t t = rec.header.timestamp;
    switch (rec.kind) {
      case mrt::RecordKind::kRib: {
        const mrt::Rib& rib = rec.rib;
        if (rib.safi != bgp::kSafiUnicast || rec.peers == nullptr) return;
        seen(t);
        last_rib_ = std::max(last_rib_, t);
        const std::uint32_t prefix = data_.prefixes.intern(rib.prefix);
        for (std::size_t i = 0; i < rib.count; ++i) {
          const mrt::RibEntry& e = rib.entries[i];
          if (e.attrs.action >= bgp::ErrorAction::kTreatAsWithdraw) continue;
          const std::uint32_t peer = rib_peer(rec.peers, e.peer_index);
          if (peer == kNoId) continue;
          ++stats_.rib_entries;
          ++file_->rib_entries;
          tl_.heard(peer, t, true);
          in_dump(peer, t);
          tl_.announce(peer, prefix, data_.paths.intern(e.attrs.as_path), t);
        }
        return;
      }
      case mrt::RecordKind::kTableDump: {
        seen(t);
        last_rib_ = std::max(last_rib_, t);
        const mrt::TableDump& td = rec.table_dump;
        for (std::size_t i = 0; i < td.count; ++i) {
          const mrt::TableDumpEntry& e = td.entries[i];
          if (e.attrs.action >= bgp::ErrorAction::kTreatAsWithdraw) continue;
          ++stats_.rib_entries;
          ++file_->rib_entries;
          const std::uint32_t peer = tl_.peer(e.peer_ip, e.peer_as);
          tl_.heard(peer, t, true);
          in_dump(peer, t);
          tl_.announce(peer, data_.prefixes.intern(e.prefix), data_.paths.intern(e.attrs.as_path),
                       t);
        }
        return;
      }
      case mrt::RecordKind::kBgp4mpMessage: {
        const mrt::Bgp4mp& m = rec.bgp4mp;
        if (m.local) return;
        seen(t);
        const std::uint32_t peer = tl_.peer(m.peer_ip, m.peer_as);
        tl_.heard(peer, t, false);  // keepalives too: the session was up
        if (m.message_type != static_cast<std::uint8_t>(bgp::MessageType::kUpdate)) return;
        const bgp::Update& u = m.update;
        const bgp::PathAttributes& a = u.attrs;
        for (const bgp::NlriPrefix& p : u.withdrawn) withdraw(peer, p.prefix, t);
        if (a.mp_unreach.present && a.mp_unreach.safi == bgp::kSafiUnicast) {
          for (const bgp::NlriPrefix& p : a.mp_unreach.withdrawn) withdraw(peer, p.prefix, t);
        }
        const bool treat_as_withdraw = a.action >= bgp::ErrorAction::kTreatAsWithdraw;
        const bool mp = a.mp_reach.present && a.mp_reach.safi == bgp::kSafiUnicast;
        if (u.nlri.empty() && !(mp && !a.mp_reach.nlri.empty())) return;
        const std::uint32_t path = treat_as_withdraw ? kNoId : data_.paths.intern(a.as_path);
        auto one = [&](const net::Prefix& p) {
          if (treat_as_withdraw) {
            withdraw(peer, p, t);
            return;
          }
          ++stats_.announcements;
          ++file_->announcements;
          tl_.announce(peer, data_.prefixes.intern(p), path, t);
        };
        for (const bgp::NlriPrefix& p : u.nlri) one(p.prefix);
        if (mp) {
          for (const bgp::NlriPrefix& p : a.mp_reach.nlri) one(p.prefix);
        }
        return;
      }
      case mrt::RecordKind::kBgp4mpState: {
        const mrt::Bgp4mp& m = rec.bgp4mp;
        seen(t);
        const std::uint32_t peer = tl_.peer(m.peer_ip, m.peer_as);
        tl_.heard(peer, t, false);
        if (m.old_state == kEstablished && m.new_state != kEstablished) tl_.peer_down(peer, t);
        return;
      }
      default:
        return;
    }
  }

  void withdraw(std::uint32_t peer, const net::Prefix& p, std::uint32_t t) {
    ++stats_.withdrawals;
    ++file_->withdrawals;
    tl_.withdraw(peer, data_.prefixes.intern(p), t);
  }

  RoutingData& data_;
  detail::Timeline& tl_;
  RoutingStats& stats_;
  std::vector<std::string>& warnings_;
  FileInfo* file_ = nullptr;
  const mrt::PeerIndexTable* peer_table_ = nullptr;
  std::vector<std::uint32_t> peer_map_;
  std::uint32_t last_rib_ = 0;
  std::vector<bool> dump_peers_;  // peers with entries in the current file's RIB dump
  std::uint32_t dump_start_ = 0;  // its first timestamp (0: the file has no RIB entries)
};

std::uint32_t clamp32(std::int64_t v) {
  return static_cast<std::uint32_t>(std::clamp<std::int64_t>(v, 0, 0xffffffffLL));
}

class Analysis final : public RoutingAnalysis {
 public:
  const TimeWindow& window() const override { return data_.window; }
  const RoutingStats& stats() const override { return stats_; }
  std::vector<net::Asn> universe(unsigned min_peers) const override {
    std::vector<net::Asn> out;
    for (const auto& [asn, peers] : origin_peers_) {
      if (peers >= min_peers) out.push_back(asn);
    }
    return out;
  }
  std::vector<net::Asn> ases() const override {
    std::vector<net::Asn> out;
    out.reserve(origin_peers_.size());
    for (const auto& op : origin_peers_) out.push_back(op.first);
    for (const Event& e : events_) {
      if (out.empty() || out.back() != e.asn) out.push_back(e.asn);
    }
    std::ranges::sort(out);
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }
  std::vector<Event> events(net::Asn asn) const override {
    auto lo = std::ranges::lower_bound(events_, asn, {}, &Event::asn);
    auto hi = std::ranges::upper_bound(events_, asn, {}, &Event::asn);
    return {lo, hi};
  }
  RoutingInfo routing_info(net::Asn asn) const override;
  const registry::AsRelations& relations() const override { return *data_.relations; }
  std::string relationships_note() const override { return inferred_ ? own_rel_.note() : ""; }
  std::vector<net::Asn> customers(net::Asn asn) const override {
    return data_.relations->customers(asn);
  }
  std::vector<Input> inputs() const override { return inputs_; }
  std::vector<std::string> warnings() const override { return warnings_; }

  Status build(const RoutingInputs& in, const std::optional<TimeWindow>& window,
               const Config& config);

 private:
  void clip_and_group();

  RoutingData data_;
  RoutingStats stats_;
  RoutingInputs in_;
  registry::AsRelations own_rel_;
  bool inferred_ = false;
  std::vector<std::pair<net::Asn, std::uint32_t>> origin_peers_;  // sorted by ASN
  std::vector<std::uint32_t> by_origin_;                          // group indices
  std::vector<Event> events_;                                     // sorted by (asn, metric, start)
  std::vector<Input> inputs_;
  std::vector<std::string> warnings_;
};

Status Analysis::build(const RoutingInputs& in, const std::optional<TimeWindow>& window,
                       const Config& config) {
  const auto t0 = std::chrono::steady_clock::now();
  in_ = in;
  std::vector<FileInfo> files;
  for (const std::string& path : in.mrt_files) {
    MANRS_TRY(const std::int64_t first, first_timestamp(path));
    FileInfo f;
    f.path = path;
    f.first = first;
    files.push_back(std::move(f));
  }
  std::ranges::stable_sort(files,
                           [](const FileInfo& a, const FileInfo& b) { return a.first < b.first; });

  detail::Timeline timeline;
  if (window) timeline.set_keep(clamp32(window->start), clamp32(window->end));
  Pass pass(data_, timeline, stats_, warnings_);
  for (FileInfo& f : files) {
    MANRS_TRY_VOID(pass.file(f, in.threads, in.progress));
    ++stats_.files;
  }
  // A route still announced at the end lasts until the end of the stretch of data that holds
  // its peer's last activity, or snapshot_duration after the peer's last RIB dump when later
  // (Timeline::finish). Stretches: the files' time ranges, merged where they overlap or lie
  // less than snapshot_duration apart.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> spans;
  for (const FileInfo& f : files) {
    if (f.min_ts > f.max_ts) continue;  // no timed record
    spans.emplace_back(clamp32(f.min_ts), clamp32(f.max_ts));
  }
  std::ranges::sort(spans);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> merged;
  for (const auto& sp : spans) {
    if (!merged.empty() &&
        std::int64_t{sp.first} <= std::int64_t{merged.back().second} + config.snapshot_duration) {
      merged.back().second = std::max(merged.back().second, sp.second);
    } else {
      merged.push_back(sp);
    }
  }
  std::int64_t end = stats_.data_end;
  if (pass.last_rib() != 0) {
    end = std::max(end, std::int64_t{pass.last_rib()} + config.snapshot_duration);
  }
  timeline.finish(config.snapshot_duration, clamp32(end), merged);
  data_.segments = std::move(timeline.segments());
  data_.window = window ? *window : month_of(stats_.data_end);

  for (const FileInfo& f : files) {
    Input i;
    i.kind = f.rib_entries > 0 ? "mrt-rib" : "mrt-updates";
    i.path = f.path;
    if (f.records == 0) {
      i.summary = "no records";
    } else {
      i.summary = fmt::format(
          "{} records: {} RIB entries, {} announcements, {} withdrawals, {} "
          "damaged; {} to {}",
          f.records, f.rib_entries, f.announcements, f.withdrawals, f.errors, format_time(f.min_ts),
          format_time(f.max_ts));
    }
    inputs_.push_back(std::move(i));
  }

  // Relationships: given, or Gao's inference over every distinct path.
  if (in.relations != nullptr) {
    data_.relations = in.relations;
  } else {
    registry::GaoInference gao;
    std::vector<net::Asn> seq;
    for (std::uint32_t id = 0; id < data_.paths.size(); ++id) {
      data_.paths.sequence(id, seq);
      gao.add_path(seq);
    }
    own_rel_ = gao.infer();
    data_.relations = &own_rel_;
    inferred_ = true;
  }

  clip_and_group();
  std::vector<std::string> notes;
  events_ = detail::detect_events(data_, in, config, notes);
  for (std::string& n : notes) warnings_.push_back(std::move(n));
  stats_.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return {};
}

void Analysis::clip_and_group() {
  const std::int64_t ws = data_.window.start;
  const std::int64_t we = data_.window.end;
  std::vector<Segment>& segs = data_.segments;
  std::size_t kept = 0;
  for (const Segment& s : segs) {
    const std::int64_t st = s.start;
    const std::int64_t en = s.end;
    // In the window: starts before its end and ends after its start (a zero-length sighting
    // inside it counts).
    if (st >= we || en < ws || (en == ws && st < en)) continue;
    Segment c = s;
    c.start = clamp32(std::max(st, ws));
    c.end = clamp32(std::min(en, we));
    segs[kept++] = c;
  }
  segs.resize(kept);
  stats_.segments = kept;

  // Prefix order.
  const std::size_t np = data_.prefixes.size();
  data_.by_rank.resize(np);
  for (std::uint32_t i = 0; i < np; ++i) data_.by_rank[i] = i;
  std::ranges::sort(data_.by_rank, [&](std::uint32_t a, std::uint32_t b) {
    return data_.prefixes.prefix(a) < data_.prefixes.prefix(b);
  });
  data_.rank.assign(np, 0);
  for (std::uint32_t r = 0; r < np; ++r) data_.rank[data_.by_rank[r]] = r;

  // Sort: origin segments by (rank, origin, start), then the others by rank.
  struct Key {
    std::uint64_t k;  // rank << 32 | origin
    std::uint32_t start;
    std::uint32_t idx;
  };
  std::vector<Key> with;
  std::vector<Key> without;
  with.reserve(segs.size());
  for (std::uint32_t i = 0; i < segs.size(); ++i) {
    const Segment& s = segs[i];
    const auto o = data_.paths.origin(s.path);
    const std::uint64_t r = data_.rank[s.prefix];
    (o ? with : without).push_back({(r << 32) | (o ? *o : 0U), s.start, i});
  }
  auto less = [](const Key& a, const Key& b) { return a.k != b.k ? a.k < b.k : a.start < b.start; };
  std::ranges::sort(with, less);
  std::ranges::sort(without, less);
  std::vector<Segment> sorted;
  sorted.reserve(segs.size());
  for (const Key& k : with) sorted.push_back(segs[k.idx]);
  for (const Key& k : without) sorted.push_back(segs[k.idx]);
  data_.origin_segments = with.size();
  segs = std::move(sorted);
  segs.shrink_to_fit();

  // Groups with the union of their intervals and their distinct peers.
  std::vector<std::uint32_t> peers;
  std::vector<std::pair<net::Asn, std::uint32_t>> origin_peer;
  std::size_t i = 0;
  while (i < data_.origin_segments) {
    const std::uint64_t k = with[i].k;
    std::size_t j = i;
    while (j < data_.origin_segments && with[j].k == k) ++j;
    Group g;
    g.prefix = segs[i].prefix;
    g.origin = static_cast<net::Asn>(k & 0xffffffffU);
    g.seg_begin = static_cast<std::uint32_t>(i);
    g.seg_end = static_cast<std::uint32_t>(j);
    g.iv_begin = static_cast<std::uint32_t>(data_.unions.size());
    peers.clear();
    for (std::size_t s = i; s < j; ++s) {
      const Segment& seg = segs[s];
      peers.push_back(seg.peer);
      origin_peer.emplace_back(g.origin, seg.peer);
      if (data_.unions.size() > g.iv_begin && seg.start <= data_.unions.back().end) {
        data_.unions.back().end = std::max<std::int64_t>(data_.unions.back().end, seg.end);
      } else {
        data_.unions.push_back({seg.start, seg.end});
      }
    }
    g.iv_end = static_cast<std::uint32_t>(data_.unions.size());
    std::ranges::sort(peers);
    g.peers = static_cast<std::uint32_t>(std::unique(peers.begin(), peers.end()) - peers.begin());
    data_.groups.push_back(g);
    i = j;
  }
  std::ranges::sort(origin_peer);
  origin_peer.erase(std::unique(origin_peer.begin(), origin_peer.end()), origin_peer.end());
  for (const auto& op : origin_peer) {
    if (origin_peers_.empty() || origin_peers_.back().first != op.first) {
      origin_peers_.emplace_back(op.first, 0);
    }
    ++origin_peers_.back().second;
  }
  stats_.origins = origin_peers_.size();
  std::vector<std::uint8_t> seen(np, 0);
  for (const Segment& s : segs) seen[s.prefix] = 1;
  stats_.prefixes = static_cast<std::uint64_t>(std::ranges::count(seen, 1));

  by_origin_.resize(data_.groups.size());
  for (std::uint32_t g = 0; g < by_origin_.size(); ++g) by_origin_[g] = g;
  std::ranges::stable_sort(by_origin_, [&](std::uint32_t a, std::uint32_t b) {
    return data_.groups[a].origin < data_.groups[b].origin;
  });
}

RoutingInfo Analysis::routing_info(net::Asn asn) const {
  RoutingInfo info;
  info.have_irr = in_.irr != nullptr;
  info.have_rpki = in_.rov != nullptr;
  auto lo = std::ranges::lower_bound(by_origin_, asn, {},
                                     [&](std::uint32_t g) { return data_.groups[g].origin; });
  for (auto it = lo; it != by_origin_.end() && data_.groups[*it].origin == asn; ++it) {
    const Group& g = data_.groups[*it];
    AnnouncedRoute r;
    r.prefix = data_.prefixes.prefix(g.prefix);
    const auto iv = data_.intervals(g);
    r.first_seen = iv.front().start;
    r.last_seen = iv.back().end;
    r.peers = g.peers;
    if (in_.rov != nullptr) {
      r.rov = in_.rov->validate(r.prefix, asn);
      r.rov_detail = detail::covering_vrps(*in_.rov, r.prefix);
      if (r.rov == rpki::RovState::kValid) {
        ++info.rpki_valid;
      } else if (rpki::is_invalid(r.rov)) {
        ++info.rpki_invalid;
      } else {
        ++info.rpki_not_found;
      }
    }
    if (in_.irr != nullptr) {
      r.irr = detail::irr_coverage(*in_.irr, r.prefix, asn, &r.irr_detail);
      if (r.irr == IrrCoverage::kExact || r.irr == IrrCoverage::kLessSpecific) ++info.irr_covered;
    }
    info.routes.push_back(std::move(r));
  }
  return info;
}

}  // namespace

namespace detail {

std::string covering_vrps(const rpki::RovTable& rov, const net::Prefix& prefix, std::size_t max) {
  std::string out;
  const std::vector<rpki::Vrp> vrps = rov.covering(prefix);
  for (std::size_t i = 0; i < vrps.size() && i < max; ++i) {
    if (!out.empty()) out += ", ";
    out += fmt::format("AS{} {}-{}", vrps[i].asn, vrps[i].prefix.to_string(), vrps[i].max_length);
  }
  if (vrps.size() > max) out += fmt::format(" (+{} more)", vrps.size() - max);
  return out;
}

IrrCoverage irr_coverage(const irr::Database& db, const net::Prefix& prefix, net::Asn origin,
                         std::string* detail) {
  bool exact = false;
  bool less = false;
  const irr::RouteEntry* match = nullptr;
  irr::RouteEntry match_copy;
  std::vector<net::Asn> others;
  db.routes_by_prefix(prefix, irr::PrefixMatch::kAllLess, irr::QueryScope{},
                      [&](const irr::RouteEntry& e) {
                        if (e.origin == origin) {
                          const bool is_exact = e.prefix == prefix;
                          if (is_exact && !exact) {
                            exact = true;
                            match_copy = e;
                            match = &match_copy;
                          } else if (!exact && !less) {
                            less = true;
                            match_copy = e;
                            match = &match_copy;
                          }
                        } else {
                          others.push_back(e.origin);
                        }
                      });
  if (match != nullptr) {
    if (detail != nullptr) {
      *detail =
          fmt::format("{} {} AS{} ({})", match->prefix.is_v4() ? "route" : "route6",
                      match->prefix.to_string(), match->origin, db.source_name(match->source));
    }
    return exact ? IrrCoverage::kExact : IrrCoverage::kLessSpecific;
  }
  if (others.empty()) {
    if (detail != nullptr) detail->clear();
    return IrrCoverage::kNone;
  }
  std::ranges::sort(others);
  others.erase(std::unique(others.begin(), others.end()), others.end());
  if (detail != nullptr) {
    std::string list;
    for (std::size_t i = 0; i < others.size() && i < 3; ++i) {
      list += fmt::format("{}AS{}", i == 0 ? "" : ", ", others[i]);
    }
    if (others.size() > 3) list += fmt::format(" (+{} more)", others.size() - 3);
    *detail =
        fmt::format("route objects cover {} with other origins: {}", prefix.to_string(), list);
  }
  return IrrCoverage::kOtherOrigin;
}

void intersect(std::span<const Interval> a, std::span<const Interval> b,
               std::vector<Interval>& out) {
  out.clear();
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < a.size() && j < b.size()) {
    const std::int64_t s = std::max(a[i].start, b[j].start);
    const std::int64_t e = std::min(a[i].end, b[j].end);
    if (s < e) out.push_back({s, e});
    if (a[i].end < b[j].end) {
      ++i;
    } else {
      ++j;
    }
  }
}

}  // namespace detail

Result<std::unique_ptr<RoutingAnalysis>> RoutingAnalysis::run(
    const RoutingInputs& inputs, const std::optional<TimeWindow>& window, const Config& config) {
  auto a = std::make_unique<Analysis>();
  MANRS_TRY_VOID(a->build(inputs, window, config));
  return std::unique_ptr<RoutingAnalysis>(std::move(a));
}

}  // namespace manrs::check
