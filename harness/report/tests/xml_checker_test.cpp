// The checker is what the writer tests lean on, so it must reject what it should.
#include "mpdts/report/xml_checker.hpp"

#include <gtest/gtest.h>

namespace mpdts::report {
namespace {

TEST(XmlCheckerTest, AcceptsAndBuildsTheTree) {
  const XmlParse parsed = parse_xml(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- c -->\n"
      "<a x=\"1\" y='&lt;2&#x41;'><b>t&amp;u</b><b/>tail</a>\n");
  ASSERT_TRUE(parsed.well_formed) << parsed.error;
  EXPECT_EQ(parsed.root.name, "a");
  EXPECT_EQ(*parsed.root.attribute("y"), "<2A");
  ASSERT_EQ(parsed.root.descendants("b").size(), 2u);
  EXPECT_EQ(parsed.root.children[0].text, "t&u");
  EXPECT_EQ(parsed.root.text, "tail");
}

TEST(XmlCheckerTest, AcceptsAnHtmlDoctype) {
  EXPECT_TRUE(parse_xml("<!DOCTYPE html>\n<html><p id=\"x\">1</p></html>").well_formed);
}

struct Rejected {
  const char* name;  // names the instance, so ctest sees the same names every build
  const char* document;
  const char* why;
};

void PrintTo(const Rejected& rejected, std::ostream* os) { *os << rejected.why; }

std::string rejected_name(const ::testing::TestParamInfo<Rejected>& info) { return info.param.name; }

class XmlCheckerRejectsTest : public ::testing::TestWithParam<Rejected> {};

TEST_P(XmlCheckerRejectsTest, Rejects) {
  const XmlParse parsed = parse_xml(GetParam().document);
  EXPECT_FALSE(parsed.well_formed) << GetParam().why;
  EXPECT_FALSE(parsed.error.empty());
}

INSTANTIATE_TEST_SUITE_P(
    NotWellFormed, XmlCheckerRejectsTest,
    ::testing::Values(Rejected{"MismatchedEndTag", "<a><b></a>", "mismatched end tag"},
                      Rejected{"UnclosedElement", "<a>", "unclosed element"},
                      Rejected{"RawLessThan", "<a>1 < 2</a>", "raw '<' in text"},
                      Rejected{"BareAmpersand", "<a>AT&T</a>", "bare '&'"},
                      Rejected{"UndefinedEntity", "<a>&nbsp;</a>", "entity XML does not define"},
                      Rejected{"EscCharacter", "<a>\x1b[0m</a>", "ESC character"},
                      Rejected{"ReferenceToEsc", "<a>&#27;</a>", "reference to ESC"},
                      Rejected{"InvalidUtf8", "<a>\xff</a>", "invalid UTF-8"},
                      Rejected{"CdataTerminatorInText", "<a>x]]>y</a>", "CDATA terminator in text"},
                      Rejected{"CdataSection", "<a><![CDATA[x]]></a>", "CDATA section"},
                      Rejected{"DuplicateAttribute", "<a x=\"1\" x=\"2\"/>", "duplicate attribute"},
                      Rejected{"UnquotedAttribute", "<a x=1/>", "unquoted attribute"},
                      Rejected{"TwoRoots", "<a/><b/>", "two roots"},
                      Rejected{"DoubleHyphenInComment", "<a><!-- x -- y --></a>", "\"--\" in a comment"},
                      Rejected{"CommentEndingInHyphen", "<a><!-- x ---></a>", "comment ending in '-'"},
                      Rejected{"CommentThatEndsAtOnce", "<a><!--></a>", "\"<!-->\" opens a comment"},
                      Rejected{"TargetlessInstruction", "<a><?>x?></a>", "processing instruction without a target"}),
    rejected_name);

}  // namespace
}  // namespace mpdts::report
