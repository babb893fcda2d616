// Long steps (building the guest image, booting a VM, letting traffic run) say when they begin
// and end, so that `mpdts run` can show what a case is waiting for and for how long. The lines go
// to stdout only when MPDTS_PROGRESS=1 is in the environment (mpdts run sets it); otherwise this
// is silent, and gtest's own output is unchanged:
//   @mpdts-progress begin <what>
//   @mpdts-progress end <seconds> <what>
#pragma once

#include <string>

#include "core/deadline.hpp"

namespace mpdts {

class ProgressStep {
 public:
  explicit ProgressStep(std::string what);
  ~ProgressStep();
  ProgressStep(const ProgressStep&) = delete;
  ProgressStep& operator=(const ProgressStep&) = delete;

 private:
  std::string what_;
  Clock::time_point start_;
};

}  // namespace mpdts
