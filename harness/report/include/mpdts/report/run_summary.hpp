// Counting verdicts, for the reports' summaries and the CLI's last line.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "mpdts/report/case_record.hpp"

namespace mpdts::report {

struct Tally {
  int passed = 0;
  int failed = 0;
  int skipped = 0;
  int with_findings = 0;  // passed cases that passed because a recorded DPDK finding occurred
  double seconds = 0.0;  // sum of case durations

  int total() const { return passed + failed + skipped; }
  void add(const CaseRecord& record);
};

Tally tally(const std::vector<CaseRecord>& records);

// The recorded DPDK findings that occurred in a case (its "known_finding[<check>]" properties):
// check id -> what the DPDK version does instead, and what was seen.
std::map<std::string, std::string> known_findings(const CaseRecord& record);

// The accelerators of the cases that booted a VM ("tcg", "kvm"...), each once, in case order.
std::vector<std::string> accelerators(const std::vector<CaseRecord>& records);
// Cases without a plan are counted under "(no plan)".
std::map<std::string, Tally> tally_by_plan(const std::vector<CaseRecord>& records);
// A case counts once under each of its labels; cases without labels under "(no label)".
std::map<std::string, Tally> tally_by_label(const std::vector<CaseRecord>& records);

// "3 passed, 1 failed, 2 skipped"
std::string summary_line(const Tally& tally);

// From the earliest start to the latest start + duration, if start times parse.
std::optional<double> wall_clock_seconds(const std::vector<CaseRecord>& records);

// 1.2345 -> "1.23 s", 75.5 -> "1 min 15.5 s": for people; machines read duration_s.
std::string human_duration(double seconds);

}  // namespace mpdts::report
