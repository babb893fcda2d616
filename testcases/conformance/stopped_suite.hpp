// The cases binary as a subprocess that a test stops in the middle of a case (Ctrl-C, SIGKILL) to
// check what is left afterwards. The run echoes its transcript, so the test learns from the run
// itself what it made: EAL prefixes, pids, directories.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "process/prompt_session.hpp"
#include "process/transcript.hpp"

namespace mpdts::conformance {

class StoppedSuite {
 public:
  // Starts MPDTS_CASES with `args` (filter, results, topology...) and `env` besides the echo.
  StoppedSuite(const std::vector<std::string>& args, const std::map<std::string, std::string>& env = {});

  // Mid-case: both hotplug_mp processes of the case are at their prompt.
  void wait_mid_case(Seconds timeout);
  // Sends `signal` and waits for the exit and the rest of the output; nullopt if it did not exit.
  std::optional<ExitStatus> stop(int signal, Seconds timeout);

  pid_t pid();
  const Transcript& transcript() const { return transcript_; }
  std::string text() const { return transcript_.text(); }
  // Every first capture group of `pattern` in what the run printed.
  std::set<std::string> mentions(const char* pattern) const;
  std::set<int> pids_started() const;  // "started, pid N"

 private:
  Transcript transcript_;
  std::unique_ptr<PromptSession> session_;
};

}  // namespace mpdts::conformance
