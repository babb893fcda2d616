#include "mpdts/report/run_summary.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "mpdts/report/record_keys.hpp"
#include "mpdts/report/timestamps.hpp"

namespace mpdts::report {

void Tally::add(const CaseRecord& record) {
  switch (record.status) {
    case CaseStatus::kPassed:
      ++passed;
      if (!known_findings(record).empty()) ++with_findings;
      break;
    case CaseStatus::kFailed: ++failed; break;
    case CaseStatus::kSkipped: ++skipped; break;
  }
  seconds += record.duration_s;
}

std::map<std::string, std::string> known_findings(const CaseRecord& record) {
  const std::string prefix = property::kKnownFindingPrefix;
  std::map<std::string, std::string> out;
  for (const auto& [key, value] : record.properties)
    if (key.size() > prefix.size() + 1 && key.compare(0, prefix.size(), prefix) == 0 && key.back() == ']')
      out.emplace(key.substr(prefix.size(), key.size() - prefix.size() - 1), value);
  return out;
}

std::vector<std::string> accelerators(const std::vector<CaseRecord>& records) {
  std::vector<std::string> out;
  for (const CaseRecord& record : records)
    if (const auto it = record.properties.find(property::kAccelerator); it != record.properties.end())
      if (std::find(out.begin(), out.end(), it->second) == out.end()) out.push_back(it->second);
  return out;
}

Tally tally(const std::vector<CaseRecord>& records) {
  Tally total;
  for (const CaseRecord& record : records) total.add(record);
  return total;
}

std::map<std::string, Tally> tally_by_plan(const std::vector<CaseRecord>& records) {
  std::map<std::string, Tally> by_plan;
  for (const CaseRecord& record : records) {
    by_plan[record.plan.empty() ? "(no plan)" : record.plan].add(record);
  }
  return by_plan;
}

std::map<std::string, Tally> tally_by_label(const std::vector<CaseRecord>& records) {
  std::map<std::string, Tally> by_label;
  for (const CaseRecord& record : records) {
    if (record.labels.empty()) by_label["(no label)"].add(record);
    for (const std::string& label : record.labels) by_label[label].add(record);
  }
  return by_label;
}

std::string summary_line(const Tally& tally) {
  return fmt::format("{} passed, {} failed, {} skipped", tally.passed, tally.failed,
                     tally.skipped);
}

std::optional<double> wall_clock_seconds(const std::vector<CaseRecord>& records) {
  std::optional<double> first_start, last_end;
  for (const CaseRecord& record : records) {
    const auto start_ms = parse_utc_timestamp(record.started);
    if (!start_ms) return std::nullopt;
    const double start = static_cast<double>(*start_ms) / 1000.0;
    const double end = start + record.duration_s;
    first_start = first_start ? std::min(*first_start, start) : start;
    last_end = last_end ? std::max(*last_end, end) : end;
  }
  if (!first_start) return std::nullopt;
  return *last_end - *first_start;
}

std::string human_duration(double seconds) {
  if (seconds <= 0.0) return "0 s";
  if (seconds < 0.001) return "< 1 ms";  // gtest measures milliseconds; avoid "1e-05 s"
  if (seconds < 60.0) return fmt::format("{:.3g} s", seconds);
  const double minutes = std::floor(seconds / 60.0);
  if (minutes < 60.0) return fmt::format("{:.0f} min {:.1f} s", minutes, seconds - minutes * 60);
  const double hours = std::floor(minutes / 60.0);
  return fmt::format("{:.0f} h {:.0f} min", hours, minutes - hours * 60);
}

}  // namespace mpdts::report
