#include "output/svg_plot.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <regex>
#include <stdexcept>

namespace mpdts::bench {
namespace {

int count(const std::string& text, const std::string& what) {
  int n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

LinePlot two_series() {
  LinePlot p;
  p.title = "latency <ms> & more";
  p.x_label = "secondaries";
  p.y_label = "ms";
  p.log2_x = true;
  p.series.push_back({"attach", "#1f77b4", "", {{1, 2, 1, 3}, {2, 4, 3, 5}, {4, 8, 6, 12}}});
  p.series.push_back({"detach", "#d62728", "6,4", {{1, 1, 1, 1}, {2, 2, 1, 3}, {4, 3, 2, 4}}});
  return p;
}

TEST(SvgPlot, OneMedianLinePerSeriesWithOneBarPerPoint) {
  const auto svg = render_svg(two_series());
  EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u);
  EXPECT_EQ(svg.substr(svg.size() - 7), "</svg>\n");
  EXPECT_EQ(count(svg, "class=\"median\""), 2);
  EXPECT_EQ(count(svg, "class=\"spread\""), 6);
  EXPECT_EQ(count(svg, "<circle"), 6);
  EXPECT_EQ(count(svg, "stroke-dasharray=\"6,4\""), 2);  // the dashed line and its legend sample
  // Every median line has as many vertices as its series has points.
  const std::regex line(R"re(class="median" points="([^"]*)")re");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), line); it != std::sregex_iterator(); ++it)
    EXPECT_EQ(count((*it)[1].str(), ",") , 3);
}

TEST(SvgPlot, TextIsEscapedAndNoExternalResourceIsUsed) {
  const auto svg = render_svg(two_series());
  EXPECT_NE(svg.find("latency &lt;ms&gt; &amp; more"), std::string::npos);
  EXPECT_EQ(svg.find("latency <ms>"), std::string::npos);
  EXPECT_EQ(svg.find("href"), std::string::npos);
  EXPECT_EQ(svg.find("@import"), std::string::npos);
  EXPECT_EQ(svg.find("<script"), std::string::npos);
  EXPECT_NE(svg.find("font-family=\"sans-serif\""), std::string::npos);
}

TEST(SvgPlot, HigherValuesAreDrawnHigherAndLog2SpacesDoublingsEvenly) {
  LinePlot p;
  p.log2_x = true;
  p.series.push_back({"s", "#000", "", {{1, 1, 1, 1}, {2, 2, 2, 2}, {4, 4, 4, 4}}});
  const auto svg = render_svg(p);
  std::regex circle(R"re(<circle cx="([0-9.]+)" cy="([0-9.]+)")re");
  std::vector<std::pair<double, double>> c;
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), circle); it != std::sregex_iterator(); ++it)
    c.emplace_back(std::stod((*it)[1]), std::stod((*it)[2]));
  ASSERT_EQ(c.size(), 3u);
  EXPECT_GT(c[0].second, c[1].second);  // SVG y grows downwards
  EXPECT_GT(c[1].second, c[2].second);
  EXPECT_NEAR(c[1].first - c[0].first, c[2].first - c[1].first, 0.11);
}

TEST(SvgPlot, RefusesWhatCannotBeDrawn) {
  LinePlot empty;
  EXPECT_THROW(render_svg(empty), std::invalid_argument);
  auto nan = two_series();
  nan.series[0].points[0].median = NAN;
  EXPECT_THROW(render_svg(nan), std::invalid_argument);
  auto order = two_series();
  order.series[0].points[0].low = 5;  // above its median
  EXPECT_THROW(render_svg(order), std::invalid_argument);
  auto zero = two_series();
  zero.series[0].points[0].x = 0;  // no log2 of 0
  EXPECT_THROW(render_svg(zero), std::invalid_argument);
}

TEST(SvgPlot, AllZeroValuesAndASinglePointStillDraw) {
  LinePlot p;
  p.series.push_back({"s", "#000", "", {{3, 0, 0, 0}}});
  const auto svg = render_svg(p);
  EXPECT_EQ(svg.find("nan"), std::string::npos);
  EXPECT_EQ(svg.find("inf"), std::string::npos);
}

TEST(SvgPlot, EveryNoteLineIsATextLineOfItsOwn) {
  auto p = two_series();
  p.note = "2 CPUs, busy\n30 repetitions";
  const auto svg = render_svg(p);
  EXPECT_NE(svg.find(">2 CPUs, busy</text>"), std::string::npos);
  EXPECT_NE(svg.find(">30 repetitions</text>"), std::string::npos);
}

TEST(SvgPlot, NiceTickSteps) {
  EXPECT_DOUBLE_EQ(nice_tick_step(10), 2);
  EXPECT_DOUBLE_EQ(nice_tick_step(37), 10);
  EXPECT_DOUBLE_EQ(nice_tick_step(0.8), 0.2);
  EXPECT_DOUBLE_EQ(nice_tick_step(0), 1);
  for (double max : {0.03, 1.0, 7.0, 45.0, 999.0}) {
    const double ticks = max / nice_tick_step(max);
    EXPECT_GE(ticks, 1.9) << max;
    EXPECT_LE(ticks, 10.0) << max;
  }
}

}  // namespace
}  // namespace mpdts::bench
