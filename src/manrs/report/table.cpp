// The `--all` score table as CSV and as aligned text (render_table_json is in json.cpp).
#include <algorithm>
#include <string_view>

#include <fmt/format.h>

#include "manrs/report/internal/escape.h"
#include "manrs/report/internal/format.h"
#include "manrs/report/json.h"
#include "manrs/report/text.h"

namespace manrs::report {

std::string render_table_csv(const std::vector<check::TableRow>& rows) {
  std::string out = "ASN,Holder,Country,RIR";
  for (std::size_t i = 0; i < check::kActionCount; ++i) {
    out += ',';
    out += check::action_title(static_cast<check::Action>(i));
  }
  out += ",Routes,Incidents\r\n";
  for (const check::TableRow& row : rows) {
    out +=
        fmt::format("{},{},{},{}", row.asn, detail::csv_text_field(detail::clean_text(row.holder)),
                    detail::csv_text_field(detail::clean_text(row.country)),
                    detail::csv_text_field(detail::clean_text(row.registry)));
    for (const std::optional<double>& p : row.percent) {
      out += ',';
      out += detail::percent_number(p);
    }
    out += fmt::format(",{},{}\r\n", row.routes, row.incidents);
  }
  return out;
}

std::string render_table_text(const std::vector<check::TableRow>& rows) {
  constexpr std::size_t kHolderWidth = 32;
  std::vector<std::vector<std::string>> cells;
  std::vector<std::string> header{"ASN", "Holder", "Country", "RIR"};
  for (std::size_t i = 0; i < check::kActionCount; ++i) {
    header.emplace_back(check::action_title(static_cast<check::Action>(i)));
  }
  header.emplace_back("Routes");
  header.emplace_back("Incidents");
  cells.push_back(header);
  for (const check::TableRow& row : rows) {
    std::vector<std::string> c{
        fmt::format("AS{}", row.asn),
        detail::truncate_to_width(detail::clean_text(row.holder), kHolderWidth),
        detail::clean_text(row.country), detail::clean_text(row.registry)};
    for (const std::optional<double>& p : row.percent) {
      c.push_back(p ? detail::percent_number(p) : std::string("\xE2\x80\x93"));
    }
    c.push_back(std::to_string(row.routes));
    c.push_back(std::to_string(row.incidents));
    cells.push_back(std::move(c));
  }
  std::vector<std::size_t> widths(header.size(), 0);
  for (const auto& c : cells) {
    for (std::size_t i = 0; i < c.size(); ++i) {
      widths[i] = std::max(widths[i], detail::display_width(c[i]));
    }
  }
  std::string out;
  for (const auto& c : cells) {
    std::string line;
    for (std::size_t i = 0; i < c.size(); ++i) {
      const bool text_column = i >= 1 && i <= 3;  // Holder, Country, RIR: left-aligned
      if (i > 0) line += "  ";
      line += detail::pad(c[i], widths[i], !text_column);
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line;
    out += '\n';
  }
  return out;
}

}  // namespace manrs::report
