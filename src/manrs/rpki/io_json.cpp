// rpki/io_json.cpp — JSON VRP exports read with simdjson On Demand: rpki-client (`metadata`,
// `roas`, `bgpsec_keys`, `aspas`, older `provider_authorizations`), Routinator json/jsonext
// (`roas` with `source`, `routerKeys`, `aspas` with "AS" strings), RIPE NCC validator JSON and
// StayRTR caches. Unknown members are skipped unread; an entry with a bad or missing field is
// rejected with its line (from its byte offset) and its path ("roas[3].maxLength").
#include <algorithm>
#include <limits>
#include <optional>
#include <string>

#include <fmt/format.h>
#include <simdjson.h>

#include "manrs/rpki/io_common.h"

namespace manrs::rpki::detail {
namespace {

namespace od = simdjson::ondemand;
using simdjson::error_code;

static_assert(kJsonPadding >= simdjson::SIMDJSON_PADDING, "read_vrps pads too little for simdjson");

// Errors that concern one value and leave the document readable: the entry is rejected and
// reading goes on. Every other error means the document is broken.
bool is_value_error(error_code e) {
  return e == simdjson::INCORRECT_TYPE || e == simdjson::NUMBER_ERROR ||
         e == simdjson::NUMBER_OUT_OF_RANGE || e == simdjson::STRING_ERROR;
}

std::string_view type_name(od::json_type t) {
  switch (t) {
    case od::json_type::array:
      return "array";
    case od::json_type::object:
      return "object";
    case od::json_type::number:
      return "number";
    case od::json_type::string:
      return "string";
    case od::json_type::boolean:
      return "boolean";
    case od::json_type::null:
      return "null";
  }
  return "?";
}

// The latest unix time a metadata field may carry (9999-12-31T23:59:59Z), so that every time
// we store prints as an ISO 8601 date again.
constexpr std::int64_t kMaxTime = 253402300799;

// The text of a JSON string that starts at `p` (after its opening quote) when it holds no
// escape; nullopt otherwise. The caller guarantees a closing quote follows (simdjson stage 1).
std::optional<std::string_view> unescaped_view(const char* p) {
  const char* q = p;
  while (*q != '"' && *q != '\\') ++q;
  if (*q != '"') return std::nullopt;
  return std::string_view(p, static_cast<std::size_t>(q - p));
}

// A member's key, in place when it has no escapes (the common case), else unescaped.
error_code key_of(od::field& field, std::string_view& key) {
  if (const auto text = unescaped_view(field.key().raw())) {
    key = *text;
    return simdjson::SUCCESS;
  }
  return field.unescaped_key().get(key);
}

// One entry of a top-level array: where it starts, its path, and the first problem found.
struct Entry {
  std::string_view array;  // "roas", "provider_authorizations.ipv4", ...
  std::size_t index = 0;
  const char* start = nullptr;
  bool bad = false;
  ErrorCode code = ErrorCode::kMalformed;
  std::string message;

  [[nodiscard]] std::string path() const { return fmt::format("{}[{}]", array, index); }
  void fail(ErrorCode c, std::string_view field, std::string_view detail) {
    if (bad) return;
    bad = true;
    code = c;
    message = fmt::format("{}: {}", field_path(path(), field), detail);
  }
};

class JsonReader {
 public:
  JsonReader(std::string_view data, Collector& c) : data_(data), lines_(data), c_(c) {}

