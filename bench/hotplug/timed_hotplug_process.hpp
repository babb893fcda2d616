// One hotplug_mp process for the scaling benchmark: the same prompt engine and output contract as the
// conformance cases (apps/hotplug_app), plus two clocks per command — until the result line shows,
// and until the prompt is back — so a command's latency is what a user at the prompt waits.
#pragma once

#include <boost/regex.hpp>
#include <memory>
#include <string>
#include <vector>

#include "apps/hotplug_app.hpp"
#include "process/prompt_session.hpp"
#include "topology/topology.hpp"

namespace mpdts::bench {

struct TimedReply {
  std::string text;         // what the command printed before the prompt came back
  bool success = false;     // the contract's success line was printed
  bool failure = false;     // the contract's failure line was printed
  double to_result_ms = 0;  // from sending the line to the result line (ok or failed) showing
  double to_prompt_ms = 0;  // from sending the line to the prompt coming back
};

class TimedHotplugProcess {
 public:
  TimedHotplugProcess(std::unique_ptr<Interactive> process, const HotplugContract& contract, const Timeouts& timeouts);

  // Waits for the first prompt; returns the milliseconds since construction (start-up time).
  double wait_ready();
  TimedReply attach(const std::string& devargs);
  TimedReply detach(const std::string& devargs);
  // `list`, parsed; `ms` gets the round-trip (a command that does no hotplug work: the floor).
  std::vector<ListedPort> list(double* ms = nullptr);
  ExitStatus quit();
  const std::string& name() const { return session_.name(); }

 private:
  TimedReply timed(const std::string& line, const boost::regex& ok, const boost::regex& failed);

  Clock::time_point created_;
  PromptSession session_;
  HotplugContract contract_;
  Timeouts timeouts_;
  boost::regex attach_ok_, attach_failed_, detach_ok_, detach_failed_;
};

}  // namespace mpdts::bench
