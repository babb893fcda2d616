// dpdk-testpmd in interactive mode (`-i`) as the application under test: its port hotplug
// commands typed at the `testpmd> ` prompt, each answer read with the parsers of testpmd_output.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "apps/testpmd_output.hpp"
#include "eal/dpdk_version.hpp"
#include "process/prompt_session.hpp"
#include "topology/topology.hpp"

namespace mpdts {

class TestpmdSession {
 public:
  TestpmdSession(std::unique_ptr<Interactive> process, const TestpmdTarget& target, const Timeouts& timeouts);

  // Waits for the first prompt (EAL, ports and mbuf pool set up); returns the start-up output. Reads
  // the DPDK version EAL printed on the way (testpmd started with `-v`).
  std::string wait_ready();
  // The DPDK this testpmd runs on, from its EAL's "RTE Version" line; nullopt when it printed none.
  const std::optional<DpdkVersion>& dpdk_version() const { return dpdk_version_; }

  PortSummary summary();                          // show port summary all
  // show port summary all, in a testpmd that may die of it: the summary, or (no prompt came because
  // the process ended) how it ended, with what it printed first. A timeout still throws.
  struct SummaryOrExit {
    std::optional<PortSummary> summary;
    std::optional<ExitStatus> exit;
    std::string printed;  // what it printed before it ended
  };
  SummaryOrExit summary_or_exit();
  AttachReply attach(const std::string& devargs);  // port attach <devargs>
  DetachReply detach(int port);                    // port detach <port>
  PortCommandReply start_port(int port);           // port start <port>
  PortCommandReply stop_port(int port);            // port stop <port>
  PortCommandReply close_port(int port);           // port close <port>
  // quit, and wait for the process to exit.
  ExitStatus quit();

  const std::string& name() const { return session_.name(); }
  Interactive& process() { return session_.process(); }

 private:
  PromptSession session_;
  Timeouts timeouts_;
  std::optional<DpdkVersion> dpdk_version_;
};

}  // namespace mpdts
