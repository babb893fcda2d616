// Turns the cases binary's output (gtest's lines and the harness's "@mpdts-progress" lines) into
// what `mpdts run` shows: one line per finished case with its verdict and duration, the failure
// text of a failed case, the long steps inside a case (guest build, VM boot, traffic) as they begin
// and end, and, while a case runs long, a line every 15 s saying what it is waiting for and for how
// long. Every line starts with the run's elapsed time. Pure (time is passed in): unit-tested.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

namespace mpdts::cli {

class ProgressView {
 public:
  using Clock = std::chrono::steady_clock;
  using Print = std::function<void(const std::string&)>;

  // total: cases the run will execute (selected x repeat); verbose: every line of the child too.
  ProgressView(int total, bool verbose, Clock::time_point start, Print print);

  void line(const std::string& text, Clock::time_point now);
  void tick(Clock::time_point now);

  int passed() const { return passed_; }
  int failed() const { return failed_; }
  int skipped() const { return skipped_; }
  int finished() const { return passed_ + failed_ + skipped_; }
  const std::string& running() const { return case_; }  // empty between cases

  static constexpr std::chrono::seconds kQuietFor{15};  // a "still running" line after this much silence

 private:
  void finish_case(const std::string& verdict, Clock::time_point now);
  void say(const std::string& text, Clock::time_point now);
  std::string prefix(Clock::time_point now) const;

  int total_;
  bool verbose_;
  Clock::time_point start_;
  Print print_;
  int started_ = 0, passed_ = 0, failed_ = 0, skipped_ = 0;
  std::string case_;  // running case
  Clock::time_point case_start_{};
  std::vector<std::string> body_;  // the running case's output
  std::string step_;               // running long step
  Clock::time_point step_start_{};
  Clock::time_point last_said_{};
};

// "0:07", "12:34", "1:02:03"
std::string clock_text(std::chrono::seconds elapsed);

}  // namespace mpdts::cli