  Status run(simdjson::padded_string_view json) {
    od::parser parser;
    auto ec = parser.iterate(json).get(doc_);
    if (ec) return structural(ec, nullptr);
    doc_ok_ = true;
    od::object root;
    ec = doc_.get_object().get(root);
    if (ec == simdjson::INCORRECT_TYPE) {
      od::json_type t{};
      const std::string have = doc_.type().get(t) ? "no value" : std::string(type_name(t));
      return c_.malformed(1, fmt::format("JSON top level: want an object, have {}", have));
    }
    if (ec) return structural(ec, nullptr);
    bool known = false;
    for (auto member : root) {
      od::field field;
      std::string_view key;
      if ((ec = std::move(member).get(field)) || (ec = key_of(field, key))) {
        return structural(ec, nullptr);
      }
      od::value v = field.value();
      if (key == "metadata") {
        MANRS_TRY_VOID(metadata(v));
      } else if (key == "roas") {
        known = true;
        // No ROA object is shorter than ~40 bytes ({"asn":1,"prefix":"1.0.0.0/8","maxLength":8}),
        // so this one reservation is never outgrown: no doubling, and no old and new buffer alive
        // at once. Only the pages actually filled become resident; the rest stays virtual. Capped
        // at 8M VRPs (about 13x today's global set; a larger input grows the vector as usual).
        c_.set().vrps.reserve(c_.set().vrps.size() +
                              std::min<std::size_t>(data_.size() / 40, std::size_t{8} << 20U));
        MANRS_TRY_VOID(array(v, "roas", &JsonReader::roa));
      } else if (key == "bgpsec_keys" || key == "routerKeys") {
        known = true;
        MANRS_TRY_VOID(
            array(v, key == "routerKeys" ? "routerKeys" : "bgpsec_keys", &JsonReader::router_key));
      } else if (key == "aspas") {
        known = true;
        MANRS_TRY_VOID(array(v, "aspas", &JsonReader::aspa));
      } else if (key == "provider_authorizations") {
        known = true;
        MANRS_TRY_VOID(provider_authorizations(v));
      }
    }
    // After the top-level object the iterator is at the end, unless something follows it.
    const char* rest = nullptr;
    if (doc_.current_location().get(rest) == simdjson::SUCCESS) {
      return structural(simdjson::TRAILING_CONTENT, rest);
    }
    if (!known) {
      return c_.malformed(1,
                          "JSON: want a VRP export (member roas, aspas, bgpsec_keys, routerKeys or "
                          "provider_authorizations), have none of them");
    }
    if (c_.set().metadata.generator.empty()) c_.set().metadata.generator = "json";
    return {};
  }

 private:
  using EntryFn = Status (JsonReader::*)(od::value, Entry&);

  std::size_t line_of(const char* p) {
    if (p == nullptr || p < data_.data() || p > data_.data() + data_.size()) {
      return lines_.line_at(data_.size());
    }
    return lines_.line_at(static_cast<std::size_t>(p - data_.data()));
  }

  const char* at(std::size_t offset) const {
    return offset == std::string_view::npos ? nullptr : data_.data() + offset;
  }

  // An entry's place: its line is counted only when a problem is reported.
  Place place(const char* p) {
    if (p == nullptr || p < data_.data() || p > data_.data() + data_.size()) {
      return Place(lines_, data_.size());
    }
    return Place(lines_, static_cast<std::size_t>(p - data_.data()));
  }

  // The broken document as an Error: "file:line: JSON: <what simdjson found>".
  Error structural(error_code ec, const char* where) {
    // current_location() needs a live document (iterate() succeeded); "ends early" is at the end.
    const char* loc = nullptr;
    if (ec == simdjson::INCOMPLETE_ARRAY_OR_OBJECT) where = data_.data() + data_.size();
    if (where == nullptr && doc_ok_ && !doc_.current_location().get(loc)) where = loc;
    if (where == nullptr && ec == simdjson::UTF8_ERROR) where = at(first_bad_utf8(data_));
    if (where == nullptr && ec == simdjson::UNCLOSED_STRING) {
      where = at(unclosed_json_string(data_));
    }
    if (ec == simdjson::CAPACITY) {
      return make_error(ErrorCode::kLimitExceeded,
                        fmt::format("JSON: want <= {} bytes, have {}",
                                    simdjson::SIMDJSON_MAXSIZE_BYTES, data_.size()),
                        c_.where(0));
    }
    return c_.malformed(line_of(where), fmt::format("JSON: {}", simdjson::error_message(ec)));
  }

  // Describes a value for a message: numbers and strings as their text, else the JSON type.
  std::string describe(od::value& v) {
    od::json_type t{};
    if (v.type().get(t)) return "a broken value";
    if (t == od::json_type::number || t == od::json_type::string) {
      return quoted(trim(v.raw_json_token()));
    }
    return std::string(type_name(t));
  }

