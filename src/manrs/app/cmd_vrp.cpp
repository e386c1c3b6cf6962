// `manrs vrp convert|diff|lookup`: VRP/ASPA sets between formats, what changed between two sets,
// and which VRPs cover a prefix with the verdict for an origin and why.
#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "manrs/app/commands.h"
#include "manrs/app/rpki_inputs.h"
#include "manrs/rpki/rov.h"
#include "manrs/rpki/writer.h"

namespace manrs::app {

void add_vrp_options(CLI::App* cmd, VrpLoadOptions& v, bool required);

namespace {

struct VrpOptions {
  VrpLoadOptions load;
  std::string to = "json";
  std::string output = "-";
  std::string old_file;
  std::string new_file;
  std::string prefix;
  std::string asn;
  bool json = false;
};

Status write_out(const std::string& path, const std::string& data) {
  if (path == "-") {
    std::fwrite(data.data(), 1, data.size(), stdout);
    std::fflush(stdout);
    return {};
  }
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) {
    return make_error(ErrorCode::kIo, "open for writing failed", path);
  }
  const bool ok = std::fwrite(data.data(), 1, data.size(), f) == data.size();
  if (std::fclose(f) != 0 || !ok) {
    return make_error(ErrorCode::kIo, "write failed", path);
  }
  return {};
}

ExitCode fail(const Error& e) {
  std::fprintf(stderr, "manrs: %s\n", e.to_string().c_str());
  return ExitCode::kFailed;
}

ExitCode run_convert(const VrpOptions& opt) {
  auto format = rpki::parse_output_format(opt.to);
  if (!format) {
    return fail(format.error());
  }
  std::size_t rejected = 0;
  auto set = load_vrp_set(opt.load, &rejected);
  if (!set) {
    return fail(set.error());
  }
  std::string out;
  out.reserve(set->vrps.size() * 48 + 4096);
  rpki::write_vrps(*set, *format, out);
  if (auto st = write_out(opt.output, out); !st) {
    return fail(st.error());
  }
  if (!opt.load.quiet) {
    std::fprintf(stderr, "manrs: %zu VRPs (%zu IPv4, %zu IPv6), %zu ASPAs, %zu router keys\n",
                 set->vrps.size(), set->v4_count(), set->v6_count(), set->aspas.size(),
                 set->router_keys.size());
  }
  return rejected != 0 ? ExitCode::kDataSkipped : ExitCode::kOk;
}

std::string vrp_text(const rpki::Vrp& v) {
  return fmt::format("{} {} AS{}", v.prefix.to_string(), v.max_length, v.asn);
}

std::string aspa_text(const rpki::Aspa& a) {
  std::string s = fmt::format("AS{} ->", a.customer);
  for (auto p : a.providers) {
    s += fmt::format(" AS{}", p);
  }
  return s;
}

ExitCode run_diff(const VrpOptions& opt) {
  VrpLoadOptions lo = opt.load;
  lo.files = {opt.old_file};
  auto old_set = load_vrp_set(lo);
  if (!old_set) {
    return fail(old_set.error());
  }
  lo.files = {opt.new_file};
  auto new_set = load_vrp_set(lo);
  if (!new_set) {
    return fail(new_set.error());
  }
  std::vector<rpki::Vrp> added;
  std::vector<rpki::Vrp> removed;
  std::set_difference(new_set->vrps.begin(), new_set->vrps.end(), old_set->vrps.begin(),
                      old_set->vrps.end(), std::back_inserter(added));
  std::set_difference(old_set->vrps.begin(), old_set->vrps.end(), new_set->vrps.begin(),
                      new_set->vrps.end(), std::back_inserter(removed));
  // ASPAs: sorted by customer in both (normalized); a changed provider set is -old +new.
  std::vector<const rpki::Aspa*> aspa_added;
  std::vector<const rpki::Aspa*> aspa_removed;
  const auto& oa = old_set->aspas;
  const auto& na = new_set->aspas;
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < oa.size() || j < na.size()) {
    if (j == na.size() || (i < oa.size() && oa[i].customer < na[j].customer)) {
      aspa_removed.push_back(&oa[i++]);
    } else if (i == oa.size() || na[j].customer < oa[i].customer) {
      aspa_added.push_back(&na[j++]);
    } else {
      if (!(oa[i] == na[j])) {
        aspa_removed.push_back(&oa[i]);
        aspa_added.push_back(&na[j]);
      }
      ++i;
      ++j;
    }
  }
  std::string out;
  if (opt.json) {
    auto vrp_json = [](const rpki::Vrp& v) {
      return fmt::format("{{\"prefix\":\"{}\",\"maxLength\":{},\"asn\":{}}}", v.prefix.to_string(),
                         v.max_length, v.asn);
    };
    auto aspa_json = [](const rpki::Aspa* a) {
      std::string s = fmt::format("{{\"customer_asid\":{},\"providers\":[", a->customer);
      for (std::size_t k = 0; k < a->providers.size(); ++k) {
        s += fmt::format("{}{}", k ? "," : "", a->providers[k]);
      }
      return s + "]}";
    };
    auto list = [](const auto& xs, auto&& f) {
      std::string s = "[";
      for (std::size_t k = 0; k < xs.size(); ++k) {
        s += (k ? "," : "") + f(xs[k]);
      }
      return s + "]";
    };
    out = fmt::format(
        "{{\"vrps\":{{\"added\":{},\"removed\":{}}},\"aspas\":{{\"added\":{},\"removed\":{}}},"
        "\"summary\":{{\"old_vrps\":{},\"new_vrps\":{},\"vrps_added\":{},\"vrps_removed\":{},"
        "\"aspas_added\":{},\"aspas_removed\":{}}}}}\n",
        list(added, vrp_json), list(removed, vrp_json), list(aspa_added, aspa_json),
        list(aspa_removed, aspa_json), old_set->vrps.size(), new_set->vrps.size(), added.size(),
        removed.size(), aspa_added.size(), aspa_removed.size());
  } else {
    for (const auto& v : removed) {
      out += "- " + vrp_text(v) + "\n";
    }
    for (const auto& v : added) {
      out += "+ " + vrp_text(v) + "\n";
    }
    for (const auto* a : aspa_removed) {
      out += "- aspa " + aspa_text(*a) + "\n";
    }
    for (const auto* a : aspa_added) {
      out += "+ aspa " + aspa_text(*a) + "\n";
    }
    std::fprintf(stderr,
                 "manrs: VRPs %zu -> %zu: %zu added, %zu removed; ASPAs %zu -> %zu: %zu added, "
                 "%zu removed (a changed ASPA counts in both)\n",
                 old_set->vrps.size(), new_set->vrps.size(), added.size(), removed.size(),
                 oa.size(), na.size(), aspa_added.size(), aspa_removed.size());
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  // Like diff(1): 0 = the same, 1 = different.
  return (added.empty() && removed.empty() && aspa_added.empty() && aspa_removed.empty())
             ? ExitCode::kOk
             : ExitCode::kDataSkipped;
}

ExitCode run_lookup(const VrpOptions& opt) {
  auto prefix = net::Prefix::parse(opt.prefix, true);
  if (!prefix) {
    return fail(prefix.error());
  }
  std::optional<net::Asn> asn;
  if (!opt.asn.empty()) {
    auto a = net::parse_asn(opt.asn);
    if (!a) {
      return fail(a.error());
    }
    asn = *a;
  }
  auto set = load_vrp_set(opt.load);
  if (!set) {
    return fail(set.error());
  }
  const rpki::RovTable table(set->vrps);
  auto covering = table.covering(*prefix);
  // Provenance (trust anchor, expiry) from the set itself.
  for (auto& c : covering) {
    const auto it = std::lower_bound(set->vrps.begin(), set->vrps.end(), c);
    if (it != set->vrps.end() && *it == c) {
      c = *it;
    }
  }
  std::string out;
  std::optional<rpki::RovState> state;
  if (asn) {
    state = table.validate(*prefix, *asn);
  }
  std::string why;
  if (state) {
    switch (*state) {
      case rpki::RovState::kValid:
        why = fmt::format("a covering VRP has AS{} and maxLength >= {}", *asn, prefix->length());
        break;
      case rpki::RovState::kInvalidAsn:
        why = *asn == 0 ? std::string("AS0 is never authorised (RFC 6483 §4, RFC 7607)")
                        : fmt::format("{} covering VRP(s), none for AS{}", covering.size(), *asn);
        break;
      case rpki::RovState::kInvalidLength:
        why = fmt::format("AS{} is authorised only up to a shorter maxLength than /{}", *asn,
                          prefix->length());
        break;
      case rpki::RovState::kNotFound:
        why = "no VRP covers the prefix";
        break;
    }
  }
  if (opt.json) {
    out = fmt::format("{{\"prefix\":\"{}\"", prefix->to_string());
    if (asn) {
      out += fmt::format(",\"asn\":{},\"state\":\"{}\",\"reason\":\"{}\",\"why\":\"{}\"", *asn,
                         rpki::rfc_name(*state), rpki::to_string(*state), why);
    }
    out += ",\"vrps\":[";
    for (std::size_t k = 0; k < covering.size(); ++k) {
      const auto& c = covering[k];
      out += fmt::format(
          "{}{{\"prefix\":\"{}\",\"maxLength\":{},\"asn\":{},\"ta\":\"{}\","
          "\"matches\":{}}}",
          k ? "," : "", c.prefix.to_string(), c.max_length, c.asn, set->ta_name(c.ta),
          asn && c.asn == *asn && c.asn != 0 && prefix->length() <= c.max_length);
    }
    out += "]}\n";
  } else {
    if (asn) {
      out += fmt::format("{} AS{}: {} ({})\n  {}\n", prefix->to_string(), *asn,
                         rpki::rfc_name(*state), rpki::to_string(*state), why);
    } else {
      out += fmt::format(
          "{}: {}\n", prefix->to_string(),
          covering.empty() ? "not covered by any VRP (not-found for every origin)" : "covered by:");
    }
    for (const auto& c : covering) {
      const bool match = asn && c.asn == *asn && c.asn != 0 && prefix->length() <= c.max_length;
      const auto ta = set->ta_name(c.ta);
      out += fmt::format("  {} {}-{} AS{}{}{}\n", match ? "*" : " ", c.prefix.to_string(),
                         c.max_length, c.asn, ta.empty() ? "" : "  ta ", ta);
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return ExitCode::kOk;
}

}  // namespace

void register_vrp(CLI::App& app, ExitCode& rc) {
  auto* vrp = app.add_subcommand("vrp", "VRP and ASPA sets: convert, diff, look up");
  vrp->require_subcommand(1);
  auto opt = std::make_shared<VrpOptions>();

  auto* convert = vrp->add_subcommand(
      "convert", "read VRP/ASPA files in any supported format (merged, SLURM applied), write one");
  convert->add_option("files", opt->load.files, "input files (format detected by content)")
      ->required();
  convert
      ->add_option("-t,--to", opt->to,
                   "json (rpki-client), stayrtr-json (ASPA in the per-family shape StayRTR "
                   "0.5 reads), csv, bird (BIRD 2), bird1, openbgpd, plain")
      ->check(CLI::IsMember(
          {"json", "stayrtr-json", "csv", "bird", "bird2", "bird1", "openbgpd", "plain"}));
  convert->add_option("-o,--output", opt->output, "output file (default: stdout)");
  convert->add_option("--slurm", opt->load.slurm, "RFC 8416 SLURM file(s) to apply (repeat)")
      ->allow_extra_args(false);
  convert->add_option("--from", opt->load.format, "force the input format (default: auto)");
  convert->add_flag("--strict", opt->load.strict, "fail on any invalid entry");
  convert->add_flag("-q,--quiet", opt->load.quiet, "no counts or problems on stderr");
  convert->callback([opt, &rc] { rc = run_convert(*opt); });

  auto* diff = vrp->add_subcommand("diff",
                                   "VRPs and ASPAs added and removed from OLD to NEW "
                                   "(exit 0: same, 1: different)");
  diff->add_option("old", opt->old_file, "the older set")->required();
  diff->add_option("new", opt->new_file, "the newer set")->required();
  diff->add_option("--slurm", opt->load.slurm, "SLURM file(s) applied to both sides (repeat)")
      ->allow_extra_args(false);
  diff->add_flag("--json", opt->json, "JSON instead of +/- lines");
  diff->add_flag("-q,--quiet", opt->load.quiet, "no problems on stderr");
  diff->callback([opt, &rc] { rc = run_diff(*opt); });

  auto* lookup = vrp->add_subcommand(
      "lookup", "the VRPs covering PREFIX, and with ASN the RFC 6811 verdict and why");
  add_vrp_options(lookup, opt->load, true);
  lookup->add_option("prefix", opt->prefix, "route prefix")->required();
  lookup->add_option("asn", opt->asn, "origin AS (65001, AS65001, 1.10)");
  lookup->add_flag("--json", opt->json, "JSON output");
  lookup->add_flag("-q,--quiet", opt->load.quiet, "no problems on stderr");
  lookup->callback([opt, &rc] { rc = run_lookup(*opt); });
}

}  // namespace manrs::app
