#include "apps/testpmd_backend.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "process/child_process.hpp"

namespace mpdts {

TestpmdBackend::TestpmdBackend(const TestpmdTarget& target, const std::vector<VhostPort>& ports,
                               const Timeouts& timeouts, Transcript& transcript)
    // The vhost side needs no hugepages of its own: it maps the frontend's memory from the fds it receives.
    : sandbox_("vhost", false, transcript), timeouts_(timeouts) {
  // No -l: testpmd needs a forwarding lcore besides its main one; the topology may restrict cores.
  std::vector<std::string> argv{target.path.string()};
  for (auto& a : sandbox_.args()) argv.push_back(a);
  for (std::size_t i = 0; i < ports.size(); ++i)
    argv.insert(argv.end(), {"--vdev", fmt::format("net_vhost{},iface={},queues={},client={}", i,
                                                   ports[i].socket.string(), ports[i].queues, ports[i].client ? 1 : 0)});
  // Quiet: vhost's negotiation log and testpmd's link/queue event lines arrive while a command's echo
  // and the next prompt are being written, character by character, and can split the prompt so it is
  // never seen (a sampled counter read timed out that way mid-negotiation). Warnings still show.
  argv.push_back("--log-level=lib.vhost.config:warning");
  argv.insert(argv.end(), target.eal_args.begin(), target.eal_args.end());
  int queues = 1;
  for (const auto& p : ports) queues = std::max(queues, p.queues);
  // testpmd's default pool (~155k mbufs) does not fit the backend's --no-huge memory; 8k is plenty
  // (vhost holds no mbufs in its rings: it copies into the frontend's buffers). No link-status poll
  // after a port start/stop: it costs 100 ms a time and nothing here reads the link state.
  argv.insert(argv.end(), {"--", "-i", "--total-num-mbufs=8192", "--disable-link-check",
                           "--mask-event=intr_lsc", "--mask-event=queue_state",
                           fmt::format("--rxq={}", queues), fmt::format("--txq={}", queues)});

  session_ = std::make_unique<PromptSession>(
      std::make_unique<ChildProcess>(SpawnOptions{argv, "testpmd", true, std::nullopt, {}}, transcript), target.prompt,
      Seconds(timeouts.command));
  session_->wait_prompt(Deadline::in(Seconds(timeouts.start)));
  for (const auto& p : ports)
    if (!p.client && !std::filesystem::exists(p.socket))
      throw HarnessError(fmt::format("testpmd is up but its vhost-user socket {} does not exist", p.socket.string()));
}

TestpmdBackend::~TestpmdBackend() {
  if (!session_) return;
  try {
    session_->send_and_wait_exit("quit", Deadline::in(Seconds(timeouts_.quit)));
  } catch (const std::exception& e) {
    session_->process().transcript().note("testpmd", std::string("did not quit cleanly: ") + e.what());
  }
  session_.reset();  // stops the process group if it is still there
}

}  // namespace mpdts
