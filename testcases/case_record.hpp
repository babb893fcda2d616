// What every plan case leaves for the reports, whatever its plan: which plan and case of it it
// runs and its labels (recorded first), its transcript (written last), and the check that its
// bench, once destroyed, left none of the paths it made.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "check_ids.hpp"
#include "eal/dpdk_version.hpp"
#include "mpdts/report/record_keys.hpp"
#include "process/interactive.hpp"
#include "process/transcript.hpp"
#include "phase_clock.hpp"
#include "suite_context.hpp"

namespace mpdts::suite {

// labels: comma-separated, e.g. "hotplug,virtual".
inline void record_case(const std::string& plan, const std::string& plan_case, const std::string& labels) {
  namespace key = report::property;
  testing::Test::RecordProperty(key::kPlan, plan);
  testing::Test::RecordProperty(key::kPlanCase, plan_case);
  testing::Test::RecordProperty(key::kLabels, labels);
}

// Writes the transcript to <results>/transcripts/<case>.log and records that path, and the DPDK
// version the case's processes reported in it (the DPDK that ran).
inline void write_transcript(const Transcript& transcript) {
  const auto rel = std::filesystem::path("transcripts") / (case_file_name() + ".log");
  const auto file = results_dir() / rel;
  std::filesystem::create_directories(file.parent_path());
  const std::string text = transcript.text();
  std::ofstream(file) << text;
  testing::Test::RecordProperty(report::property::kTranscriptFile, rel.string());
  if (const auto ran = summarize_dpdk_versions(reported_dpdk_versions(text)); !ran.empty())
    testing::Test::RecordProperty(report::property::kDpdkVersion, ran);
}

// A harness error the case caught (a timeout, a process that ended, a bench that failed), as a failed
// check of its kind (check_ids.hpp: harness_error_check).
inline void harness_error(const std::exception& e) { MPDTS_CHECK_FAILED(harness_error_check(e.what())) << e.what(); }

// The exit of a process the case quit: code 0, no signal (`who`: "the primary").
inline void expect_clean_quit(const ExitStatus& status, const std::string& who) {
  if (status.code != 0 || status.signal != 0)
    MPDTS_CHECK_FAILED("case.quit-exit-code") << who << " " << status.describe() << " on quit";
}

// Call after the bench is gone: every path it made must be gone too.
inline void expect_nothing_left(const std::vector<std::string>& made) {
  for (const auto& path : made)
    if (std::filesystem::exists(path)) MPDTS_CHECK_FAILED("case.nothing-left") << "the case left " << path << " behind";
}
// Same, for paths the bench made on `node`.
inline void expect_nothing_left(Node& node, const std::vector<std::string>& made) {
  for (const auto& path : made)
    if (node.exists(path))
      MPDTS_CHECK_FAILED("case.nothing-left") << "the case left " << path << " behind on node " << node.name();
}

// A case's end, whatever happened in it: the bench (held in a unique_ptr or optional; any type with
// made(), and node() if it runs on a node) is destroyed — every process stopped, every side effect
// undone — then checked to have left nothing where it made it, and the transcript is written last
// so that it holds the teardown too. (The node outlives the bench: the suite owns it.)
// `phases`, if given, is recorded once the bench is gone (its cleanup phase then ends).
template <class BenchHolder>
void end_case(BenchHolder& bench, const Transcript& transcript, PhaseClock* phases = nullptr) {
  std::vector<std::string> made;
  Node* node = nullptr;
  if (bench) {
    made = bench->made();
    if constexpr (requires { bench->node(); }) node = &bench->node();
  }
  bench.reset();
  if (phases) phases->record();
  if (node)
    expect_nothing_left(*node, made);
  else
    expect_nothing_left(made);
  write_transcript(transcript);
}

}  // namespace mpdts::suite
