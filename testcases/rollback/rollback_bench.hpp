// What one rollback case stands on: one EAL sandbox (one file prefix, one hugetlbfs mount) shared by
// processes that run in two network namespaces — one holding a veth whose end the pcap PMD opens,
// one without any interface but lo. A pcap device then probes in the processes of the first
// namespace and fails in those of the second: a real fault, in exactly the processes the case chose.
// Destroying the bench stops the processes first, then deletes both namespaces and the sandbox.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "apps/hotplug_app.hpp"
#include "eal/eal_sandbox.hpp"
#include "net/netns.hpp"
#include "rollback/rollback_plan.hpp"
#include "topology/topology.hpp"

namespace mpdts::rollback {

// Why the topology cannot run the rollback cases, or "" when it can.
std::string missing_fault_reason(const Topology& topology);

class RollbackBench {
 public:
  RollbackBench(const Topology& topology, Transcript& transcript);
  ~RollbackBench();

  // The device whose probe fails where the interface is missing, as typed after attach/detach and
  // as `list` names it.
  const std::string& pcap_attach_args() const { return pcap_attach_; }
  const std::string& pcap_name() const { return pcap_name_; }
  const std::string& iface() const { return with_iface_->iface(); }

  // Starts one more hotplug_mp process of this case (`--proc-type=auto`) in the chosen namespace
  // and waits for its prompt.
  HotplugApp& start(const Member& member);
  // Takes a process out of the case after it quit (or stops it): it is no longer listed.
  void retire(HotplugApp& app);
  std::vector<HotplugApp*> processes();
  // "the secondary2 (netns without mpdts0)": how failure messages name a process.
  std::string describe(const HotplugApp& app) const;

  // Paths the bench made, to check afterwards that none is left.
  std::vector<std::string> made() const { return made_; }

 private:
  struct Running {
    std::unique_ptr<HotplugApp> app;
    Netns netns;
  };

  const Topology& topology_;
  Transcript& transcript_;
  std::string pcap_attach_;
  std::string pcap_name_ = "net_pcap0";
  std::vector<std::string> made_;
  // Declaration order is teardown order reversed: processes go first, the sandbox last.
  std::unique_ptr<EalSandbox> sandbox_;
  std::unique_ptr<NetnsVeth> with_iface_;
  std::unique_ptr<NetnsVeth> without_iface_;  // its veth pair deleted: nothing in it but lo
  std::vector<Running> running_;
};

}  // namespace mpdts::rollback
