// fuzz_filter_inputs — libFuzzer target for the files `manrs filter` / `manrs batch` read
// (STYLE.md T5). The first byte picks the parser, the rest is the file:
//   0: the previous deployed list (any dialect): every entry read back is well formed
//      (prefix length <= min <= max <= family maximum) and the delta against an empty filter
//      counts exactly the entries read;
//   1: unallocated space (fullbogons text / delegated-extended stats): an error names the
//      source; after finalize() no block contains another and lookups agree with a scan;
//   2: the batch TOML configuration: an error names the source with line:column; a parsed
//      configuration has a target, a file-safe name and at least one session per customer.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "manrs/core/input.h"
#include "manrs/filter/batch.h"
#include "manrs/filter/bogons.h"
#include "manrs/filter/generate.h"

namespace {

void require(bool ok) {
  if (!ok) std::abort();
}

void fuzz_previous(std::string_view text) {
  auto prev = manrs::filter::parse_previous(text, "prev.txt");
  if (!prev) {
    require(prev.error().to_string().find("prev.txt") != std::string::npos);
    return;
  }
  for (const auto* list : {&prev->v4, &prev->v6}) {
    for (const auto& e : *list) {
      const unsigned max = e.prefix.is_v4() ? 32U : 128U;
      require(e.prefix.length() <= e.min_len && e.min_len <= e.max_len && e.max_len <= max);
    }
  }
  manrs::filter::Filter empty;
  const auto d = manrs::filter::compare(empty, *prev);
  require(d.removed == prev->v4.size() + prev->v6.size() && d.added == 0);
}

void fuzz_unallocated(std::string_view text) {
  auto src =
      manrs::core::open_memory(std::as_bytes(std::span(text.data(), text.size())), "bogons.txt");
  require(src.has_value());
  manrs::filter::Unallocated u;
  auto n = u.load(**src);
  if (!n) {
    require(n.error().to_string().find("bogons.txt") != std::string::npos);
    return;
  }
  u.finalize();
  require(u.size() <= *n);
  for (const char* s : {"10.0.0.0/8", "185.0.0.0/16", "2001:db8::/32", "0.0.0.0/0", "::/0"}) {
    auto p = manrs::net::Prefix::parse(s);
    require(p.has_value());
    if (auto c = u.containing(*p)) {
      require(c->contains(*p));
    }
    for (const auto& b : u.inside(*p)) {
      require(p->contains(b) && b.length() > p->length());
    }
  }
}

void fuzz_batch(std::string_view text) {
  auto cfg = manrs::filter::parse_batch_config_text(text, "/nonexistent/batch.toml");
  if (!cfg) {
    require(cfg.error().to_string().find("batch.toml") != std::string::npos);
    return;
  }
  for (const auto& c : cfg->customers) {
    require(!c.target.empty() && !c.name.empty() && !c.sessions.empty());
    require(c.name.find('/') == std::string::npos);
    for (const auto& s : c.sessions) {
      require(!s.router.empty() && s.router.find('/') == std::string::npos && s.router != "..");
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);  // NOLINT
  switch (data[0] % 3) {
    case 0:
      fuzz_previous(text);
      break;
    case 1:
      fuzz_unallocated(text);
      break;
    default:
      fuzz_batch(text);
      break;
  }
  return 0;
}