  // True on success. A value error marks the entry bad ("<field>: want <want>, have <v>"); any
  // other error is kept in fatal_ (the caller returns stop()).
  bool check(error_code ec, Entry& e, std::string_view field, std::string_view want, od::value& v) {
    if (ec == simdjson::SUCCESS) return true;
    if (ec == simdjson::STRING_ERROR) {  // the string was consumed: do not look at it again
      e.fail(ErrorCode::kMalformed, field, "want a JSON string, have a bad escape");
    } else if (is_value_error(ec)) {
      e.fail(ErrorCode::kMalformed, field, fmt::format("want {}, have {}", want, describe(v)));
    } else {
      fatal_ = ec;
    }
    return false;
  }

  Status stop() {
    if (fatal_ != simdjson::SUCCESS) return structural(fatal_, nullptr);
    return {};
  }

  bool read_string(od::value& v, Entry& e, std::string_view field, std::string_view& out) {
    // Fast path: a string without escapes is used in place (the value stays unread; iterating
    // on skips it). Stage 1 checked that every string is closed, so the scan stops in bounds.
    const std::string_view token = v.raw_json_token();
    if (!token.empty() && token.front() == '"') {
      if (const auto text = unescaped_view(token.data() + 1)) {
        out = *text;
        return true;
      }
    }
    return check(v.get_string().get(out), e, field, "a string", v);
  }

  // A JSON number (unsigned integer) or a string, for fields producers write either way.
  bool number_or_text(od::value& v, Entry& e, std::string_view field, std::string_view want,
                      std::uint64_t& num, std::string_view& text, bool& is_number) {
    od::json_type t{};
    if (!check(v.type().get(t), e, field, want, v)) return false;
    if (t == od::json_type::number) {
      is_number = true;
      return check(v.get_uint64().get(num), e, field, want, v);
    }
    if (t == od::json_type::string) {
      is_number = false;
      return read_string(v, e, field, text);
    }
    e.fail(ErrorCode::kMalformed, field, fmt::format("want {}, have {}", want, type_name(t)));
    return false;
  }

  // A member that is a number (at most `max`, else "want <want>") or a string for `parse`.
  template <typename T, typename Parse>
  bool read_number_or_text(od::value& v, Entry& e, std::string_view field, std::string_view what,
                           std::uint64_t max, std::string_view want, Parse&& parse, T& out) {
    std::uint64_t num = 0;
    std::string_view text;
    bool is_number = false;
    if (!number_or_text(v, e, field, what, num, text, is_number)) return false;
    if (is_number) {
      if (num > max) {
        e.fail(ErrorCode::kMalformed, field, fmt::format("want {}, have {}", want, num));
        return false;
      }
      out = static_cast<T>(num);
      return true;
    }
    auto parsed = parse(text);
    if (!parsed) {
      e.fail(parsed.error().code, field, parsed.error().message);
      return false;
    }
    out = static_cast<T>(*parsed);
    return true;
  }

  bool read_asn(od::value& v, Entry& e, std::string_view field, net::Asn& out) {
    return read_number_or_text(
        v, e, field, "an ASN", 0xFFFFFFFFULL, "0..4294967295",
        [](std::string_view t) { return parse_asn(t); }, out);
  }

  bool read_max_length(od::value& v, Entry& e, unsigned& out) {
    return read_number_or_text(
        v, e, "maxLength", "a prefix length 0..128", 255, "a prefix length 0..128",
        [](std::string_view t) { return parse_max_length(t); }, out);
  }

  bool read_time(od::value& v, Entry& e, std::string_view field, std::int64_t& out) {
    return read_number_or_text(
        v, e, field, "unix seconds",
        static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()), "unix seconds",
        [](std::string_view t) { return parse_time(t); }, out);
  }

