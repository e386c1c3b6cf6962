#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "manrs/report/json.h"
#include "manrs/report/testing/sample_reports.h"
#include "manrs/report/text.h"

namespace manrs::report {
namespace {

namespace sample = testing;

// An independent RFC 4180 reader: records end in CRLF; quoted fields may hold commas, CRLF and
// doubled quotes. Fails the test on a bare LF outside quotes or a stray quote.
std::vector<std::vector<std::string>> parse_csv(const std::string& s) {
  std::vector<std::vector<std::string>> out;
  std::vector<std::string> rec;
  std::string field;
  bool quoted = false;
  std::size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (quoted) {
      if (c == '"' && i + 1 < s.size() && s[i + 1] == '"') {
        field += '"';
        i += 2;
      } else if (c == '"') {
        quoted = false;
        ++i;
        EXPECT_TRUE(i == s.size() || s[i] == ',' || s[i] == '\r') << "text after a closing quote";
      } else {
        field += c;
        ++i;
      }
    } else if (c == '"') {
      EXPECT_TRUE(field.empty()) << "quote inside an unquoted field";
      quoted = true;
      ++i;
    } else if (c == ',') {
      rec.push_back(std::move(field));
      field.clear();
      ++i;
    } else if (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') {
      rec.push_back(std::move(field));
      field.clear();
      out.push_back(std::move(rec));
      rec.clear();
      i += 2;
    } else {
      EXPECT_NE(c, '\n') << "bare LF outside quotes";
      field += c;
      ++i;
    }
  }
  EXPECT_FALSE(quoted);
  EXPECT_TRUE(rec.empty() && field.empty()) << "last record without CRLF";
  return out;
}

check::TableRow row_of(net::Asn asn, std::string holder, std::string country,
                       std::vector<std::optional<double>> p, unsigned routes, unsigned incidents) {
  check::TableRow r;
  r.asn = asn;
  r.holder = std::move(holder);
  r.country = std::move(country);
  r.registry = "ripencc";
  for (std::size_t i = 0; i < p.size() && i < check::kActionCount; ++i) r.percent[i] = p[i];
  r.routes = routes;
  r.incidents = incidents;
  return r;
}

TEST(TableTest, CsvParsesBackToTheRows) {
  const std::vector<check::TableRow> rows{
      row_of(64500, "EXAMPLE-NET Example Networks B.V.", "NL",
             {21.6, std::nullopt, 100.0, 80.0, 85.0}, 20, 3),
      row_of(64501, "Comma, \"Quoted\" Ltd", "DE", {99.95, 0.0, std::nullopt, 12.345, 0.04}, 7, 0),
      row_of(64502, "two\nlines", "", {}, 0, 0),
      row_of(64503, "=cmd|' /C calc'!A0", "US", {}, 1, 0),
  };
  const std::string csv = render_table_csv(rows);
  const auto recs = parse_csv(csv);
  ASSERT_EQ(recs.size(), 5u);
  EXPECT_EQ(recs[0], (std::vector<std::string>{"ASN", "Holder", "Country", "RIR", "Filtering",
                                               "Anti-spoofing", "Coordination", "IRR", "RPKI",
                                               "Routes", "Incidents"}));
  EXPECT_EQ(recs[1],
            (std::vector<std::string>{"64500", "EXAMPLE-NET Example Networks B.V.", "NL", "ripencc",
                                      "21.6", "", "100.0", "80.0", "85.0", "20", "3"}));
  // 99.95 is 99.9500000000000028… in binary → 100.0; 0.04 → 0.0 (data, not "no data").
  EXPECT_EQ(recs[2], (std::vector<std::string>{"64501", "Comma, \"Quoted\" Ltd", "DE", "ripencc",
                                               "100.0", "0.0", "", "12.3", "0.0", "7", "0"}));
  // A newline in a holder name is cleaned to a space (one record per line for spreadsheets).
  EXPECT_EQ(recs[3][1], "two lines");
  EXPECT_EQ(recs[3][2], "");
  EXPECT_EQ(recs[3][4], "");
  // A formula trigger is defused.
  EXPECT_EQ(recs[4][1], "'=cmd|' /C calc'!A0");
  // The raw form of the quoted field.
  EXPECT_NE(csv.find(",\"Comma, \"\"Quoted\"\" Ltd\",DE,"), std::string::npos);
}

TEST(TableTest, CsvOfTheSamplesMatchesTheirTableRows) {
  const std::vector<check::TableRow> rows{check::table_row(sample::full_report()),
                                          check::table_row(sample::empty_report()),
                                          check::table_row(sample::hostile_report())};
  const auto recs = parse_csv(render_table_csv(rows));
  ASSERT_EQ(recs.size(), 4u);
  // Full: 3 scored incidents (M2, M2C, M3; the M1 leak is informational), 20 routes.
  EXPECT_EQ(recs[1],
            (std::vector<std::string>{"64500", "EXAMPLE-NET Example Networks B.V.", "NL", "ripencc",
                                      "21.6", "", "100.0", "80.0", "85.0", "20", "3"}));
  EXPECT_EQ(recs[2], (std::vector<std::string>{"64511", "", "", "", "", "", "", "", "", "0", "0"}));
  EXPECT_EQ(recs[3][0], "64666");
  for (const auto& rec : recs) EXPECT_EQ(rec.size(), 11u);
  // Hostile text: control characters gone, markup kept as text (CSV is not HTML).
  EXPECT_EQ(recs[3][1].find('\x1b'), std::string::npos);
  EXPECT_NE(recs[3][1].find("<script>"), std::string::npos);
}

TEST(TableTest, TextTableAlignsColumns) {
  const std::vector<check::TableRow> rows{
      row_of(64500, "EXAMPLE-NET", "NL", {21.6, std::nullopt, 100.0, 80.0, 85.0}, 20, 3),
      row_of(4200000000, "A very long holder name that goes on and on and on", "DE",
             {100.0, 100.0, 100.0, 100.0, 100.0}, 1234, 0),
  };
  const std::string text = render_table_text(rows);
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  ASSERT_EQ(lines.size(), 3u);
  // ASN is 12 wide (AS4200000000), Holder 32 (cut with "…"), Country 7, RIR 7; numbers are
  // right-aligned under their titles (Filtering 9, Anti-spoofing 13, Coordination 12, IRR 5,
  // RPKI 5, Routes 6, Incidents 9).
  const std::string sp2 = "  ";
  EXPECT_EQ(lines[0],
            std::string(9, ' ') + "ASN" + sp2 + "Holder" + std::string(26, ' ') + sp2 + "Country" +
                sp2 + "RIR    " + sp2 +
                "Filtering  Anti-spoofing  Coordination    IRR   RPKI  Routes  Incidents");
  EXPECT_EQ(lines[1], "     AS64500" + sp2 + "EXAMPLE-NET" + std::string(21, ' ') + sp2 +
                          "NL     " + sp2 + "ripencc" + sp2 + "     21.6" + sp2 +
                          std::string(12, ' ') + "\xE2\x80\x93" + sp2 +
                          "       100.0   80.0   85.0      20          3");
  EXPECT_EQ(lines[2], "AS4200000000" + sp2 + "A very long holder name that go\xE2\x80\xA6" + sp2 +
                          "DE     " + sp2 + "ripencc" + sp2 + "    100.0" + sp2 + "        100.0" +
                          sp2 + "       100.0  100.0  100.0    1234          0");
}

}  // namespace
}  // namespace manrs::report
