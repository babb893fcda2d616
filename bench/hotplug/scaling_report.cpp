#include "hotplug/scaling_report.hpp"

#include <map>
#include <tuple>

#include <fmt/format.h>

#include "output/csv.hpp"
#include "output/svg_plot.hpp"

namespace mpdts::bench {

std::vector<ScalingRow> summarize_scaling(const std::vector<LatencySample>& samples) {
  using Key = std::tuple<int, int, int>;
  std::map<Key, std::pair<std::vector<double>, std::vector<double>>> groups;  // → (to_prompt, to_result)
  for (const auto& s : samples) {
    auto& g = groups[{s.secondaries, static_cast<int>(s.requester), static_cast<int>(s.op)}];
    g.first.push_back(s.to_prompt_ms);
    g.second.push_back(s.to_result_ms);
  }
  std::vector<ScalingRow> rows;
  for (const auto& [key, g] : groups)
    rows.push_back({std::get<0>(key), static_cast<Requester>(std::get<1>(key)), static_cast<HotplugOp>(std::get<2>(key)),
                    summarize(g.first), summarize(g.second)});
  return rows;
}

std::string summary_csv(const std::vector<ScalingRow>& rows) {
  std::string out = csv_line({"secondaries", "requester", "operation", "count", "median_ms", "p10_ms", "p25_ms",
                              "p75_ms", "p90_ms", "min_ms", "max_ms", "mean_ms", "to_result_median_ms"});
  for (const auto& r : rows) {
    const auto& s = r.to_prompt;
    out += csv_line({std::to_string(r.secondaries), to_string(r.requester), to_string(r.op), std::to_string(s.count),
                     csv_number(s.median), csv_number(s.p10), csv_number(s.p25), csv_number(s.p75), csv_number(s.p90),
                     csv_number(s.min), csv_number(s.max), csv_number(s.mean), csv_number(r.to_result.median)});
  }
  return out;
}

std::string samples_csv(const std::vector<LatencySample>& samples) {
  std::string out = csv_line({"secondaries", "requester", "operation", "repetition", "to_result_ms", "to_prompt_ms"});
  for (const auto& s : samples)
    out += csv_line({std::to_string(s.secondaries), to_string(s.requester), to_string(s.op),
                     std::to_string(s.repetition), csv_number(s.to_result_ms), csv_number(s.to_prompt_ms)});
  return out;
}

std::string scaling_svg(const std::vector<ScalingRow>& rows, const std::string& note) {
  LinePlot plot;
  plot.title = "hotplug_mp: net_null attach/detach latency vs secondaries";
  plot.x_label = "secondary processes running (plus one primary)";
  plot.y_label = "ms from command to prompt (median, bar p10-p90)";
  plot.log2_x = true;
  plot.note = note;
  struct Style {
    Requester who;
    HotplugOp op;
    const char* colour;
    const char* dash;
  };
  for (const Style& st : {Style{Requester::Primary, HotplugOp::Attach, "#1f77b4", ""},
                          Style{Requester::Primary, HotplugOp::Detach, "#1f77b4", "6,4"},
                          Style{Requester::Secondary, HotplugOp::Attach, "#d62728", ""},
                          Style{Requester::Secondary, HotplugOp::Detach, "#d62728", "6,4"}}) {
    PlotSeries s{fmt::format("{} from {}", to_string(st.op), to_string(st.who)), st.colour, st.dash, {}};
    for (const auto& r : rows)
      if (r.requester == st.who && r.op == st.op)
        s.points.push_back({static_cast<double>(r.secondaries), r.to_prompt.median, r.to_prompt.p10, r.to_prompt.p90});
    if (!s.points.empty()) plot.series.push_back(std::move(s));
  }
  return render_svg(plot);
}

std::string scaling_table(const std::vector<ScalingRow>& rows) {
  std::string out = fmt::format("{:>11}  {:<9}  {:<6}  {:>5}  {:>8}  {:>8}  {:>8}  {:>8}\n", "secondaries", "requester",
                                "op", "n", "median", "p10", "p90", "max");
  for (const auto& r : rows)
    out += fmt::format("{:>11}  {:<9}  {:<6}  {:>5}  {:>8.2f}  {:>8.2f}  {:>8.2f}  {:>8.2f}\n", r.secondaries,
                       to_string(r.requester), to_string(r.op), r.to_prompt.count, r.to_prompt.median, r.to_prompt.p10,
                       r.to_prompt.p90, r.to_prompt.max);
  return out;
}

}  // namespace mpdts::bench