  // Routinator jsonext: "source": [{"type": "roa", "tal": "apnic", ...}, ...]; the first
  // source names the trust anchor.
  bool read_source_tal(od::value& v, Entry& e, std::string_view& tal) {
    od::array sources;
    if (!check(v.get_array().get(sources), e, "source", "an array", v)) return false;
    for (auto item : sources) {
      od::value s;
      if (!check(std::move(item).get(s), e, "source[0]", "an object", s)) return false;
      od::object obj;
      if (!check(s.get_object().get(obj), e, "source[0]", "an object", s)) return false;
      for (auto member : obj) {
        od::field field;
        std::string_view key;
        error_code ec = std::move(member).get(field);
        if (!ec) ec = key_of(field, key);
        if (ec) {
          fatal_ = ec;
          return false;
        }
        if (key == "tal") {
          od::value tv = field.value();
          od::json_type t{};
          if (!check(tv.type().get(t), e, "source[0].tal", "a string", tv)) return false;
          if (t == od::json_type::null) continue;  // SLURM exceptions: "tal": null
          if (!read_string(tv, e, "source[0].tal", tal)) return false;
        }
      }
      break;  // only the first source
    }
    return true;
  }

  Status metadata(od::value v) {
    od::object obj;
    error_code ec = v.get_object().get(obj);
    if (is_value_error(ec)) return {};  // informational: a strange metadata member is ignored
    if (ec) return structural(ec, nullptr);
    auto& meta = c_.set().metadata;
    for (auto member : obj) {
      od::field field;
      std::string_view key;
      if ((ec = std::move(member).get(field)) || (ec = key_of(field, key))) {
        return structural(ec, nullptr);
      }
      od::value fv = field.value();
      std::string_view text;
      std::uint64_t num = 0;
      if (key == "buildtime") {  // rpki-client, StayRTR
        if (fv.get_string().get(text) == simdjson::SUCCESS) {
          if (auto t = parse_iso8601(text); t && *t >= 0 && *t <= kMaxTime) meta.build_time = *t;
        }
        meta.generator = "rpki-client";
      } else if (key == "generated") {  // Routinator
        if (fv.get_uint64().get(num) == simdjson::SUCCESS &&
            num <= static_cast<std::uint64_t>(kMaxTime)) {
          meta.build_time = static_cast<std::int64_t>(num);
        }
        meta.generator = "routinator";
      } else if (key == "generatedTime" && meta.build_time == 0) {
        if (fv.get_string().get(text) == simdjson::SUCCESS) {
          if (auto t = parse_iso8601(text); t && *t >= 0 && *t <= kMaxTime) meta.build_time = *t;
        }
        meta.generator = "routinator";
      }
    }
    return {};
  }

  Status array(od::value v, std::string_view name, EntryFn fn) {
    od::array items;
    error_code ec = v.get_array().get(items);
    if (ec == simdjson::INCORRECT_TYPE) {
      return c_.malformed(line_of(v.raw_json_token().data()),
                          fmt::format("JSON {}: want an array, have {}", name, describe(v)));
    }
    if (ec) return structural(ec, nullptr);
    std::size_t index = 0;
    for (auto item : items) {
      od::value value;
      if ((ec = std::move(item).get(value))) return structural(ec, nullptr);
      Entry e;
      e.array = name;
      e.index = index++;
      e.start = value.raw_json_token().data();
      MANRS_TRY_VOID((this->*fn)(value, e));
      if (e.bad) MANRS_TRY_VOID(c_.reject(place(e.start), e.code, std::move(e.message)));
    }
    return {};
  }

  // The object of one entry, or a problem "want an object".
  bool entry_object(od::value& v, Entry& e, od::object& obj) {
    const error_code ec = v.get_object().get(obj);
    if (ec == simdjson::SUCCESS) return true;
    if (is_value_error(ec)) {
      e.bad = true;
      e.code = ErrorCode::kMalformed;
      e.message = fmt::format("{}: want an object, have {}", e.path(), describe(v));
    } else {
      fatal_ = ec;
    }
    return false;
  }

  // Iterates the members of `obj`, calling on(key, value) until it returns false.
  template <typename F>
  bool members(od::object& obj, F&& on) {
    for (auto member : obj) {
      od::field field;
      std::string_view key;
      error_code ec = std::move(member).get(field);
      if (!ec) ec = key_of(field, key);
      if (ec) {
        fatal_ = ec;
        return false;
      }
      od::value v = field.value();
      if (!on(key, v)) return false;
    }
    return true;
  }

