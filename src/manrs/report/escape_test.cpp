#include "manrs/report/internal/escape.h"

#include <string>

#include <gtest/gtest.h>

namespace manrs::report::detail {
namespace {

const std::string kFffd = "\xEF\xBF\xBD";

TEST(EscapeTest, CleanTextReplacesControlsAndInvalidUtf8) {
  struct Case {
    std::string in;
    std::string single;
    std::string multi;
  };
  const Case cases[] = {
      {"plain text", "plain text", "plain text"},
      {"a\x1b[31mb", "a" + kFffd + "[31mb", "a" + kFffd + "[31mb"},
      {std::string("nul\0x", 5), "nul" + kFffd + "x", "nul" + kFffd + "x"},
      {"bell\x07", "bell" + kFffd, "bell" + kFffd},
      {"del\x7f", "del" + kFffd, "del" + kFffd},
      {"csi\xC2\x9B"
       "2J",
       "csi" + kFffd + "2J", "csi" + kFffd + "2J"},      // C1 control U+009B
      {"nbsp\xC2\xA0", "nbsp\xC2\xA0", "nbsp\xC2\xA0"},  // U+00A0 is text
      {"l1\r\nl2\tx", "l1  l2 x", "l1\nl2\tx"},
      {"bad \xff\xfe end", "bad " + kFffd + kFffd + " end", "bad " + kFffd + kFffd + " end"},
      {"overlong \xC0\xAF", "overlong " + kFffd + kFffd, "overlong " + kFffd + kFffd},
      {"surrogate \xED\xA0\x80", "surrogate " + kFffd + kFffd + kFffd,
       "surrogate " + kFffd + kFffd + kFffd},
      {"cut \xE2\x82", "cut " + kFffd + kFffd, "cut " + kFffd + kFffd},
      {"euro \xE2\x82\xAC, emoji \xF0\x9F\x98\x80", "euro \xE2\x82\xAC, emoji \xF0\x9F\x98\x80",
       "euro \xE2\x82\xAC, emoji \xF0\x9F\x98\x80"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.in);
    EXPECT_EQ(clean_text(c.in), c.single);
    EXPECT_EQ(clean_text(c.in, true), c.multi);
  }
}

TEST(EscapeTest, HtmlEscapeQuotesMarkup) {
  EXPECT_EQ(html_escape("<script>alert(\"x\")</script> & 'y'"),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;");
  EXPECT_EQ(html_escape("&amp;"), "&amp;amp;");
  EXPECT_EQ(html_escape("a\nb"), "a b");
  EXPECT_EQ(html_escape("a\nb", true), "a\nb");
  EXPECT_EQ(html_escape("x\x1b"), "x" + kFffd);
}

TEST(EscapeTest, CsvFieldsFollowRfc4180AndGuardFormulas) {
  EXPECT_EQ(csv_text_field("Example"), "Example");
  EXPECT_EQ(csv_text_field(""), "");
  EXPECT_EQ(csv_text_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_text_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_text_field("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(csv_text_field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
  EXPECT_EQ(csv_text_field("-1,2"), "\"'-1,2\"");
  EXPECT_EQ(csv_text_field("@x"), "'@x");
  EXPECT_EQ(csv_text_field("a=b"), "a=b");
}

TEST(EscapeTest, WidthsCountCodePoints) {
  EXPECT_EQ(display_width("abc"), 3u);
  EXPECT_EQ(display_width("\xE2\x96\x88\xE2\x96\x91"), 2u);  // █░
  EXPECT_EQ(display_width("caf\xC3\xA9"), 4u);
  EXPECT_EQ(truncate_to_width("abcdef", 4), "abc\xE2\x80\xA6");
  EXPECT_EQ(truncate_to_width("abcd", 4), "abcd");
  EXPECT_EQ(truncate_to_width("\xC3\xA9\xC3\xA9\xC3\xA9", 2), "\xC3\xA9\xE2\x80\xA6");
  EXPECT_EQ(pad("ab", 4), "ab  ");
  EXPECT_EQ(pad("ab", 4, true), "  ab");
  EXPECT_EQ(pad("\xC3\xA9", 3), "\xC3\xA9  ");
  EXPECT_EQ(pad("abcdef", 3), "abcdef");
}

}  // namespace
}  // namespace manrs::report::detail
