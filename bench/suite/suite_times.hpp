// Where a suite run's time went, from its results directory: per plan, the number of cases, their
// wall time and the sum of each phase the cases recorded (phase_<name>_s properties), then the
// slowest cases. What `mpdts-bench suite-times` prints.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "mpdts/report/case_record.hpp"

namespace mpdts::bench {

struct PlanTimes {
  std::string plan;  // "hotplug_mp"; cases that name no plan are under their gtest suite
  int cases = 0, passed = 0, failed = 0, skipped = 0;
  double wall_s = 0;                       // sum of the cases' durations
  std::map<std::string, double> phase_s;   // phase name → sum over the cases that recorded it
};

struct SuiteTimes {
  std::vector<PlanTimes> plans;            // in order of first appearance
  PlanTimes total;                         // plan = "total"
  std::vector<const report::CaseRecord*> slowest;  // by duration, longest first
};

// `records` must outlive the result (slowest points into it).
SuiteTimes suite_times(const std::vector<report::CaseRecord>& records, std::size_t slowest = 5);
std::string render_suite_times(const SuiteTimes& times);

}  // namespace mpdts::bench
