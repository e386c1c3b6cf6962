// bench/rov_throughput.cpp — route origin validation throughput of rpki::RovTable, the manrs side
// of tools/bench-rov.sh. Same inputs and the same figures as ../shared/tools/rtrlib_rov_bench.c
// (RTRlib pfx_table), so the two can be compared line by line:
//
//   bench_rov_throughput -V vrps.txt -Q queries.txt [-r REPEAT] [-o results.tsv]
//   bench_rov_throughput -J vrps.json            # load only: rpki::read_vrps + RovTable
//
//   vrps.txt     "prefix/len maxlen asn" lines (tools/gen_vrps.py --plain, manrs vrp convert
//                --to plain); parsed here, simply, not by rpki/reader.h
//   queries.txt  "prefix/len asn" lines (tools/gen_vrps.py --queries)
//   results.tsv  "prefix/len<TAB>asn<TAB>valid|invalid|notfound" per query, the format of
//                rtrlib_rov_bench -o and naive_rov.py (diffable)
//
// Timed: building the RovTable from parsed VRPs ("load", as RTRlib's pfx_table_add loop), and
// REPEAT passes of single-threaded validation over the pre-parsed queries through the fast paths
// validate_v4/validate_v6 (RTRlib's pfx_table_validate also gets a parsed address), plus one
// pass through the generic validate(Prefix, origin) for information. Exit 1 on unreadable input.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <malloc.h>
#include <sys/resource.h>
#include <unistd.h>

#include "manrs/net/asn.h"
#include "manrs/net/prefix.h"
#include "manrs/rpki/reader.h"
#include "manrs/rpki/rov.h"
#include "manrs/rpki/vrp.h"

namespace {

using manrs::net::Prefix;
using manrs::rpki::RovState;
using manrs::rpki::RovTable;
using manrs::rpki::Vrp;

double now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

long peak_rss_kib() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

// Resident set now (after the parsed input is freed: what a long-running process keeps).
long current_rss_kib() {
  malloc_trim(0);
  long pages = 0;
  long resident = 0;
  if (std::FILE* f = std::fopen("/proc/self/statm", "r")) {
    if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) {
      resident = 0;
    }
    std::fclose(f);
  }
  return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

// Splits `line` on blanks into at most `n` fields; returns how many were found.
std::size_t split(std::string_view line, std::string_view* out, std::size_t n) {
  std::size_t k = 0;
  std::size_t i = 0;
  while (k < n) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) {
      ++i;
    }
    if (i >= line.size()) {
      break;
    }
    std::size_t j = i;
    while (j < line.size() && line[j] != ' ' && line[j] != '\t' && line[j] != '\r') {
      ++j;
    }
    out[k++] = line.substr(i, j - i);
    i = j;
  }
  return k;
}

std::optional<std::uint32_t> number(std::string_view s) {
  if (s.empty() || s.size() > 10) {
    return std::nullopt;
  }
  std::uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') {
      return std::nullopt;
    }
    v = v * 10 + static_cast<unsigned>(c - '0');
  }
  if (v > 0xFFFFFFFFULL) {
    return std::nullopt;
  }
  return static_cast<std::uint32_t>(v);
}

bool read_lines(const char* path, std::string& text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::perror(path);
    return false;
  }
  text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return true;
}

template <typename F>
void for_each_line(const std::string& text, F&& f) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string::npos) {
      end = text.size();
    }
    f(std::string_view(text).substr(pos, end - pos));
    pos = end + 1;
  }
}

// "prefix/len maxlen asn" lines; bad lines are counted and skipped (as rtrlib_rov_bench does).
bool load_plain_vrps(const char* path, std::vector<Vrp>& vrps, std::size_t& bad) {
  std::string text;
  if (!read_lines(path, text)) {
    return false;
  }
  vrps.reserve(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1);
  for_each_line(text, [&](std::string_view line) {
    std::string_view f[3];
    if (split(line, f, 3) != 3) {
      bad += !line.empty();
      return;
    }
    auto prefix = Prefix::parse(f[0]);
    auto max_length = number(f[1]);
    auto asn = number(f[2]);
    if (!prefix || !max_length || !asn || *max_length < prefix->length() ||
        *max_length > prefix->address().max_len()) {
      ++bad;
      return;
    }
    Vrp v;
    v.prefix = *prefix;
    v.max_length = static_cast<std::uint8_t>(*max_length);
    v.asn = *asn;
    vrps.push_back(v);
  });
  return true;
}

struct Query {
  std::uint64_t hi;  // IPv4: the address in host order; IPv6: the first 64 bits
  std::uint64_t lo;
  std::uint32_t asn;
  std::uint8_t len;
  bool v6;
};

