// Everything one testpmd case stands on: one EAL sandbox with a hugetlbfs mount of its own (a
// secondary maps the primary's pages, so both processes share it), the device the case plugs (a
// null vdev, an af_packet vdev on a veth in a netns of the case's own, or a PCI port of the
// topology), and its testpmd processes. Destroying the bench stops the processes first, then undoes
// the rest, newest first.
//
// On a VM topology the physical variants run in the QEMU guest of the topology's lab, as the
// hotplug plan's physical cases do: the PCI port is the guest's emulated NIC (vm.pci), and testpmd
// is the same Debian binary, carried in the guest image, on a guest console.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "apps/testpmd_session.hpp"
#include "devbind/pci_binding.hpp"
#include "eal/eal_sandbox.hpp"
#include "net/netns.hpp"
#include "testpmd/testpmd_plan.hpp"
#include "topology/topology.hpp"
#include "vm/guest_port.hpp"

namespace mpdts::testpmd {

// The device as the case uses it: what follows `port attach`, and the Name the summary shows.
struct PortDevice {
  std::string devargs;
  std::string name;
};

// A second device some cases keep attached beside the one under test (it never moves).
PortDevice anchor_device();

// Why the topology cannot run a case for this device, or "" when it can.
std::string missing_device_reason(const Topology& topology, Device device);

class TestpmdBench {
 public:
  TestpmdBench(const Topology& topology, Device device, Transcript& transcript);
  ~TestpmdBench();

  const PortDevice& device() const { return device_; }
  // Starts one more testpmd of this case (`-i`) and waits for its prompt. A multi-process case
  // starts the primary with proc_id 0 and a secondary with proc_id 1 (`--num-procs=2`).
  enum class Mode { Single, Primary, Secondary };
  TestpmdSession& start(const std::string& role, Mode mode);
  // A physical port is bound to its DPDK driver after testpmd started, so that only the attach probes it.
  void bind_physical_port();
  // Paths the bench made, to check afterwards that none is left.
  std::vector<std::string> made() const { return made_; }
  // The case's use of the VM lab when it runs in the guest, else null.
  vm::LabCase* lab_case() { return guest_ ? &guest_->lab_case() : nullptr; }

  // Ends the case's processes (secondaries first) and, in the guest, checks what can only be
  // checked by asking: the port back on its kernel driver, the guest sandbox gone, the lab in its
  // clean state. Returns what is wrong, one line each. The destructor does the same, unchecked.
  std::vector<std::string> finish();

 private:
  const Topology& topology_;
  Transcript& transcript_;
  PortDevice device_;
  std::vector<std::string> pci_allow_;
  std::vector<std::string> made_;
  // Declaration order is teardown order reversed: processes go first, the sandbox last.
  std::unique_ptr<vm::GuestPort> guest_;
  std::unique_ptr<EalSandbox> sandbox_;
  std::unique_ptr<NetnsVeth> netns_;
  std::unique_ptr<PciBinding> binding_;
  std::vector<std::unique_ptr<TestpmdSession>> sessions_;
};

}  // namespace mpdts::testpmd
