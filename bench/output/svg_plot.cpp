#include "output/svg_plot.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

namespace mpdts::bench {
namespace {

// Canvas and margins, in SVG user units (pixels at 100 %).
constexpr double kWidth = 720, kHeight = 470;
constexpr double kLeft = 70, kRight = 190, kTop = 40, kBottom = 100;
constexpr double kPlotW = kWidth - kLeft - kRight, kPlotH = kHeight - kTop - kBottom;

std::string num(double v) { return fmt::format("{:.1f}", v); }

// A tick label without trailing zeros: 0.5, 2, 12.5.
std::string tick_label(double v) {
  std::string s = fmt::format("{:.3f}", v);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

void validate(const LinePlot& plot) {
  bool any = false;
  for (const auto& s : plot.series)
    for (const auto& p : s.points) {
      any = true;
      for (double v : {p.x, p.median, p.low, p.high})
        if (!std::isfinite(v)) throw std::invalid_argument("plot: non-finite value in series " + s.name);
      if (p.low > p.median || p.median > p.high)
        throw std::invalid_argument("plot: series " + s.name + " has low > median or median > high");
      if (plot.log2_x && p.x <= 0) throw std::invalid_argument("plot: x <= 0 on a log2 axis in " + s.name);
    }
  if (!any) throw std::invalid_argument("plot: no point to draw");
}

}  // namespace

std::string xml_escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

double nice_tick_step(double max) {
  if (!(max > 0) || !std::isfinite(max)) return 1.0;
  const double raw = max / 5.0;
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * power >= raw) return m * power;
  return 10.0 * power;
}

std::string render_svg(const LinePlot& plot) {
  validate(plot);
  const auto xpos = [&](double x) { return plot.log2_x ? std::log2(x) : x; };

  double x_min = INFINITY, x_max = -INFINITY, y_max = 0;
  for (const auto& s : plot.series)
    for (const auto& p : s.points) {
      x_min = std::min(x_min, xpos(p.x));
      x_max = std::max(x_max, xpos(p.x));
      y_max = std::max(y_max, p.high);
    }
  std::vector<double> x_ticks = plot.x_ticks;
  if (x_ticks.empty())
    for (const auto& s : plot.series)
      if (!s.points.empty()) {
        for (const auto& p : s.points) x_ticks.push_back(p.x);
        break;
      }
  const double step = nice_tick_step(y_max);
  const double y_top = std::max(step, std::ceil(y_max / step) * step);
  const double x_span = x_max > x_min ? x_max - x_min : 1.0;
  // A single x sits in the middle; otherwise a small inset keeps error bars off the axes.
  const auto sx = [&](double x) {
    if (x_max == x_min) return kLeft + kPlotW / 2;
    return kLeft + kPlotW * (0.05 + 0.9 * (xpos(x) - x_min) / x_span);
  };
  const auto sy = [&](double y) { return kTop + kPlotH * (1.0 - y / y_top); };

  std::string svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" "
      "font-family=\"sans-serif\" font-size=\"12\">\n"
      "<title>{2}</title>\n<rect width=\"{0}\" height=\"{1}\" fill=\"white\"/>\n"
      "<text x=\"{3}\" y=\"22\" font-size=\"15\" font-weight=\"bold\">{2}</text>\n",
      num(kWidth), num(kHeight), xml_escape(plot.title), num(kLeft));

  // Grid and y ticks.
  for (int i = 0; i * step <= y_top + step / 1000; ++i) {
    const double y = sy(i * step);
    svg += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" stroke=\"#ddd\"/>"
                       "<text x=\"{3}\" y=\"{4}\" text-anchor=\"end\">{5}</text>\n",
                       num(kLeft), num(y), num(kLeft + kPlotW), num(kLeft - 6), num(y + 4), tick_label(i * step));
  }
  for (double x : x_ticks)
    svg += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#333\"/>"
                       "<text x=\"{0}\" y=\"{3}\" text-anchor=\"middle\">{4}</text>\n",
                       num(sx(x)), num(kTop + kPlotH), num(kTop + kPlotH + 5), num(kTop + kPlotH + 19),
                       tick_label(x));
  // Axes and their labels.
  svg += fmt::format("<polyline points=\"{0},{1} {0},{2} {3},{2}\" fill=\"none\" stroke=\"#333\"/>\n", num(kLeft),
                     num(kTop), num(kTop + kPlotH), num(kLeft + kPlotW));
  svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n", num(kLeft + kPlotW / 2),
                     num(kTop + kPlotH + 38), xml_escape(plot.x_label));
  svg += fmt::format("<text transform=\"translate({},{}) rotate(-90)\" text-anchor=\"middle\">{}</text>\n",
                     num(18), num(kTop + kPlotH / 2), xml_escape(plot.y_label));

  // Series: error bars, the median line, its markers; then the legend entry.
  int row = 0;
  for (const auto& s : plot.series) {
    const std::string colour = xml_escape(s.colour.empty() ? "#000" : s.colour);
    svg += fmt::format("<g class=\"series\" stroke=\"{}\"><desc>{}</desc>\n", colour, xml_escape(s.name));
    std::string line;
    for (const auto& p : s.points) {
      const double x = sx(p.x);
      svg += fmt::format("<line class=\"spread\" x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\"/>"
                         "<line x1=\"{3}\" y1=\"{1}\" x2=\"{4}\" y2=\"{1}\"/><line x1=\"{3}\" y1=\"{2}\" x2=\"{4}\" "
                         "y2=\"{2}\"/>\n",
                         num(x), num(sy(p.low)), num(sy(p.high)), num(x - 4), num(x + 4));
      line += (line.empty() ? "" : " ") + num(x) + "," + num(sy(p.median));
    }
    if (!line.empty())
      svg += fmt::format("<polyline class=\"median\" points=\"{}\" fill=\"none\" stroke-width=\"2\"{}/>\n", line,
                         s.dash.empty() ? "" : " stroke-dasharray=\"" + xml_escape(s.dash) + "\"");
    for (const auto& p : s.points)
      svg += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"3\" fill=\"{}\"/>\n", num(sx(p.x)), num(sy(p.median)), colour);
    svg += "</g>\n";
    const double ly = kTop + 10 + 20.0 * row++;
    const double lx = kLeft + kPlotW + 15;
    svg += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"2\"{}/>"
                       "<text x=\"{}\" y=\"{}\">{}</text>\n",
                       num(lx), num(ly), num(lx + 22), num(ly), colour,
                       s.dash.empty() ? "" : " stroke-dasharray=\"" + xml_escape(s.dash) + "\"", num(lx + 28),
                       num(ly + 4), xml_escape(s.name));
  }
  // Small print, one text line per line of the note, the last one at the bottom.
  std::vector<std::string> note_lines;
  for (std::size_t from = 0; from <= plot.note.size();) {
    const auto nl = plot.note.find('\n', from);
    note_lines.push_back(plot.note.substr(from, nl == std::string::npos ? std::string::npos : nl - from));
    if (nl == std::string::npos) break;
    from = nl + 1;
  }
  for (std::size_t i = 0; i < note_lines.size(); ++i)
    svg += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"10\" fill=\"#555\">{}</text>\n", num(10),
                       num(kHeight - 8 - 13.0 * static_cast<double>(note_lines.size() - 1 - i)),
                       xml_escape(note_lines[i]));
  svg += "</svg>\n";
  return svg;
}

}  // namespace mpdts::bench
