// app/rpki_inputs.cpp — VRP + SLURM loading and input sniffing for the RPKI commands.
#include "manrs/app/rpki_inputs.h"

#include <algorithm>
#include <cstdio>
#include <cstring>

#include <fmt/format.h>

#include "manrs/rpki/reader.h"
#include "manrs/rpki/slurm.h"

namespace manrs::app {

Result<rpki::VrpSet> load_vrp_set(const VrpLoadOptions& options, std::size_t* rejected) {
  rpki::ReadOptions ro;
  MANRS_TRY(ro.format, rpki::parse_format(options.format));
  ro.strict = options.strict;
  rpki::VrpSet set;
  std::size_t bad = 0;
  for (const auto& file : options.files) {
    rpki::ReadReport report;
    MANRS_TRY(auto part, rpki::read_vrps(file, ro, &report));
    bad += report.rejected;
    if (!options.quiet) {
      for (const auto& p : report.problems) {
        std::fprintf(stderr, "manrs: %s\n", p.to_string().c_str());
      }
      if (report.rejected > report.problems.size()) {
        std::fprintf(stderr, "manrs: %s: %zu more rejected entries not shown\n", file.c_str(),
                     report.rejected - report.problems.size());
      }
    }
    if (options.files.size() == 1) {
      set = std::move(part);
    } else {
      set.merge(part);
    }
  }
  if (options.files.size() > 1) {
    set.normalize();
  }
  if (!options.slurm.empty()) {
    std::vector<rpki::Slurm> parts;
    for (const auto& file : options.slurm) {
      MANRS_TRY(auto s, rpki::read_slurm(file));
      parts.push_back(std::move(s));
    }
    MANRS_TRY(auto merged, rpki::merge_slurm(std::move(parts)));
    (void)rpki::apply_slurm(merged, set);
  }
  if (rejected != nullptr) {
    *rejected = bad;
  }
  return set;
}

Result<std::size_t> PeekedSource::read(std::span<std::byte> dst) {
  if (pos_ < head_.size()) {
    const std::size_t n = std::min(dst.size(), head_.size() - pos_);
    std::memcpy(dst.data(), head_.data() + pos_, n);
    pos_ += n;
    if (pos_ == head_.size()) {
      head_.clear();
      head_.shrink_to_fit();
      pos_ = 0;
    }
    return n;
  }
  return inner_->read(dst);
}

Result<std::vector<std::byte>> read_head(core::ByteSource& src, std::size_t max) {
  std::vector<std::byte> head(max);
  std::size_t have = 0;
  while (have < max) {
    MANRS_TRY(auto n, src.read(std::span<std::byte>(head.data() + have, max - have)));
    if (n == 0) {
      break;
    }
    have += n;
  }
  head.resize(have);
  return head;
}

bool looks_like_text(std::span<const std::byte> head) {
  if (head.empty()) {
    return true;  // nothing to read either way; text handles it quietly
  }
  const std::size_t n = std::min<std::size_t>(head.size(), 4096);
  for (std::size_t i = 0; i < n; ++i) {
    const auto c = static_cast<unsigned char>(head[i]);
    if (c == '\n' || c == '\r' || c == '\t' || (c >= 0x20 && c < 0x7f)) {
      continue;
    }
    return false;
  }
  return true;
}

}  // namespace manrs::app
