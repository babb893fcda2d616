// dpdk-testpmd as the vhost-user side of virtio-user (and later of a VM): it owns net_vhost ports on
// unix sockets, runs with a prefix of its own and is driven at its `testpmd> ` prompt.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "eal/eal_sandbox.hpp"
#include "process/prompt_session.hpp"
#include "topology/topology.hpp"

namespace mpdts {

struct VhostPort {
  std::filesystem::path socket;
  int queues = 1;
  bool client = false;  // false: testpmd listens on the socket (virtio-user connects to it)
};

class TestpmdBackend {
 public:
  TestpmdBackend(const TestpmdTarget& target, const std::vector<VhostPort>& ports, const Timeouts& timeouts,
                 Transcript& transcript);
  ~TestpmdBackend();

  PromptSession& session() { return *session_; }
  std::string command(std::string_view line) { return session_->command(line); }
  // Its own EAL sandbox (prefix, scratch directory), e.g. to check afterwards that nothing is left.
  const EalSandbox& sandbox() const { return sandbox_; }

 private:
  EalSandbox sandbox_;
  std::unique_ptr<PromptSession> session_;
  Timeouts timeouts_;
};

}  // namespace mpdts
