// Everything one hotplug case stands on: its EAL sandbox, the device it plugs (a veth in a netns, a
// vhost-user socket, a testpmd vhost backend for virtio-user, or a PCI port), and its processes.
// Destroying the bench stops the processes first, then undoes the rest, newest first.
//
// On a VM topology the physical cases run in the QEMU guest of the topology's lab: the PCI port is
// the guest's emulated NIC (vm.pci), bound there with dpdk-devbind.py, and the processes are guest
// processes on virtio consoles, driven exactly like host ones.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "apps/hotplug_app.hpp"
#include "apps/testpmd_backend.hpp"
#include "devbind/pci_binding.hpp"
#include "eal/eal_sandbox.hpp"
#include "hotplug/hotplug_plan.hpp"
#include "net/netns.hpp"
#include "node/node.hpp"
#include "topology/topology.hpp"
#include "vm/guest_port.hpp"

namespace mpdts::hotplug {

// The device as the plan uses it: what to type after attach/detach and the name `list` shows.
struct PluggedDevice {
  std::string attach_args;
  std::string detach_args;
  std::string listed_name;
};

// Why the topology cannot run a case for this device, or "" when it can. The device must be on the
// node hotplug_mp runs on.
std::string missing_device_reason(const Topology& topology, Device device);

class HotplugBench {
 public:
  // Everything on the node of the topology's hotplug_mp target.
  HotplugBench(const Topology& topology, Device device, Transcript& transcript);
  HotplugBench(const Topology& topology, Node& node, Device device, Transcript& transcript);
  ~HotplugBench();

  Node& node() const { return node_; }
  const PluggedDevice& device() const { return device_; }
  // Starts one more hotplug_mp process of this case (`--proc-type=auto`, as the plan starts both)
  // and waits for its prompt.
  HotplugApp& start(const std::string& role);
  // The physical cases bind the port to its DPDK driver at the point the plan says.
  void bind_physical_port();
  std::vector<HotplugApp*> processes();
  // Paths and names the bench made, to check afterwards that none is left.
  std::vector<std::string> made() const { return made_; }
  // True when the case runs in the QEMU guest.
  bool in_guest() const { return guest_ != nullptr; }
  vm::LabCase* lab_case() { return guest_ ? &guest_->lab_case() : nullptr; }

  // Ends the case's processes and undoes what the bench did, checking what can only be checked by
  // asking (in the guest: the port back on its kernel driver, the guest sandbox gone, the lab in its
  // clean state). Returns what is wrong, one line each. The destructor does the same, unchecked.
  std::vector<std::string> finish();

 private:
  const Topology& topology_;
  Node& node_;
  Device kind_;
  Transcript& transcript_;
  PluggedDevice device_;
  std::vector<std::string> pci_allow_;
  std::vector<std::string> made_;
  // Declaration order is teardown order reversed: processes go first, the sandbox last.
  std::unique_ptr<vm::GuestPort> guest_;
  std::unique_ptr<EalSandbox> sandbox_;
  std::unique_ptr<NetnsVeth> netns_;
  std::unique_ptr<TestpmdBackend> backend_;
  std::unique_ptr<PciBinding> binding_;
  std::vector<std::unique_ptr<HotplugApp>> apps_;
};

}  // namespace mpdts::hotplug
