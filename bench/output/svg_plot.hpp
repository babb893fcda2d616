// A small line plot with error bars, written as a self-contained SVG (no script, no external font or
// stylesheet: generic "sans-serif" only), so an HTML report can embed or link it offline. Each series
// is a line through its medians with a vertical bar from its low to its high quantile at each point.
#pragma once

#include <string>
#include <vector>

namespace mpdts::bench {

struct PlotPoint {
  double x = 0;
  double median = 0;
  double low = 0;   // e.g. p10
  double high = 0;  // e.g. p90
};

struct PlotSeries {
  std::string name;    // legend text
  std::string colour;  // any SVG colour, e.g. "#1f77b4"
  std::string dash;    // stroke-dasharray, "" for a solid line
  std::vector<PlotPoint> points;
};

struct LinePlot {
  std::string title;
  std::string x_label;
  std::string y_label;
  bool log2_x = false;          // x positions at log2(x): 1, 2, 4, 8, 16 evenly spaced
  std::vector<double> x_ticks;  // where to label the x axis; empty: every x of the first series
  std::string note;             // small print under the plot (machine, conditions); \n breaks lines
  std::vector<PlotSeries> series;
};

// Throws std::invalid_argument on a plot with no point, a non-finite value, low > median > high
// order broken, or x <= 0 on a log2 axis.
std::string render_svg(const LinePlot& plot);

// Tick step for an axis from 0 to `max`: 1, 2 or 5 times a power of ten, giving 4 to 10 ticks.
double nice_tick_step(double max);
// Text made safe inside SVG/XML text and attribute values.
std::string xml_escape(const std::string& text);

}  // namespace mpdts::bench
