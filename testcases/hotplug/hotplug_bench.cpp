#include "hotplug/hotplug_bench.hpp"

#include <unistd.h>

#include <fmt/format.h>

#include "core/error.hpp"
#include "process/child_process.hpp"
#include "suite_context.hpp"

namespace mpdts::hotplug {

namespace {
// The topology's PCI devices on the node hotplug_mp runs on.
std::vector<PciDevice> pci_on_target_node(const Topology& t) {
  std::vector<PciDevice> out;
  for (const auto& d : t.pci)
    if (d.node == t.hotplug_mp.node) out.push_back(d);
  return out;
}
}  // namespace

std::string missing_device_reason(const Topology& t, Device device) {
  switch (device) {
    case Device::Physical:
      if (vm::physical_in_guest(t)) return vm::missing_guest_port_reason(t);  // the guest's emulated NIC
      if (t.pci.empty())
        return fmt::format("topology '{}' lists no PCI device (devices.pci): this host has no NIC a DPDK driver may "
                           "take; the physical cases run in a lab or a VM topology",
                           t.name);
      if (pci_on_target_node(t).empty())
        return fmt::format("topology '{}' lists no PCI device on node '{}', where hotplug_mp runs", t.name,
                           t.hotplug_mp.node);
      break;
    case Device::AfPacket:
      if (!t.af_packet) return fmt::format("topology '{}' has no devices.af_packet", t.name);
      if (t.af_packet->node != t.hotplug_mp.node)
        return fmt::format("topology '{}': devices.af_packet is on node '{}', hotplug_mp on node '{}'", t.name,
                           t.af_packet->node, t.hotplug_mp.node);
      break;
    case Device::VhostUser:
      if (!t.vhost_user) return fmt::format("topology '{}' does not enable devices.vhost_user", t.name);
      break;
    case Device::VirtioUser:
      if (!t.virtio_user) return fmt::format("topology '{}' does not enable devices.virtio_user", t.name);
      if (t.find_node(t.hotplug_mp.node)->type != NodeSpec::Type::Local)
        return fmt::format("the virtio-user cases start their testpmd backend on this host: not yet on node '{}'",
                           t.hotplug_mp.node);
      break;
  }
  return "";
}

HotplugBench::HotplugBench(const Topology& topology, Device device, Transcript& transcript)
    : HotplugBench(topology, suite::node(topology.hotplug_mp.node), device, transcript) {}

HotplugBench::HotplugBench(const Topology& topology, Node& node, Device device, Transcript& transcript)
    : topology_(topology), node_(node), kind_(device), transcript_(transcript) {
  if (!node_.is_local()) transcript_.note("harness", fmt::format("node {}: {}", node_.name(), node_.describe()));
  if (device == Device::Physical && vm::physical_in_guest(topology)) {
    // In the guest: the lab (booted on first use, clean-checked), a sandbox there, the emulated NIC.
    guest_ = std::make_unique<vm::GuestPort>(topology, "hp", transcript_);
    device_ = {guest_->address(), guest_->address(), guest_->address()};
    return;
  }
  // A hotplug_mp primary and secondary fit in a few 2 MB pages; virtio-user shares them with the backend.
  require_free_hugepages(node_, 16);
  sandbox_ = std::make_unique<EalSandbox>(node_, "hp", true, transcript_);
  made_.push_back(sandbox_->work_dir().string());
  made_.push_back("/var/run/dpdk/" + sandbox_->prefix());

  switch (device) {
    case Device::AfPacket: {
      std::string iface = topology.af_packet->iface;
      if (topology.af_packet->create_veth) {
        netns_ = std::make_unique<NetnsVeth>(node_, sandbox_->prefix(), transcript_);
        made_.push_back("/run/netns/" + netns_->netns());
        iface = netns_->iface();
      }
      // The af_packet vdev has no instance number in the plan: its ethdev is named net_af_packet.
      device_ = {"net_af_packet,iface=" + iface, "net_af_packet", "net_af_packet"};
      break;
    }
    case Device::VhostUser: {
      const auto sock = (sandbox_->work_dir() / "vhost-net").string();
      device_ = {"net_vhost0,iface=" + sock + ",queues=1,client=0", "net_vhost0", "net_vhost0"};
      break;
    }
    case Device::VirtioUser: {
      if (!node_.is_local()) throw HarnessError("the testpmd backend runs on this host only");  // skipped above
      const auto sock = sandbox_->work_dir() / "vhost-net";
      backend_ = std::make_unique<TestpmdBackend>(topology.testpmd, std::vector<VhostPort>{{sock, 1, false}},
                                                  topology.timeouts, transcript_);
      device_ = {"net_virtio_user0,mac=00:01:02:03:04:05,path=" + sock.string() +
                     ",packed_vq=1,mrg_rxbuf=1,in_order=0",
                 "net_virtio_user0", "net_virtio_user0"};
      break;
    }
    case Device::Physical: {
      const auto pci = pci_on_target_node(topology).front();
      binding_ = std::make_unique<PciBinding>(node_, pci, transcript_);
      pci_allow_ = {pci.address};
      device_ = {pci.address, pci.address, pci.address};
      break;
    }
  }
}

HotplugBench::~HotplugBench() {
  apps_.clear();  // processes first: nothing may hold the device, the sockets or the page files
  guest_.reset();
  binding_.reset();
  backend_.reset();
  netns_.reset();
  sandbox_.reset();
}

void HotplugBench::bind_physical_port() {
  if (binding_) binding_->bind_dpdk();
  if (guest_) guest_->bind_dpdk();
}

std::vector<std::string> HotplugBench::finish() {
  std::vector<std::string> problems;
  apps_.clear();
  if (!guest_) return problems;
  problems = guest_->finish();
  guest_.reset();
  return problems;
}

HotplugApp& HotplugBench::start(const std::string& role) {
  const auto& target = topology_.hotplug_mp;
  if (guest_) {
    auto argv = guest_->eal_argv(target.path);
    argv.push_back("--proc-type=auto");
    argv.insert(argv.end(), target.eal_args.begin(), target.eal_args.end());
    auto process = guest_->spawn(argv, role, Seconds(topology_.timeouts.command));
    apps_.push_back(std::make_unique<HotplugApp>(std::move(process), target.contract, topology_.timeouts));
    apps_.back()->wait_ready();
    return *apps_.back();
  }
  std::vector<std::string> argv{target.path.string()};
  for (auto& a : sandbox_->args(pci_allow_)) argv.push_back(a);
  argv.push_back("--proc-type=auto");
  // vhost-user shares the frontend's memory as one region per file: keep it to one file per list.
  if (kind_ == Device::VirtioUser) argv.push_back("--single-file-segments");
  argv.insert(argv.end(), target.eal_args.begin(), target.eal_args.end());

  std::optional<std::string> netns;
  if (netns_) netns = netns_->netns();
  auto process = node_.spawn(SpawnOptions{argv, role, true, netns, {}}, transcript_);
  apps_.push_back(std::make_unique<HotplugApp>(std::move(process), target.contract, topology_.timeouts));
  apps_.back()->wait_ready();
  return *apps_.back();
}

std::vector<HotplugApp*> HotplugBench::processes() {
  std::vector<HotplugApp*> out;
  for (auto& a : apps_) out.push_back(a.get());
  return out;
}

}  // namespace mpdts::hotplug
