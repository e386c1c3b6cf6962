// filter/test_util.h — helpers for the filter tests: a database from RPSL text, VRPs from
// tuples, and the brute-force set of prefixes a list of entries matches.
#pragma once

#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>

#include "manrs/core/input.h"
#include "manrs/filter/model.h"
#include "manrs/irr/database.h"
#include "manrs/rpki/vrp.h"

namespace manrs::filter::testing {

inline std::unique_ptr<irr::Database> make_db(std::string_view text) {
  auto db = std::make_unique<irr::Database>();
  std::string t(text);
  auto src = core::open_memory(std::as_bytes(std::span(t.data(), t.size())), "test.db");
  EXPECT_TRUE(src.has_value());
  irr::LoadOptions o;
  o.default_source = "TEST";
  o.progress = false;
  auto rep = db->load(**src, o);
  EXPECT_TRUE(rep.has_value());
  db->finalize();
  return db;
}

inline net::Prefix pfx(std::string_view s) {
  auto p = net::Prefix::parse(s);
  EXPECT_TRUE(p.has_value()) << s;
  return p ? *p : net::Prefix();
}

inline rpki::VrpSet make_vrps(
    std::initializer_list<std::tuple<std::string_view, unsigned, net::Asn>> rows) {
  rpki::VrpSet set;
  const auto ta = set.intern_ta("test-ta");
  for (const auto& [p, maxlen, asn] : rows) {
    rpki::Vrp v;
    v.prefix = pfx(p);
    v.max_length = static_cast<std::uint8_t>(maxlen);
    v.asn = asn;
    v.ta = ta;
    set.vrps.push_back(v);
  }
  set.normalize();
  return set;
}

// Every (prefix) matched by `entries`, enumerated; entries must be small ranges.
inline std::set<net::Prefix> matched(const std::vector<Entry>& entries) {
  std::set<net::Prefix> out;
  for (const auto& e : entries) {
    std::vector<net::Prefix> frontier{e.prefix};
    for (unsigned len = e.prefix.length(); len <= e.max_len; ++len) {
      std::vector<net::Prefix> next;
      for (const auto& p : frontier) {
        if (len >= e.min_len) {
          out.insert(p);
        }
        if (len < e.max_len) {
          next.push_back(p.child(false));
          next.push_back(p.child(true));
        }
      }
      frontier = std::move(next);
    }
  }
  return out;
}

inline std::set<std::string> texts(const std::vector<Entry>& entries) {
  std::set<std::string> out;
  for (const auto& e : entries) {
    out.insert(e.to_string());
  }
  return out;
}

}  // namespace manrs::filter::testing
