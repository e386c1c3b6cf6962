// `manrs antispoof CUSTOMER... --local-as N`: source address validation per customer interface
// (MANRS Action 2; BCP 38/84, RFC 8704) from IRR route objects, ROAs and the routes the
// customers announce in MRT data, rendered for a router dialect.
#include <cctype>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "manrs/app/commands.h"
#include "manrs/app/filter_inputs.h"
#include "manrs/filter/antispoof.h"
#include "manrs/filter/render.h"
#include "manrs/net/asn.h"

namespace manrs::app {

namespace {

struct AntispoofCli {
  FilterInputOptions in;
  std::vector<std::string> customers;
  std::string local_as;
  std::string mode;
  std::vector<std::string> mrt;
  std::string mrt_view = "collector";
  std::vector<std::string> interfaces;  // CUSTOMER=IFNAME
  std::vector<std::string> peers;       // ASN[=IFNAME]
  std::vector<std::string> providers;   // ASN[=IFNAME]
  std::vector<std::string> multihomed;
  std::vector<std::string> single_homed;
  std::string algorithm = "a";
  std::string dialect = "plain";
  std::string name;
  bool explain = false;
  bool json = false;
  bool v4 = false;
  bool v6 = false;
  bool allow_empty = false;
  bool no_header = false;
};

// "AS64501" / "as64501" / "64501" / "AS-FOO" -> the key used to match --interface etc.
std::string key_of(const std::string& target) {
  if (auto asn = net::parse_asn(target)) {
    return net::format_asn(*asn);
  }
  std::string out = target;
  for (char& c : out) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

// Splits "LEFT=RIGHT" (RIGHT may be empty when `right_optional`).
bool split_pair(const std::string& text, std::string& left, std::string& right,
                bool right_optional) {
  const auto eq = text.find('=');
  if (eq == std::string::npos) {
    left = text;
    right.clear();
    return right_optional && !left.empty();
  }
  left = text.substr(0, eq);
  right = text.substr(eq + 1);
  return !left.empty() && !right.empty();
}

ExitCode run_antispoof(const AntispoofCli& c) {
  auto local = net::parse_asn(c.local_as);
  if (!local || *local == 0) {
    fmt::print(stderr, "manrs antispoof: --local-as: want your own AS number, have '{}'\n",
               c.local_as);
    return ExitCode::kFailed;
  }
  const filter::Dialect* dialect = filter::find_dialect(c.json ? "json" : c.dialect);
  if (dialect == nullptr) {
    std::string ids;
    for (const auto* d : filter::dialects()) {
      ids += fmt::format("{}{}", ids.empty() ? "" : ", ", d->id());
    }
    fmt::print(stderr, "manrs antispoof: --dialect: want one of {}, have '{}'\n", ids, c.dialect);
    return ExitCode::kFailed;
  }
  filter::EfpAlgorithm algorithm = filter::EfpAlgorithm::kA;
  if (c.algorithm == "b" || c.algorithm == "B") {
    algorithm = filter::EfpAlgorithm::kB;
  } else if (c.algorithm != "a" && c.algorithm != "A") {
    fmt::print(stderr, "manrs antispoof: --algorithm: want a or b, have '{}'\n", c.algorithm);
    return ExitCode::kFailed;
  }
  filter::MrtView view = filter::MrtView::kCollector;
  if (c.mrt_view == "router") {
    view = filter::MrtView::kRouter;
  } else if (c.mrt_view != "collector") {
    fmt::print(stderr, "manrs antispoof: --mrt-view: want collector or router, have '{}'\n",
               c.mrt_view);
    return ExitCode::kFailed;
  }

  // The interfaces to plan: customers, then lateral peers and providers.
  std::vector<filter::CustomerSpec> specs;
  std::map<std::string, std::size_t> by_key;
  for (const auto& t : c.customers) {
    filter::CustomerSpec s;
    s.target = t;
    by_key[key_of(t)] = specs.size();
    specs.push_back(std::move(s));
  }
  auto add_other = [&](const std::vector<std::string>& list, filter::Relation rel,
                       std::string_view flag) {
    for (const auto& text : list) {
      std::string who, iface;
      if (!split_pair(text, who, iface, true) || !net::parse_asn(who)) {
        fmt::print(stderr, "manrs antispoof: {}: want ASN[=INTERFACE], have '{}'\n", flag, text);
        return false;
      }
      filter::CustomerSpec s;
      s.target = who;
      s.interface = iface;
      s.relation = rel;
      specs.push_back(std::move(s));
    }
    return true;
  };
  if (!add_other(c.peers, filter::Relation::kLateralPeer, "--peer") ||
      !add_other(c.providers, filter::Relation::kProvider, "--provider")) {
    return ExitCode::kFailed;
  }
  for (const auto& text : c.interfaces) {
    std::string who, iface;
    auto it = by_key.end();
    if (split_pair(text, who, iface, false)) {
      it = by_key.find(key_of(who));
    }
    if (it == by_key.end()) {
      fmt::print(stderr,
                 "manrs antispoof: --interface: want CUSTOMER=INTERFACE for a customer given, "
                 "have '{}'\n",
                 text);
      return ExitCode::kFailed;
    }
    specs[it->second].interface = iface;
  }
  auto mark = [&](const std::vector<std::string>& list, bool value, std::string_view flag) {
    for (const auto& who : list) {
      auto it = by_key.find(key_of(who));
      if (it == by_key.end()) {
        fmt::print(stderr, "manrs antispoof: {}: '{}' is not one of the customers given\n", flag,
                   who);
        return false;
      }
      specs[it->second].multihomed = value;
    }
    return true;
  };
  if (!mark(c.multihomed, true, "--multihomed") || !mark(c.single_homed, false, "--single-homed")) {
    return ExitCode::kFailed;
  }

  auto inputs = load_filter_inputs(c.in);
  if (!inputs) {
    fmt::print(stderr, "manrs antispoof: {}\n", inputs.error().to_string());
    return ExitCode::kFailed;
  }
  filter::AntispoofOptions o;
  o.local_as = *local;
  o.db = inputs->db ? &*inputs->db : nullptr;
  o.rpki = inputs->rpki ? inputs->rpki.get() : nullptr;
  if (!c.mode.empty()) {
    auto m = filter::parse_mode(c.mode);
    if (!m) {
      fmt::print(stderr,
                 "manrs antispoof: --mode: want irr, irr-rpki, irr+roa or rpki, have '{}'\n",
                 c.mode);
      return ExitCode::kFailed;
    }
    o.generate.mode = *m;
  } else {
    o.generate.mode = o.rpki != nullptr ? filter::Mode::kIrrRpki : filter::Mode::kIrr;
  }
  o.generate.expand.scope = inputs->scope;
  o.generate.v4 = c.v4 || !c.v6;
  o.generate.v6 = c.v6 || !c.v4;
  o.generate.unallocated = inputs->unallocated.empty() ? nullptr : &inputs->unallocated;
  o.algorithm = algorithm;
  o.explain = c.explain;
  o.allow_empty = c.allow_empty;

  ExitCode rc = ExitCode::kOk;
  std::unique_ptr<filter::Observations> obs;
  if (!c.mrt.empty()) {
    obs = std::make_unique<filter::Observations>(*local, view);
    for (const auto& file : c.mrt) {
      auto st = obs->add_mrt_file(file);
      if (!st) {
        fmt::print(stderr, "manrs antispoof: {}\n", st.error().to_string());
        rc = ExitCode::kDataSkipped;
      }
    }
    const auto& s = obs->stats();
    if (s.record_errors != 0 && rc == ExitCode::kOk) {
      rc = ExitCode::kDataSkipped;
    }
    if (!c.in.quiet) {
      fmt::print(stderr,
                 "manrs antispoof: MRT ({} view): {} files, {} routes, {} received by AS{} from {} "
                 "neighbours ({} distinct); skipped: {} local origin, {} aggregated by AS{}, {} "
                 "loops, {} iBGP, {} damaged records\n",
                 filter::to_string(view), s.files, s.routes, s.received, *local,
                 obs->neighbors().size(), obs->route_count(), s.local_origin, s.set_after_local,
                 *local, s.loops, s.ibgp, s.record_errors);
    }
    o.observations = obs.get();
  }

  auto plan = filter::plan_antispoof(specs, o);
  if (!plan) {
    fmt::print(stderr, "manrs antispoof: {}\n", plan.error().to_string());
    return ExitCode::kFailed;
  }
  if (!c.in.quiet) {
    for (const auto& i : plan->interfaces) {
      fmt::print(stderr, "manrs antispoof: {} {}: {}, {} IPv4 + {} IPv6 source prefixes\n",
                 i.customer, i.interface.empty() ? "(no interface given)" : i.interface,
                 i.algorithm, i.v4.size(), i.v6.size());
    }
  }
  filter::RenderOptions ro;
  ro.name = c.name;
  ro.header = !c.no_header;
  auto text = dialect->render_antispoof(*plan, ro);
  if (!text) {
    fmt::print(stderr, "manrs antispoof: {}: {}\n", dialect->id(), text.error().to_string());
    return ExitCode::kFailed;
  }
  std::fwrite(text->data(), 1, text->size(), stdout);
  return rc;
}

}  // namespace

void register_antispoof(CLI::App& app, ExitCode& rc) {
  auto c = std::make_shared<AntispoofCli>();
  auto* a = app.add_subcommand(
      "antispoof",
      "source address validation per customer interface: strict uRPF, EFP-uRPF (RFC 8704) "
      "and ingress ACLs from IRR, ROAs and MRT");
  a->add_option("customers", c->customers, "customer ASNs or AS-SETs (AS64501, AS64500:AS-CUST)")
      ->required();
  a->add_option("--local-as", c->local_as, "your own AS number (the AS that filters)")->required();
  add_filter_input_options(a, c->in);
  a->add_option("--mode", c->mode,
                "customer space from: irr | irr-rpki (default with --vrps) | irr+roa | rpki");
  a->add_option("--mrt", c->mrt, "MRT RIB/update files: the routes the customers announce")
      ->allow_extra_args(false);
  a->add_option("--mrt-view", c->mrt_view,
                "collector: paths through --local-as (RIS, RouteViews; only exported best paths "
                "show); router: your router's dump, its peers are your neighbours")
      ->capture_default_str();
  a->add_option("--interface", c->interfaces, "CUSTOMER=IFNAME: the customer's router interface")
      ->allow_extra_args(false);
  a->add_option("--peer", c->peers, "ASN[=IFNAME]: a lateral peer (loose uRPF)")
      ->allow_extra_args(false);
  a->add_option("--provider", c->providers, "ASN[=IFNAME]: a transit provider (loose uRPF)")
      ->allow_extra_args(false);
  a->add_option("--multihomed", c->multihomed, "CUSTOMER: multihomed whatever MRT shows")
      ->allow_extra_args(false);
  a->add_option("--single-homed", c->single_homed, "CUSTOMER: single-homed whatever MRT shows")
      ->allow_extra_args(false);
  a->add_option(
       "--algorithm", c->algorithm,
       "EFP-uRPF for multihomed customers: a (per interface, RFC 8704 section 3.1.1) or b (one "
       "list for all customer interfaces, §3.4)")
      ->capture_default_str();
  a->add_option("-d,--dialect", c->dialect, "router dialect (cisco, junos, ..., json, plain)")
      ->capture_default_str();
  a->add_flag("--json", c->json, "the plan as JSON (= --dialect json)");
  a->add_option("-l,--name", c->name, "base name of the ACLs (default: from the customer)");
  a->add_flag("-4", c->v4, "IPv4 only");
  a->add_flag("-6", c->v6, "IPv6 only");
  a->add_flag("--explain", c->explain,
              "notes per interface: upstreams seen, algorithm, why each prefix is permitted");
  a->add_flag("--allow-empty", c->allow_empty, "a customer with no permitted prefix is no error");
  a->add_flag("--no-header", c->no_header, "no comment header");
  a->callback([c, &rc] { rc = run_antispoof(*c); });
}

}  // namespace manrs::app