std::uint64_t load_be64(const std::uint8_t* p) {
  std::uint64_t v = 0;
  for (int i = 0; i < 8; ++i) {
    v = (v << 8U) | p[i];
  }
  return v;
}

// "prefix/len asn" lines; host bits are allowed (and ignored by the table).
bool load_queries(const char* path, std::vector<Query>& queries, std::vector<Prefix>& prefixes,
                  std::size_t& bad) {
  std::string text;
  if (!read_lines(path, text)) {
    return false;
  }
  for_each_line(text, [&](std::string_view line) {
    std::string_view f[2];
    if (split(line, f, 2) != 2) {
      bad += !line.empty();
      return;
    }
    auto prefix = Prefix::parse(f[0], /*allow_host_bits=*/true);
    auto asn = number(f[1]);
    if (!prefix || !asn) {
      ++bad;
      return;
    }
    Query q{};
    q.asn = *asn;
    q.len = static_cast<std::uint8_t>(prefix->length());
    q.v6 = !prefix->is_v4();
    const auto& bytes = prefix->address().bytes();
    if (q.v6) {
      q.hi = load_be64(bytes.data());
      q.lo = load_be64(bytes.data() + 8);
    } else {
      q.hi = prefix->address().v4_value();
    }
    queries.push_back(q);
    prefixes.push_back(*prefix);
  });
  return true;
}

const char* pairs_name(RovState s) {
  switch (s) {
    case RovState::kValid:
      return "valid";
    case RovState::kNotFound:
      return "notfound";
    case RovState::kInvalidAsn:
    case RovState::kInvalidLength:
      return "invalid";
  }
  return "?";
}

RovState validate(const RovTable& table, const Query& q) {
  return q.v6 ? table.validate_v6(q.hi, q.lo, q.len, q.asn)
              : table.validate_v4(static_cast<std::uint32_t>(q.hi), q.len, q.asn);
}

void usage() {
  std::fputs(
      "usage: bench_rov_throughput -V vrps.txt [-Q queries.txt] [-r REPEAT] [-o results.tsv]\n"
      "       bench_rov_throughput -J vrps.json   (load only: rpki::read_vrps + RovTable)\n"
      "see the comment at the top of bench/rov_throughput.cpp\n",
      stderr);
}