  Status roa(od::value v, Entry& e) {
    od::object obj;
    if (!entry_object(v, e, obj)) return stop();
    std::string_view prefix_text;
    bool has_prefix = false;
    bool has_max = false;
    bool has_asn = false;
    unsigned max_length = 0;
    net::Asn asn = 0;
    std::string_view ta;
    std::string_view tal;
    std::int64_t expires = 0;
    const bool ok = members(obj, [&](std::string_view key, od::value& fv) {
      if (key == "prefix") {
        has_prefix = true;
        return read_string(fv, e, "prefix", prefix_text);
      }
      if (key == "maxLength") {
        has_max = true;
        return read_max_length(fv, e, max_length);
      }
      if (key == "asn") {
        has_asn = true;
        return read_asn(fv, e, "asn", asn);
      }
      if (key == "ta") return read_string(fv, e, "ta", ta);
      if (key == "expires") return read_time(fv, e, "expires", expires);
      if (key == "source") return read_source_tal(fv, e, tal);
      return true;
    });
    if (!ok) return stop();
    if (!has_prefix) {
      e.fail(ErrorCode::kMalformed, "prefix", "missing");
    } else if (!has_max) {
      e.fail(ErrorCode::kMalformed, "maxLength", "missing");
    } else if (!has_asn) {
      e.fail(ErrorCode::kMalformed, "asn", "missing");
    }
    if (e.bad) return {};
    auto prefix = parse_prefix(prefix_text);
    if (!prefix) {
      e.fail(prefix.error().code, "prefix", prefix.error().message);
      return {};
    }
    const std::uint16_t ta_index = c_.ta(ta.empty() ? tal : ta);
    if (auto valid = check_vrp(*prefix, max_length); !valid) {  // the path is built only then
      e.bad = true;
      e.code = valid.error().code;
      e.message = fmt::format("{}.{}", e.path(), valid.error().message);
      return {};
    }
    return c_.add_vrp(place(e.start), {}, *prefix, max_length, asn, ta_index, expires);
  }

  Status router_key(od::value v, Entry& e) {
    od::object obj;
    if (!entry_object(v, e, obj)) return stop();
    RouterKey key;
    bool has_asn = false;
    std::string_view ski;
    std::string_view spki;
    std::string_view ta;
    std::string_view tal;
    std::string_view ski_name = "ski";
    std::string_view spki_name = "pubkey";
    const bool ok = members(obj, [&](std::string_view k, od::value& fv) {
      if (k == "asn") {
        has_asn = true;
        return read_asn(fv, e, "asn", key.asn);
      }
      if (k == "ski" || k == "SKI") {
        ski_name = k == "SKI" ? "SKI" : "ski";
        return read_string(fv, e, ski_name, ski);
      }
      if (k == "pubkey" || k == "routerPublicKey") {
        spki_name = k == "pubkey" ? "pubkey" : "routerPublicKey";
        return read_string(fv, e, spki_name, spki);
      }
      if (k == "ta") return read_string(fv, e, "ta", ta);
      if (k == "expires") return read_time(fv, e, "expires", key.expires);
      if (k == "source") return read_source_tal(fv, e, tal);
      return true;
    });
    if (!ok) return stop();
    if (!has_asn) {
      e.fail(ErrorCode::kMalformed, "asn", "missing");
    } else if (ski.empty()) {
      e.fail(ErrorCode::kMalformed, ski_name, "missing");
    } else if (spki.empty()) {
      e.fail(ErrorCode::kMalformed, spki_name, "missing");
    } else if (!parse_hex(ski, key.ski)) {
      e.fail(ErrorCode::kMalformed, ski_name,
             fmt::format("want 40 hex digits, have {}", quoted(ski)));
    } else if (!decode_base64(spki, key.spki) || key.spki.empty()) {
      e.fail(ErrorCode::kMalformed, spki_name,
             fmt::format("want base64 (a DER SubjectPublicKeyInfo), have {}", quoted(spki)));
    }
    if (e.bad) return {};
    key.ta = c_.ta(ta.empty() ? tal : ta);
    c_.add_router_key(std::move(key));
    return {};
  }

