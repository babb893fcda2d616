// Everything one testpmd case stands on: one EAL sandbox with a hugetlbfs mount of its own (a
// secondary maps the primary's pages, so both processes share it), the device the case plugs (a
// null vdev, an af_packet vdev on a veth in a netns of the case's own, or a PCI port of the
// topology), and its testpmd processes. Destroying the bench stops the processes first, then undoes
// the rest, newest first.
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

 private:
  const Topology& topology_;
  Transcript& transcript_;
  PortDevice device_;
  std::vector<std::string> pci_allow_;
  std::vector<std::string> made_;
  // Declaration order is teardown order reversed: processes go first, the sandbox last.
  std::unique_ptr<EalSandbox> sandbox_;
  std::unique_ptr<NetnsVeth> netns_;
  std::unique_ptr<PciBinding> binding_;
  std::vector<std::unique_ptr<TestpmdSession>> sessions_;
};

}  // namespace mpdts::testpmd
