#include "hotplug/hotplug_bench.hpp"

#include <unistd.h>

#include <fmt/format.h>

#include "process/child_process.hpp"

namespace mpdts::hotplug {

std::string missing_device_reason(const Topology& t, Device device) {
  switch (device) {
    case Device::Physical:
      if (t.pci.empty())
        return fmt::format("topology '{}' lists no PCI device (devices.pci): this host has no NIC a DPDK driver may "
                           "take; the physical cases run in a lab or a VM topology",
                           t.name);
      break;
    case Device::AfPacket:
      if (!t.af_packet) return fmt::format("topology '{}' has no devices.af_packet", t.name);
      break;
    case Device::VhostUser:
      if (!t.vhost_user) return fmt::format("topology '{}' does not enable devices.vhost_user", t.name);
      break;
    case Device::VirtioUser:
      if (!t.virtio_user) return fmt::format("topology '{}' does not enable devices.virtio_user", t.name);
      break;
  }
  return "";
}

HotplugBench::HotplugBench(const Topology& topology, Device device, Transcript& transcript)
    : topology_(topology), kind_(device), transcript_(transcript) {
  // A hotplug_mp primary and secondary fit in a few 2 MB pages; virtio-user shares them with the backend.
  require_free_hugepages(16);
  sandbox_ = std::make_unique<EalSandbox>("hp", true, transcript_);
  made_.push_back(sandbox_->work_dir().string());
  made_.push_back("/var/run/dpdk/" + sandbox_->prefix());

  switch (device) {
    case Device::AfPacket: {
      std::string iface = topology.af_packet->iface;
      if (topology.af_packet->create_veth) {
        netns_ = std::make_unique<NetnsVeth>(sandbox_->prefix(), transcript_);
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
      const auto sock = sandbox_->work_dir() / "vhost-net";
      backend_ = std::make_unique<TestpmdBackend>(topology.testpmd, std::vector<VhostPort>{{sock, 1, false}},
                                                  topology.timeouts, transcript_);
      device_ = {"net_virtio_user0,mac=00:01:02:03:04:05,path=" + sock.string() +
                     ",packed_vq=1,mrg_rxbuf=1,in_order=0",
                 "net_virtio_user0", "net_virtio_user0"};
      break;
    }
    case Device::Physical: {
      const auto& pci = topology.pci.front();
      binding_ = std::make_unique<PciBinding>(pci, transcript_);
      pci_allow_ = {pci.address};
      device_ = {pci.address, pci.address, pci.address};
      break;
    }
  }
}

HotplugBench::~HotplugBench() {
  apps_.clear();  // processes first: nothing may hold the device, the sockets or the page files
  binding_.reset();
  backend_.reset();
  netns_.reset();
  sandbox_.reset();
}

void HotplugBench::bind_physical_port() {
  if (binding_) binding_->bind_dpdk();
}

HotplugApp& HotplugBench::start(const std::string& role) {
  const auto& target = topology_.hotplug_mp;
  std::vector<std::string> argv{target.path.string()};
  for (auto& a : sandbox_->args(pci_allow_)) argv.push_back(a);
  argv.push_back("--proc-type=auto");
  // vhost-user shares the frontend's memory as one region per file: keep it to one file per list.
  if (kind_ == Device::VirtioUser) argv.push_back("--single-file-segments");
  argv.insert(argv.end(), target.eal_args.begin(), target.eal_args.end());

  std::optional<std::string> netns;
  if (netns_) netns = netns_->netns();
  auto process = std::make_unique<ChildProcess>(SpawnOptions{argv, role, true, netns, {}}, transcript_);
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
