// report_sample_tool — writes one of the report writers' sample reports
// (src/manrs/report/testing/sample_reports.h) in one output format, for
// tests/integration/report_html.sh (the HTML page in headless Chromium) and for looking at them.
// Usage: report_sample_tool FORMAT SAMPLE [--colour] [--verbose]
//   FORMAT  html, json, text, csv, table-json or table-text (the tables hold all three samples)
//   SAMPLE  full, empty or hostile
// Exit 0 and the document on stdout; 2 with a usage line on stderr.
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "manrs/report/html.h"
#include "manrs/report/json.h"
#include "manrs/report/testing/sample_reports.h"
#include "manrs/report/text.h"

namespace {

int usage() {
  std::cerr << "usage: report_sample_tool html|json|text|csv|table-json|table-text "
               "full|empty|hostile [--colour] [--verbose]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  namespace sample = manrs::report::testing;
  if (argc < 3) return usage();
  const std::string_view format = argv[1];
  const std::string_view which = argv[2];
  manrs::report::TextOptions options;
  for (int i = 3; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (a == "--colour") {
      options.colour = true;
    } else if (a == "--verbose") {
      options.verbose = true;
    } else {
      return usage();
    }
  }
  manrs::check::AsReport report;
  if (which == "full") {
    report = sample::full_report();
  } else if (which == "empty") {
    report = sample::empty_report();
  } else if (which == "hostile") {
    report = sample::hostile_report();
  } else {
    return usage();
  }
  const std::vector<manrs::check::TableRow> rows{manrs::check::table_row(sample::full_report()),
                                                 manrs::check::table_row(sample::empty_report()),
                                                 manrs::check::table_row(sample::hostile_report())};
  if (format == "html") {
    std::cout << manrs::report::render_html(report);
  } else if (format == "json") {
    std::cout << manrs::report::render_json(report);
  } else if (format == "text") {
    std::cout << manrs::report::render_text(report, options);
  } else if (format == "csv") {
    std::cout << manrs::report::render_table_csv(rows);
  } else if (format == "table-json") {
    std::cout << manrs::report::render_table_json(rows);
  } else if (format == "table-text") {
    std::cout << manrs::report::render_table_text(rows);
  } else {
    return usage();
  }
  return std::cout.good() ? 0 : 1;
}
