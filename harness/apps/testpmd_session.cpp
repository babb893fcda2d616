#include "apps/testpmd_session.hpp"

#include <fmt/format.h>

#include "core/error.hpp"

namespace mpdts {

TestpmdSession::TestpmdSession(std::unique_ptr<Interactive> process, const TestpmdTarget& target,
                               const Timeouts& timeouts)
    : session_(std::move(process), target.prompt, Seconds(timeouts.command)), timeouts_(timeouts) {}

std::string TestpmdSession::wait_ready() {
  auto output = session_.wait_prompt(Deadline::in(Seconds(timeouts_.start)));
  dpdk_version_ = eal_reported_version(output);
  return output;
}

PortSummary TestpmdSession::summary() { return parse_port_summary(session_.command("show port summary all")); }

TestpmdSession::SummaryOrExit TestpmdSession::summary_or_exit() {
  SummaryOrExit out;
  try {
    out.summary = summary();
  } catch (const HarnessError&) {
    // No prompt: ended (the session waited for its exit a moment when its output closed) or timed out.
    out.exit = session_.process().exit_status();
    if (!out.exit) throw;
    out.printed = session_.process().unconsumed();
  }
  return out;
}

AttachReply TestpmdSession::attach(const std::string& devargs) {
  return parse_attach_reply(session_.command("port attach " + devargs));
}

DetachReply TestpmdSession::detach(int port) {
  return parse_detach_reply(session_.command(fmt::format("port detach {}", port)));
}

PortCommandReply TestpmdSession::start_port(int port) {
  return parse_port_command_reply(session_.command(fmt::format("port start {}", port)));
}

PortCommandReply TestpmdSession::stop_port(int port) {
  return parse_port_command_reply(session_.command(fmt::format("port stop {}", port)));
}

PortCommandReply TestpmdSession::close_port(int port) {
  return parse_port_command_reply(session_.command(fmt::format("port close {}", port)));
}

ExitStatus TestpmdSession::quit() {
  return session_.send_and_wait_exit("quit", Deadline::in(Seconds(timeouts_.quit)));
}

}  // namespace mpdts
