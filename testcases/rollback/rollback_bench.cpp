#include "rollback/rollback_bench.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/error.hpp"
#include "process/child_process.hpp"
#include "process/transcript.hpp"

namespace mpdts::rollback {
namespace {
const Seconds kIpTimeout{15};
}

std::string missing_fault_reason(const Topology& t) {
  if (!t.af_packet || !t.af_packet->create_veth)
    return fmt::format(
        "topology '{}' does not let the harness create a veth (devices.af_packet.veth: true): the rollback "
        "cases need an interface that exists in one network namespace of the case and not in the other",
        t.name);
  return "";
}

RollbackBench::RollbackBench(const Topology& topology, Transcript& transcript)
    : topology_(topology), transcript_(transcript) {
  // Up to four hotplug_mp processes of one prefix fit in a few 2 MB pages.
  require_free_hugepages(16);
  sandbox_ = std::make_unique<EalSandbox>("rb", true, transcript_);
  made_.push_back(sandbox_->work_dir().string());
  made_.push_back("/var/run/dpdk/" + sandbox_->prefix());

  with_iface_ = std::make_unique<NetnsVeth>(sandbox_->prefix(), transcript_);
  made_.push_back("/run/netns/" + with_iface_->netns());
  // The other namespace is made the same way (so it is undone, and journaled, like any netns of the
  // harness), then emptied: deleting one end of its veth pair deletes both.
  without_iface_ = std::make_unique<NetnsVeth>(sandbox_->prefix() + "-noif", transcript_);
  made_.push_back("/run/netns/" + without_iface_->netns());
  run_checked({"ip", "-n", without_iface_->netns(), "link", "del", without_iface_->iface()}, Deadline::in(kIpTimeout),
              &transcript_);

  // The fault, shown before any process starts: the interface exists in one namespace only.
  const auto ip_link = [&](const std::string& ns) {
    return run_command({"ip", "-n", ns, "link", "show", "dev", iface()}, Deadline::in(kIpTimeout), &transcript_);
  };
  if (!ip_link(with_iface_->netns()).ok() || ip_link(without_iface_->netns()).ok())
    throw HarnessError(fmt::format("the fault is not in place: {} should exist in netns {} and not in netns {}",
                                   iface(), with_iface_->netns(), without_iface_->netns()));
  transcript_.note("harness", fmt::format("fault: {} exists in netns {}, not in netns {}; the pcap PMD opens it in "
                                          "every process that probes it",
                                          iface(), with_iface_->netns(), without_iface_->netns()));
  pcap_attach_ = pcap_name_ + ",iface=" + iface();
}

RollbackBench::~RollbackBench() {
  running_.clear();  // processes first: nothing may hold the page files or sit in a namespace
  without_iface_.reset();
  with_iface_.reset();
  sandbox_.reset();
}

HotplugApp& RollbackBench::start(const Member& member) {
  const auto& target = topology_.hotplug_mp;
  std::vector<std::string> argv{target.path.string()};
  for (auto& a : sandbox_->args()) argv.push_back(a);
  argv.push_back("--proc-type=auto");
  argv.insert(argv.end(), target.eal_args.begin(), target.eal_args.end());

  const std::string netns = member.netns == Netns::WithIface ? with_iface_->netns() : without_iface_->netns();
  auto process = std::make_unique<ChildProcess>(SpawnOptions{argv, member.role, true, netns, {}}, transcript_);
  running_.push_back({std::make_unique<HotplugApp>(std::move(process), target.contract, topology_.timeouts),
                      member.netns});
  running_.back().app->wait_ready();
  return *running_.back().app;
}

void RollbackBench::retire(HotplugApp& app) {
  std::erase_if(running_, [&](const Running& r) { return r.app.get() == &app; });
}

std::vector<HotplugApp*> RollbackBench::processes() {
  std::vector<HotplugApp*> out;
  for (auto& r : running_) out.push_back(r.app.get());
  return out;
}

std::string RollbackBench::describe(const HotplugApp& app) const {
  for (const auto& r : running_)
    if (r.app.get() == &app)
      return fmt::format("{} (netns {} {})", app.name(), r.netns == Netns::WithIface ? "with" : "without", iface());
  return app.name();
}

}  // namespace mpdts::rollback
