#include "mpdts/report/svg_embedding.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "mpdts/report/xml_checker.hpp"
#include "sample_bench.hpp"

namespace mpdts::report {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::string svg_with(std::string_view inside) {
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
         "width=\"10\" height=\"10\">" +
         std::string(inside) + "</svg>\n";
}

TEST(SvgEmbeddingTest, ThePlotMpdtsBenchWritesIsEmbeddedAsItIs) {
  std::string plot = test::sample_bench_file("hotplug-scaling.svg");
  const SvgForPage page = svg_for_page(plot);
  EXPECT_EQ(page.refused, "");
  plot.pop_back();  // the final line break
  EXPECT_EQ(page.svg, plot);
}

TEST(SvgEmbeddingTest, DropsWhatComesBeforeTheRootAndCommentsInside) {
  const SvgForPage page = svg_for_page(
      "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n"
      "<!-- written by hand -->\n<svg width=\"1\"><!-- a --><rect width=\"1\"/><?pi x?></svg>\n<!-- end -->\n");
  EXPECT_EQ(page.refused, "");
  EXPECT_EQ(page.svg, "<svg width=\"1\"><rect width=\"1\"/></svg>");
}

TEST(SvgEmbeddingTest, ACommentAnHtmlParserWouldEndEarlyIsDroppedWithWhatItHides) {
  // XML: one comment. HTML: "<!-->" is a whole comment, so the <img> after it would be markup.
  const SvgForPage page = svg_for_page(svg_with("<!--><img src=\"http://example.com/x.png\"/>--><rect/>"));
  EXPECT_EQ(page.refused, "");
  EXPECT_THAT(page.svg, Not(HasSubstr("img")));
  EXPECT_THAT(page.svg, HasSubstr("<rect/></svg>"));
}

TEST(SvgEmbeddingTest, LocalReferencesAreFine) {
  const SvgForPage page = svg_for_page(svg_with(
      "<defs><clipPath id=\"c\"><rect width=\"5\"/></clipPath></defs>"
      "<use xlink:href=\"#c\"/><g clip-path=\"url(#c)\" fill=\"url( '#c' )\"><text>a \\ b</text></g>"));
  EXPECT_EQ(page.refused, "");
  EXPECT_THAT(page.svg, HasSubstr("<use xlink:href=\"#c\"/>"));
}

struct Hostile {
  const char* what;
  std::string svg;
  const char* refused;
};

void PrintTo(const Hostile& hostile, std::ostream* os) { *os << hostile.what; }

class HostileSvgTest : public ::testing::TestWithParam<Hostile> {};

TEST_P(HostileSvgTest, IsRefusedSayingWhy) {
  const SvgForPage page = svg_for_page(GetParam().svg);
  EXPECT_EQ(page.svg, "");
  EXPECT_EQ(page.refused, GetParam().refused);
}

INSTANTIATE_TEST_SUITE_P(
    Svg, HostileSvgTest,
    ::testing::Values(
        Hostile{"Script", svg_with("<script>alert(1)</script>"), "it contains a <script> element"},
        Hostile{"ScriptInUpperCase", svg_with("<g><SCRIPT>alert(1)</SCRIPT></g>"),
                "it contains a <script> element"},
        Hostile{"PrefixedScript", svg_with("<svg:script xmlns:svg=\"http://www.w3.org/2000/svg\"/>"),
                "it contains a <script> element"},
        Hostile{"OnLoad", "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>",
                "it has the event attribute onload on <svg>"},
        Hostile{"OnClickInUpperCase", svg_with("<rect ONCLICK=\"alert(1)\"/>"),
                "it has the event attribute ONCLICK on <rect>"},
        Hostile{"ExternalXlinkHref", svg_with("<use xlink:href=\"http://example.com/x.svg#a\"/>"),
                "it links to xlink:href=\"http://example.com/x.svg#a\" on <use>, not to a #fragment of itself"},
        Hostile{"JavascriptHref", svg_with("<use href=\"javascript:alert(1)\"/>"),
                "it links to href=\"javascript:alert(1)\" on <use>, not to a #fragment of itself"},
        Hostile{"EncodedHref", svg_with("<use href=\"&#104;ttp://example.com/\"/>"),
                "it links to href=\"http://example.com/\" on <use>, not to a #fragment of itself"},
        Hostile{"ExternalUrl", svg_with("<rect fill=\"URL('http://example.com/p.svg#p')\"/>"),
                "it refers to URL('http://example.com/p.svg#p') in its fill attribute on <rect>, not to a "
                "#fragment of itself"},
        Hostile{"CssEscape", svg_with("<rect fill=\"\\75 rl(http://example.com/)\"/>"),
                "its fill attribute on <rect> holds a backslash (a CSS escape could hide a url())"},
        Hostile{"StyleAttribute", svg_with("<rect style=\"fill: red\"/>"),
                "it has a style attribute on <rect> (CSS can fetch files)"},
        Hostile{"StyleElement", svg_with("<style>@import 'http://example.com/a.css';</style>"),
                "it contains a <style> element (CSS can fetch files)"},
        Hostile{"XmlBase", svg_with("<g xml:base=\"http://example.com/\"><use href=\"#a\"/></g>"),
                "it has an xml:base attribute on <g>"},
        Hostile{"ForeignObject", svg_with("<foreignObject><p>hi</p></foreignObject>"),
                "it contains a <foreignObject> element"},
        Hostile{"Image", svg_with("<image href=\"#a\"/>"),
                "it contains a <image> element, which is not one a plot is drawn with"},
        Hostile{"HtmlThatEndsTheSvg", svg_with("<p>text</p>"),
                "it contains a <p> element, which is not one a plot is drawn with"},
        Hostile{"NotWellFormed", "<svg><rect></svg>",
                "it is not well-formed XML (line 1: end tag does not match <rect>)"},
        Hostile{"InternalSubset", "<!DOCTYPE svg [<!ENTITY a \"b\">]><svg/>",
                "it is not well-formed XML (line 1: DOCTYPE internal subsets are not supported)"},
        Hostile{"NotAnSvg", "<html/>", "its root element is <html>, not <svg>"}),
    [](const ::testing::TestParamInfo<Hostile>& info) { return std::string(info.param.what); });

TEST(SvgEmbeddingTest, WhatItEmbedsIsWellFormed) {
  const SvgForPage page = svg_for_page(test::sample_bench_file("hotplug-scaling.svg"));
  const XmlParse parsed = parse_xml(page.svg);
  ASSERT_TRUE(parsed.well_formed) << parsed.error;
  EXPECT_EQ(parsed.root.name, "svg");
}

}  // namespace
}  // namespace mpdts::report
