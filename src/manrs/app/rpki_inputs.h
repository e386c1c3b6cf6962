// app/rpki_inputs.h — shared by the RPKI commands: load VRP files + SLURM into one set, and
// sniff whether an input is MRT or text lines.
#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "manrs/core/input.h"
#include "manrs/core/result.h"
#include "manrs/rpki/vrp.h"

namespace manrs::app {

struct VrpLoadOptions {
  std::vector<std::string> files;
  std::vector<std::string> slurm;
  std::string format = "auto";
  bool strict = false;
  bool quiet = false;
};

// Reads every file (merged), then applies the merged SLURM files. Problems in entries are
// printed on stderr (unless quiet) and counted in `rejected`; an unreadable file is an Error.
[[nodiscard]] Result<rpki::VrpSet> load_vrp_set(const VrpLoadOptions& options,
                                                std::size_t* rejected = nullptr);

// A ByteSource that first replays bytes already read from `inner` (after sniffing).
class PeekedSource : public core::ByteSource {
 public:
  PeekedSource(std::vector<std::byte> head, std::unique_ptr<core::ByteSource> inner)
      : head_(std::move(head)), inner_(std::move(inner)) {}
  Result<std::size_t> read(std::span<std::byte> dst) override;
  [[nodiscard]] std::string_view name() const override { return inner_->name(); }
  [[nodiscard]] std::uint64_t consumed() const override { return inner_->consumed(); }
  [[nodiscard]] std::uint64_t size() const override { return inner_->size(); }
  [[nodiscard]] core::Compression compression() const override { return inner_->compression(); }

 private:
  std::vector<std::byte> head_;
  std::size_t pos_ = 0;
  std::unique_ptr<core::ByteSource> inner_;
};

// Reads up to `max` bytes from the start of `src` (fewer at the end of input).
[[nodiscard]] Result<std::vector<std::byte>> read_head(core::ByteSource& src, std::size_t max);

// True when `head` looks like text lines (printable ASCII and whitespace) rather than MRT.
[[nodiscard]] bool looks_like_text(std::span<const std::byte> head);

}  // namespace manrs::app
