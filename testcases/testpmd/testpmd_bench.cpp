#include "testpmd/testpmd_bench.hpp"

#include <fmt/format.h>

#include "process/child_process.hpp"

namespace mpdts::testpmd {

PortDevice anchor_device() { return {"net_ring0", "net_ring0"}; }

std::string missing_device_reason(const Topology& t, Device device) {
  switch (device) {
    case Device::NullVdev:
      break;
    case Device::AfPacketVdev:
      if (!t.af_packet) return fmt::format("topology '{}' has no devices.af_packet", t.name);
      break;
    case Device::Physical:
      if (vm::physical_in_guest(t)) return vm::missing_guest_port_reason(t);  // the guest's emulated NIC
      if (t.pci.empty())
        return fmt::format("topology '{}' lists no PCI device (devices.pci): this host has no NIC a DPDK driver may "
                           "take; the physical variants run in a lab or a VM topology",
                           t.name);
      break;
  }
  return "";
}

TestpmdBench::TestpmdBench(const Topology& topology, Device device, Transcript& transcript)
    : topology_(topology), transcript_(transcript) {
  if (device == Device::Physical && vm::physical_in_guest(topology)) {
    // In the guest: the lab (booted on first use, clean-checked), a sandbox there, the emulated NIC.
    guest_ = std::make_unique<vm::GuestPort>(topology, "tp", transcript_);
    device_ = {guest_->address(), guest_->address()};
    return;
  }
  // testpmd's pool of 16k mbufs (~36 MB) plus EAL's own memory; the secondary maps the same pages.
  require_free_hugepages(64);
  sandbox_ = std::make_unique<EalSandbox>("tp", true, transcript_);
  made_.push_back(sandbox_->work_dir().string());
  made_.push_back("/var/run/dpdk/" + sandbox_->prefix());

  switch (device) {
    case Device::NullVdev:
      device_ = {"net_null0", "net_null0"};
      break;
    case Device::AfPacketVdev: {
      std::string iface = topology.af_packet->iface;
      if (topology.af_packet->create_veth) {
        netns_ = std::make_unique<NetnsVeth>(sandbox_->prefix(), transcript_);
        made_.push_back("/run/netns/" + netns_->netns());
        iface = netns_->iface();
      }
      device_ = {"net_af_packet0,iface=" + iface, "net_af_packet0"};
      break;
    }
    case Device::Physical: {
      const auto& pci = topology.pci.front();
      binding_ = std::make_unique<PciBinding>(pci, transcript_);
      pci_allow_ = {pci.address};
      device_ = {pci.address, pci.address};
      break;
    }
  }
}

TestpmdBench::~TestpmdBench() {
  // Processes first, secondaries before the primary (no secondary outlives its primary): nothing may
  // hold the device, the veth or the page files when they are removed.
  while (!sessions_.empty()) sessions_.pop_back();
  guest_.reset();
  binding_.reset();
  netns_.reset();
  sandbox_.reset();
}

void TestpmdBench::bind_physical_port() {
  if (binding_) binding_->bind_dpdk();
  if (guest_) guest_->bind_dpdk();
}

std::vector<std::string> TestpmdBench::finish() {
  while (!sessions_.empty()) sessions_.pop_back();
  if (!guest_) return {};
  auto problems = guest_->finish();
  guest_.reset();
  return problems;
}

TestpmdSession& TestpmdBench::start(const std::string& role, Mode mode) {
  const auto& target = topology_.testpmd;
  // No -l: testpmd needs a forwarding lcore besides its main one; the topology may restrict cores.
  std::vector<std::string> argv;
  if (guest_) {
    argv = guest_->eal_argv(target.path);
  } else {
    argv = {target.path.string()};
    for (auto& a : sandbox_->args(pci_allow_)) argv.push_back(a);
  }
  if (mode != Mode::Single) argv.push_back(mode == Mode::Primary ? "--proc-type=primary" : "--proc-type=secondary");
  argv.insert(argv.end(), target.eal_args.begin(), target.eal_args.end());
  // The mbuf pool sized for a few ports (a PCI port fills ~1k RX descriptors per queue); testpmd's
  // default (~180k mbufs) would take ~400 MB of pages. Every start-up populates the whole pool
  // (16k: 0.05-0.25 s here under load): 8k is enough and halves that.
  // --disable-link-check: testpmd polls the link status after every port start and stop (100 ms a
  // time on these ports); no case reads the link state, and a virtual port's link says nothing.
  argv.insert(argv.end(), {"--", "-i", "--total-num-mbufs=8192", "--disable-link-check"});
  if (mode != Mode::Single)
    argv.insert(argv.end(), {"--num-procs=2", mode == Mode::Primary ? "--proc-id=0" : "--proc-id=1"});

  std::unique_ptr<Interactive> process;
  if (guest_) {
    process = guest_->spawn(argv, role, Seconds(topology_.timeouts.command));
  } else {
    std::optional<std::string> netns;
    if (netns_) netns = netns_->netns();
    process = std::make_unique<ChildProcess>(SpawnOptions{argv, role, true, netns, {}}, transcript_);
  }
  sessions_.push_back(std::make_unique<TestpmdSession>(std::move(process), target, topology_.timeouts));
  sessions_.back()->wait_ready();
  return *sessions_.back();
}

}  // namespace mpdts::testpmd