int load_only_json(const char* path) {
  double t0 = now();
  auto set = manrs::rpki::read_vrps(path);
  double t1 = now();
  if (!set) {
    std::fprintf(stderr, "%s\n", set.error().to_string().c_str());
    return 1;
  }
  RovTable table(set->vrps);
  double t2 = now();
  const std::size_t count = set->vrps.size();
  const std::size_t v6 = set->v6_count();
  set->vrps.clear();
  set->vrps.shrink_to_fit();
  std::printf(
      "manrs read_vrps: %zu VRPs (%zu IPv6) read in %.3f s; RovTable built in %.3f s; "
      "total %.3f s\n",
      count, v6, t1 - t0, t2 - t1, t2 - t0);
  std::printf(
      "table memory: %zu bytes (%.1f bytes per VRP)\n", table.memory_bytes(),
      static_cast<double>(table.memory_bytes()) / static_cast<double>(count == 0 ? 1 : count));
  std::printf("resident after load (input freed): %ld KiB\n", current_rss_kib());
  std::printf("peak RSS: %ld KiB\n", peak_rss_kib());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const char* vfile = nullptr;
  const char* qfile = nullptr;
  const char* ofile = nullptr;
  const char* jfile = nullptr;
  long repeat = 1;
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    if (i + 1 >= argc) {
      usage();
      return 2;
    }
    const char* v = argv[++i];
    if (a == "-V") {
      vfile = v;
    } else if (a == "-Q") {
      qfile = v;
    } else if (a == "-o") {
      ofile = v;
    } else if (a == "-J") {
      jfile = v;
    } else if (a == "-r") {
      repeat = std::max(1L, std::atol(v));
    } else {
      usage();
      return 2;
    }
  }
  if (jfile != nullptr) {
    return load_only_json(jfile);
  }
  if (vfile == nullptr) {
    usage();
    return 2;
  }

  std::vector<Vrp> vrps;
  std::size_t bad_vrps = 0;
  double p0 = now();
  if (!load_plain_vrps(vfile, vrps, bad_vrps)) {
    return 1;
  }
  double p1 = now();
  RovTable table(vrps);
  double t1 = now();
  std::size_t v6 = 0;
  for (const auto& v : vrps) {
    v6 += !v.prefix.is_v4();
  }
  std::printf(
      "manrs RovTable: %zu VRPs (%zu IPv6, %zu bad lines) loaded in %.3f s (%.0f adds/s); "
      "text parsed in %.3f s\n",
      vrps.size(), v6, bad_vrps, t1 - p1, static_cast<double>(vrps.size()) / (t1 - p1), p1 - p0);
  std::printf("table memory: %zu bytes (%.1f bytes per VRP)\n", table.memory_bytes(),
              static_cast<double>(table.memory_bytes()) /
                  static_cast<double>(vrps.empty() ? 1 : vrps.size()));
  vrps.clear();
  vrps.shrink_to_fit();
  std::printf("resident after load (input freed): %ld KiB; peak so far: %ld KiB\n",
              current_rss_kib(), peak_rss_kib());

  if (qfile != nullptr) {
    std::vector<Query> queries;
    std::vector<Prefix> prefixes;
    std::size_t bad_q = 0;
    if (!load_queries(qfile, queries, prefixes, bad_q)) {
      return 1;
    }
    const std::size_t nq = queries.size();
    std::vector<RovState> results(nq);
    long counts[4] = {0, 0, 0, 0};
    double t2 = now();
    for (long rep = 0; rep < repeat; ++rep) {
      for (std::size_t i = 0; i < nq; ++i) {
        RovState s = validate(table, queries[i]);
        ++counts[static_cast<int>(s)];
        results[i] = s;
      }
    }
    double t3 = now();
    const double n = static_cast<double>(nq) * static_cast<double>(repeat);
    std::printf("validated %zu queries x %ld in %.3f s (%.0f validations/s, %.1f ns each)%s\n", nq,
                repeat, t3 - t2, n / (t3 - t2), (t3 - t2) * 1e9 / n,
                bad_q != 0 ? " (bad query lines skipped)" : "");
    auto c = [&](RovState s) { return counts[static_cast<int>(s)] / repeat; };
    std::printf("states: valid=%ld notfound=%ld invalid=%ld (invalid-asn=%ld invalid-length=%ld)\n",
                c(RovState::kValid), c(RovState::kNotFound),
                c(RovState::kInvalidAsn) + c(RovState::kInvalidLength), c(RovState::kInvalidAsn),
                c(RovState::kInvalidLength));

    // The batch entry point (prefetching across a group of routes): same queries, same verdicts.
    {
      std::vector<manrs::rpki::RouteQuery> batch(nq);
      for (std::size_t i = 0; i < nq; ++i) {
        batch[i] = {queries[i].hi,  queries[i].lo, queries[i].asn,
                    queries[i].len, queries[i].v6, true};
      }
      std::vector<RovState> bres(nq);
      const double b0 = now();
      for (long rep = 0; rep < repeat; ++rep) {
        table.validate_batch(batch, bres);
      }
      const double b1 = now();
      std::size_t differ = 0;
      for (std::size_t i = 0; i < nq; ++i) {
        differ += bres[i] != results[i];
      }
      std::printf(
          "batch: validated %zu queries x %ld in %.3f s (%.0f validations/s, %.1f ns each); "
          "%zu differ from one-by-one\n",
          nq, repeat, b1 - b0, n / (b1 - b0), (b1 - b0) * 1e9 / n, differ);
      if (differ != 0) {
        return 1;
      }
    }

    // The generic entry point once, for information, and as a cross-check of the fast paths.
    std::size_t mismatches = 0;
    double t4 = now();
    for (std::size_t i = 0; i < nq; ++i) {
      RovState s = table.validate(prefixes[i], queries[i].asn);
      mismatches += s != results[i];
    }
    double t5 = now();
    std::printf(
        "generic validate(Prefix, origin): %.0f validations/s, %.1f ns each; "
        "%zu differ from the fast paths\n",
        static_cast<double>(nq) / (t5 - t4), (t5 - t4) * 1e9 / static_cast<double>(nq), mismatches);
    std::printf("peak RSS: %ld KiB\n", peak_rss_kib());

    if (ofile != nullptr) {
      std::FILE* o = std::fopen(ofile, "w");
      if (o == nullptr) {
        std::perror(ofile);
        return 1;
      }
      std::string line;
      for (std::size_t i = 0; i < nq; ++i) {
        line.clear();
        prefixes[i].append_to(line);
        line += '\t';
        line += std::to_string(queries[i].asn);
        line += '\t';
        line += pairs_name(results[i]);
        line += '\n';
        std::fwrite(line.data(), 1, line.size(), o);
      }
      std::fclose(o);
    }
    if (mismatches != 0) {
      return 1;
    }
  } else {
    std::printf("peak RSS: %ld KiB\n", peak_rss_kib());
  }
  return 0;
}