  Status aspa(od::value v, Entry& e) {
    od::object obj;
    if (!entry_object(v, e, obj)) return stop();
    Aspa a;
    bool has_customer = false;
    bool has_providers = false;
    std::string_view ta;
    std::string_view tal;
    const bool ok = members(obj, [&](std::string_view k, od::value& fv) {
      if (k == "customer_asid" || k == "customer") {
        has_customer = true;
        return read_asn(fv, e, k, a.customer);
      }
      if (k == "providers") {
        has_providers = true;
        return read_providers(fv, e, a.providers);
      }
      if (k == "expires") return read_time(fv, e, "expires", a.expires);
      if (k == "ta") return read_string(fv, e, "ta", ta);
      if (k == "source") return read_source_tal(fv, e, tal);
      return true;
    });
    if (!ok) return stop();
    if (!has_customer) {
      e.fail(ErrorCode::kMalformed, "customer_asid", "missing");
    } else if (!has_providers) {
      e.fail(ErrorCode::kMalformed, "providers", "missing");
    }
    if (e.bad) return {};
    a.ta = c_.ta(ta.empty() ? tal : ta);
    return c_.add_aspa(place(e.start), e.path(), std::move(a));
  }

  // "providers": [2914, "AS8283", ...]. More than kMaxAspaProviders rejects the entry.
  bool read_providers(od::value& v, Entry& e, std::vector<net::Asn>& out) {
    od::array items;
    if (!check(v.get_array().get(items), e, "providers", "an array", v)) return false;
    std::size_t index = 0;
    for (auto item : items) {
      od::value pv;
      if (const error_code ec = std::move(item).get(pv)) {
        fatal_ = ec;
        return false;
      }
      if (index == kMaxAspaProviders) {
        e.fail(ErrorCode::kLimitExceeded, "providers",
               fmt::format("want <= {} ASNs, have more", kMaxAspaProviders));
        return false;
      }
      net::Asn asn = 0;
      if (!read_asn(pv, e, fmt::format("providers[{}]", index), asn)) return false;
      out.push_back(asn);
      ++index;
    }
    return true;
  }

  // Older rpki-client / StayRTR: {"ipv4": [ASPA...], "ipv6": [ASPA...]}, merged by normalize().
  Status provider_authorizations(od::value v) {
    od::object obj;
    error_code ec = v.get_object().get(obj);
    if (ec == simdjson::INCORRECT_TYPE) {
      return c_.malformed(
          line_of(v.raw_json_token().data()),
          fmt::format("JSON provider_authorizations: want an object, have {}", describe(v)));
    }
    if (ec) return structural(ec, nullptr);
    for (auto member : obj) {
      od::field field;
      std::string_view key;
      if ((ec = std::move(member).get(field)) || (ec = key_of(field, key))) {
        return structural(ec, nullptr);
      }
      if (key == "ipv4") {
        MANRS_TRY_VOID(array(field.value(), "provider_authorizations.ipv4", &JsonReader::aspa));
      } else if (key == "ipv6") {
        MANRS_TRY_VOID(array(field.value(), "provider_authorizations.ipv6", &JsonReader::aspa));
      }
    }
    return {};
  }

  std::string_view data_;
  LineIndex lines_;
  Collector& c_;
  od::document doc_;
  bool doc_ok_ = false;
  error_code fatal_ = simdjson::SUCCESS;
};

}  // namespace

Status parse_json(std::string_view data, std::size_t capacity, Collector& c) {
  if (capacity >= data.size() + simdjson::SIMDJSON_PADDING) {
    JsonReader reader(data, c);
    return reader.run(simdjson::padded_string_view(data.data(), data.size(), capacity));
  }
  // Line numbers come from pointers into the buffer simdjson reads: the copy.
  const simdjson::padded_string copy(data.data(), data.size());
  JsonReader reader(std::string_view(copy.data(), copy.size()), c);
  return reader.run(simdjson::padded_string_view(copy.data(), copy.size(),
                                                 copy.size() + simdjson::SIMDJSON_PADDING));
}

}  // namespace manrs::rpki::detail
