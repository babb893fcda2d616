#include "core/progress.hpp"

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace mpdts {
namespace {

bool enabled() {
  static const bool on = [] {
    const char* v = std::getenv("MPDTS_PROGRESS");
    return v && std::strcmp(v, "1") == 0;
  }();
  return on;
}

// One line per call, flushed: the reader is a pipe. Newlines in `what` would split the line.
void say(const std::string& line) {
  std::string one = line;
  for (char& c : one)
    if (c == '\n' || c == '\r') c = ' ';
  std::fprintf(stdout, "@mpdts-progress %s\n", one.c_str());
  std::fflush(stdout);
}

}  // namespace

ProgressStep::ProgressStep(std::string what) : what_(std::move(what)), start_(Clock::now()) {
  if (enabled()) say("begin " + what_);
}

ProgressStep::~ProgressStep() {
  if (!enabled()) return;
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.1f", Seconds(Clock::now() - start_).count());
  say(std::string("end ") + seconds + " " + what_);
}

}  // namespace mpdts
