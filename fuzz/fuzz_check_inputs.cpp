// fuzz_check_inputs — libFuzzer target for the files `manrs check` reads besides MRT, VRPs and
// RPSL (those have their own targets) (STYLE.md T5). The first byte picks the reader, the rest
// is the file:
//   0: PeeringDB JSON: an error names the source; after finalize() every net is found by its ASN
//      and every poc of a found net belongs to it;
//   1: NRO/RIR delegated stats: an error names the source; every loaded range is found again;
//   2: CAIDA Spoofer results (JSON or CSV): an error names the source; tests() of an ASN only
//      holds that ASN's tests;
//   3: AS names JSON: an error names the source;
//   4: CAIDA as-rel: an error names the source; rel(a, b) and rel(b, a) are mirror images;
//   5: the data-directory classifier: any bytes get a kind and a reason, never a crash.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string>
#include <string_view>

#include "manrs/check/datadir.h"
#include "manrs/core/input.h"
#include "manrs/registry/asnames.h"
#include "manrs/registry/asrel.h"
#include "manrs/registry/delegated.h"
#include "manrs/registry/peeringdb.h"
#include "manrs/registry/spoofer.h"

namespace {

void require(bool ok) {
  if (!ok) std::abort();
}

bool names(const manrs::Error& e, std::string_view source) {
  return e.to_string().find(source) != std::string::npos;
}

void fuzz_peeringdb(std::string_view text) {
  manrs::registry::PeeringDb db;
  auto rep = db.load_text(text, "pdb.json");
  if (!rep) {
    require(names(rep.error(), "pdb.json"));
    return;
  }
  db.finalize();
  for (const auto& n : db.networks()) {
    const auto* found = db.network(n.asn);
    require(found != nullptr && found->asn == n.asn);
    for (const auto* p : db.pocs(found->id)) require(p->net_id == found->id);
  }
}

void fuzz_delegated(std::string_view text) {
  auto src =
      manrs::core::open_memory(std::as_bytes(std::span(text.data(), text.size())), "delegated.txt");
  require(src.has_value());
  manrs::registry::DelegatedStats d;
  auto rep = d.load(**src);
  if (!rep) {
    require(names(rep.error(), "delegated.txt"));
    return;
  }
  d.finalize();
  for (manrs::net::Asn a : {0U, 1U, 3333U, 64496U, 4294967295U}) {
    const auto* r = d.find(a);
    if (r != nullptr) require(r->first <= a && a <= r->last);
  }
}

void fuzz_spoofer(std::string_view text) {
  manrs::registry::SpooferResults s;
  auto rep = s.load_text(text, "spoofer.csv");
  if (!rep) {
    require(names(rep.error(), "spoofer.csv"));
    return;
  }
  s.finalize();
  for (manrs::net::Asn a : {0U, 1U, 3333U, 64496U}) {
    for (const auto& t : s.tests(a)) require(t.asn == a);
  }
}

void fuzz_asnames(std::string_view text) {
  manrs::registry::AsNames n;
  auto rep = n.load_text(text, "names.json");
  if (!rep) require(names(rep.error(), "names.json"));
}

void fuzz_asrel(std::string_view text) {
  auto rel = manrs::registry::AsRelations::parse(text, "as-rel.txt");
  if (!rel) {
    require(names(rel.error(), "as-rel.txt"));
    return;
  }
  using manrs::registry::Rel;
  for (manrs::net::Asn a : {1U, 2U, 3U, 64496U}) {
    for (manrs::net::Asn b : {1U, 2U, 3U, 64497U}) {
      const Rel ab = rel->rel(a, b);
      const Rel ba = rel->rel(b, a);
      if (ab == Rel::kProvider) require(ba == Rel::kCustomer);
      if (ab == Rel::kCustomer) require(ba == Rel::kProvider);
      if (ab == Rel::kPeer) require(ba == Rel::kPeer);
    }
  }
}

void fuzz_classify(std::string_view text) {
  std::string why;
  (void)manrs::check::classify(std::as_bytes(std::span(text.data(), text.size())), "f", &why);
  require(!why.empty());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  switch (data[0] % 6) {
    case 0:
      fuzz_peeringdb(text);
      break;
    case 1:
      fuzz_delegated(text);
      break;
    case 2:
      fuzz_spoofer(text);
      break;
    case 3:
      fuzz_asnames(text);
      break;
    case 4:
      fuzz_asrel(text);
      break;
    default:
      fuzz_classify(text);
      break;
  }
  return 0;
}
