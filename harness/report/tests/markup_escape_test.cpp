#include "mpdts/report/markup_escape.hpp"

#include <string>

#include <gtest/gtest.h>

#include "mpdts/report/xml_checker.hpp"

namespace mpdts::report {
namespace {

using namespace std::string_literals;  // "\0"s keeps the NUL

TEST(EscapeMarkupTest, EscapesTheFiveMarkupCharacters) {
  EXPECT_EQ(escape_markup(R"(a & b < c > d "e" 'f')"),
            "a &amp; b &lt; c &gt; d &quot;e&quot; &#39;f&#39;");
}

TEST(EscapeMarkupTest, LeavesPlainTextAlone) {
  EXPECT_EQ(escape_markup("EAL: Detected 4 lcore(s)"), "EAL: Detected 4 lcore(s)");
  EXPECT_EQ(escape_markup(""), "");
}

TEST(EscapeMarkupTest, KeepsTabNewlineAndCarriageReturn) {
  EXPECT_EQ(escape_markup("a\tb\nc\r\n"), "a\tb\nc\r\n");
}

TEST(EscapeMarkupTest, ShowsEscapeCharacterAsVisibleText) {
  // What a coloured DPDK log line looks like in a transcript.
  EXPECT_EQ(escape_markup("\x1b[31mERROR\x1b[0m"), "\\x1b[31mERROR\\x1b[0m");
}

TEST(EscapeMarkupTest, ShowsNulAndOtherC0ControlsAsVisibleText) {
  EXPECT_EQ(escape_markup("a\0b"s), "a\\x00b");
  EXPECT_EQ(escape_markup("\x01\x08\x0b\x0c\x1f"), "\\x01\\x08\\x0b\\x0c\\x1f");
}

TEST(EscapeMarkupTest, ShowsDeleteAndC1ControlsAsVisibleText) {
  EXPECT_EQ(escape_markup("a\x7f" "b"), "a\\x7fb");
  EXPECT_EQ(escape_markup("\xc2\x85"), "\\u0085");  // NEL
  EXPECT_EQ(escape_markup("\xef\xbf\xbe"), "\\ufffe");  // a non-character XML forbids
}

TEST(EscapeMarkupTest, NeverLeavesACdataTerminator) {
  const std::string escaped = escape_markup("x ]]> y");
  EXPECT_EQ(escaped, "x ]]&gt; y");
  EXPECT_EQ(escaped.find("]]>"), std::string::npos);
}

TEST(EscapeMarkupTest, KeepsMultiByteUtf8) {
  EXPECT_EQ(escape_markup("café µs → 日本 😀"), "café µs → 日本 😀");
}

TEST(EscapeMarkupTest, ReplacesInvalidUtf8WithReplacementCharacter) {
  EXPECT_EQ(escape_markup("a\xff" "b"), "a\uFFFD" "b");              // never a lead byte
  EXPECT_EQ(escape_markup("\x80"), "\uFFFD");                     // lone continuation
  EXPECT_EQ(escape_markup("\xc0\xaf"), "\uFFFD\uFFFD");           // overlong '/'
  EXPECT_EQ(escape_markup("\xed\xa0\x80"), "\uFFFD\uFFFD\uFFFD");  // a UTF-16 surrogate
  EXPECT_EQ(escape_markup("\xf4\x90\x80\x80"), "\uFFFD\uFFFD\uFFFD\uFFFD");  // > U+10FFFF
}

TEST(EscapeMarkupTest, ReplacesATruncatedSequenceWithOneReplacementCharacter) {
  // "€" is E2 82 AC; cut after two bytes, then an ASCII letter that must survive.
  EXPECT_EQ(escape_markup("\xe2\x82" "x"), "\uFFFD" "x");
  EXPECT_EQ(escape_markup("end\xe2\x82"), "end\uFFFD");
}

TEST(EscapeMarkupTest, ResultIsAlwaysWellFormedXmlContent) {
  std::string every_byte;
  for (int byte = 0; byte < 256; ++byte) every_byte += static_cast<char>(byte);
  const std::string document = "<t a=\"" + escape_xml_attribute(every_byte) + "\">" +
                               escape_markup(every_byte) + "</t>";
  const XmlParse parsed = parse_xml(document);
  ASSERT_TRUE(parsed.well_formed) << parsed.error;
}

TEST(PrintableTextTest, RepairsWithoutQuoting) {
  EXPECT_EQ(printable_text("<a>&\x1b\xff"), "<a>&\\x1b\uFFFD");
}

TEST(EscapeXmlAttributeTest, KeepsLineBreaksAsCharacterReferences) {
  EXPECT_EQ(escape_xml_attribute("a\nb\tc\rd\"e"), "a&#10;b&#9;c&#13;d&quot;e");
  // ... so that a parser gives them back instead of turning them into spaces.
  const XmlParse parsed =
      parse_xml("<t v=\"" + escape_xml_attribute("line 1\nline 2") + "\"/>");
  ASSERT_TRUE(parsed.well_formed) << parsed.error;
  EXPECT_EQ(*parsed.root.attribute("v"), "line 1\nline 2");
}

}  // namespace
}  // namespace mpdts::report
