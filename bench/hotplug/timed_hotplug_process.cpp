#include "hotplug/timed_hotplug_process.hpp"

namespace mpdts::bench {
namespace {

double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

}  // namespace

TimedHotplugProcess::TimedHotplugProcess(std::unique_ptr<Interactive> process, const HotplugContract& contract,
                                         const Timeouts& timeouts)
    : created_(Clock::now()),
      session_(std::move(process), contract.prompt, Seconds(timeouts.command)),
      contract_(contract),
      timeouts_(timeouts),
      attach_ok_(contract.attach_ok),
      attach_failed_(contract.attach_failed),
      detach_ok_(contract.detach_ok),
      detach_failed_(contract.detach_failed) {}

double TimedHotplugProcess::wait_ready() {
  session_.wait_prompt(Deadline::in(Seconds(timeouts_.start)));
  return ms_since(created_);
}

TimedReply TimedHotplugProcess::timed(const std::string& line, const boost::regex& ok, const boost::regex& failed) {
  const Deadline deadline = Deadline::in(session_.command_timeout());
  TimedReply r;
  const auto t0 = Clock::now();
  session_.process().send_line(line);
  // The result line, seen without consuming it: the prompt wait below takes the whole response.
  const bool seen = session_.process().wait_output(
      [&](const std::string& out) { return boost::regex_search(out, ok) || boost::regex_search(out, failed); },
      deadline);
  r.to_result_ms = ms_since(t0);
  r.text = session_.wait_prompt(deadline);
  r.to_prompt_ms = ms_since(t0);
  if (!seen) r.to_result_ms = r.to_prompt_ms;  // no result line at all: judged below as neither
  r.success = boost::regex_search(r.text, ok);
  r.failure = boost::regex_search(r.text, failed);
  return r;
}

TimedReply TimedHotplugProcess::attach(const std::string& devargs) {
  return timed("attach " + devargs, attach_ok_, attach_failed_);
}

TimedReply TimedHotplugProcess::detach(const std::string& devargs) {
  return timed("detach " + devargs, detach_ok_, detach_failed_);
}

std::vector<ListedPort> TimedHotplugProcess::list(double* ms) {
  const auto t0 = Clock::now();
  const std::string response = session_.command("list");
  if (ms) *ms = ms_since(t0);
  return HotplugApp::parse_list(response, contract_, name());
}

ExitStatus TimedHotplugProcess::quit() {
  return session_.send_and_wait_exit(contract_.quit_command, Deadline::in(Seconds(timeouts_.quit)));
}

}  // namespace mpdts::bench
