// Runs a cases binary (mpdts_cases, mpdts_fault_cases) as a subprocess, with a deadline, and reads
// what it decided: each case's verdict, failure messages and duration from --gtest_output=json, its
// transcripts from the results directory, and what the run left behind on this host (DPDK runtime
// dirs, scratch dirs, hugetlbfs mounts and network namespaces of the prefixes its transcripts name,
// processes they say were started). For the tests that show the harness reports a fault.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/deadline.hpp"
#include "process/child_process.hpp"

namespace mpdts::selftest {

struct CaseVerdict {
  std::string name;  // "HotplugMp/Plan.Case/AttachVirtual_FromPrimary"
  bool passed = false;
  bool skipped = false;
  std::vector<std::string> failures;
  double seconds = 0;      // gtest's own measure of the case
  std::string timestamp;   // when it started (ISO 8601, as gtest writes it)
  std::string all_failures() const;
};

class SuiteRun {
 public:
  struct Options {
    std::string binary;
    std::optional<std::filesystem::path> topology;
    std::string filter;
    std::map<std::string, std::string> env;
    Seconds deadline{600};
  };
  explicit SuiteRun(const Options& options);  // runs it; the results live until destruction
  ~SuiteRun();
  SuiteRun(const SuiteRun&) = delete;
  SuiteRun& operator=(const SuiteRun&) = delete;

  const ExitStatus& status() const { return status_; }
  const std::string& output() const { return output_; }  // stdout + stderr of the run
  Seconds duration() const { return duration_; }         // wall time of the whole run
  const std::vector<CaseVerdict>& cases() const { return cases_; }  // in the order they ran
  const CaseVerdict* find(const std::string& name) const;
  // The transcript the suite wrote for a case ("" when none).
  std::string transcript(const std::string& name) const;

  // What the run left on this host, one line each; empty when nothing.
  std::vector<std::string> leftovers() const;
  // EAL prefixes and PIDs its transcripts name (to show the check looked at something).
  std::vector<std::string> prefixes() const;
  std::vector<int> pids() const;

 private:
  std::filesystem::path dir_;
  ExitStatus status_;
  std::string output_;
  Seconds duration_{0};
  std::vector<CaseVerdict> cases_;
};

}  // namespace mpdts::selftest
