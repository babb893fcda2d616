// The scaling benchmark's results as files: a summary CSV (one row per level, requester and
// operation: median, p10/p25/p75/p90, min, max, mean), every sample as CSV, and the SVG plot of
// attach and detach latency against the number of secondaries (median, bars p10–p90).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "hotplug/hotplug_scaling.hpp"
#include "stats/sample_summary.hpp"

namespace mpdts::bench {

struct ScalingRow {
  int secondaries = 0;
  Requester requester = Requester::Primary;
  HotplugOp op = HotplugOp::Attach;
  SampleSummary to_prompt;  // the latency a user waits
  SampleSummary to_result;  // until the result line showed
};

// One row per (secondaries, requester, op) present in the samples, in level order.
std::vector<ScalingRow> summarize_scaling(const std::vector<LatencySample>& samples);

std::string summary_csv(const std::vector<ScalingRow>& rows);
std::string samples_csv(const std::vector<LatencySample>& samples);
// `note` goes under the plot (machine, load, repetitions).
std::string scaling_svg(const std::vector<ScalingRow>& rows, const std::string& note);
// The summary as an aligned text table for the terminal (milliseconds).
std::string scaling_table(const std::vector<ScalingRow>& rows);

// File names inside the results directory (the HTML report links the SVG by this name).
inline constexpr const char* kScalingSummaryCsv = "hotplug-scaling.csv";
inline constexpr const char* kScalingSamplesCsv = "hotplug-scaling-samples.csv";
inline constexpr const char* kScalingSvg = "hotplug-scaling.svg";
inline constexpr const char* kScalingTranscript = "hotplug-scaling-transcript.log";

}  // namespace mpdts::bench
