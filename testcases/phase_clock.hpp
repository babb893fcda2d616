// Wall time per phase of a case (start, steps, cleanup, vm_boot), recorded as properties of its case
// record ("phase_start_s": "0.412") so the reports and `mpdts-bench suite-times` can show where a
// suite's time goes. Phases follow each other: entering one ends the one before.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <string>

#include <fmt/format.h>

#include "mpdts/report/record_keys.hpp"

namespace mpdts::suite {

class PhaseClock {
 public:
  using Clock = std::chrono::steady_clock;

  // Ends the current phase (if any) and starts `phase`; a phase entered again accumulates.
  void enter(const std::string& phase) {
    stop();
    current_ = phase;
    since_ = Clock::now();
  }
  // Ends the current phase.
  void stop() {
    if (current_.empty()) return;
    seconds_[current_] += std::chrono::duration<double>(Clock::now() - since_).count();
    current_.clear();
  }
  // Moves `seconds` of the current phase into `phase`: time the current phase contained that
  // belongs to another (the VM lab's boot, inside the start of the case that brought it up).
  void carve(const std::string& phase, double seconds) {
    if (seconds <= 0) return;
    seconds_[phase] += seconds;
    if (!current_.empty()) since_ += std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  }
  // Ends the current phase and records every phase's total as a property of the running case.
  void record() {
    stop();
    namespace key = report::property;
    for (const auto& [phase, s] : seconds_)
      testing::Test::RecordProperty(std::string(key::kPhasePrefix) + phase + key::kPhaseSuffix, fmt::format("{:.3f}", s));
  }
  const std::map<std::string, double>& totals() const { return seconds_; }

 private:
  std::string current_;
  Clock::time_point since_{};
  std::map<std::string, double> seconds_;
};

}  // namespace mpdts::suite
