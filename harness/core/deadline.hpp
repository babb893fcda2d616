// A point in time by which something must have happened. Every wait in the harness takes one, so a
// hung target fails its case instead of hanging the suite, and no wait is a fixed sleep.
#pragma once

#include <chrono>
#include <string>

namespace mpdts {

using Clock = std::chrono::steady_clock;
using Seconds = std::chrono::duration<double>;

class Deadline {
 public:
  explicit Deadline(Clock::time_point at) : at_(at) {}
  static Deadline in(Seconds d) { return Deadline(Clock::now() + std::chrono::duration_cast<Clock::duration>(d)); }

  Clock::time_point at() const { return at_; }
  bool expired() const { return Clock::now() >= at_; }
  // Milliseconds left, rounded up, for poll(2); 0 once expired.
  int poll_ms() const;
  // Whichever comes first.
  Deadline earliest(const Deadline& other) const { return at_ < other.at_ ? *this : other; }

 private:
  Clock::time_point at_;
};

std::string format_seconds(Seconds d);  // "1.234s"

}  // namespace mpdts
