// Everything one symmetric_mp case stands on: an EAL sandbox with hugepages for the processes,
// dpdk-testpmd as the vhost-user side of two virtio-user ports (one queue per process), and the
// processes themselves. Destroying the bench stops the processes first, then testpmd, then removes
// the sandbox.
//
// In the guest (the vdev plan's case 1, on a VM topology): the lab's testpmd sends to the guest's
// two virtio-net-pci ports through its net_vhost ports; the bench binds both ports to their DPDK
// driver in the guest before the processes start, runs the processes there, and re-binds the ports
// to their kernel driver afterwards, checked. testpmd's counters live as long as the lab: the
// bench clears them when the case begins.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "apps/symmetric_app.hpp"
#include "apps/testpmd_backend.hpp"
#include "apps/traffic_testpmd.hpp"
#include "eal/eal_sandbox.hpp"
#include "topology/topology.hpp"
#include "vm/guest_binding.hpp"
#include "vm/guest_sandbox.hpp"
#include "vm/guest_lab.hpp"

namespace mpdts::symmetric {

// Why the topology cannot run the symmetric cases, or "" when it can.
std::string missing_device_reason(const Topology& topology);

class SymmetricBench {
 public:
  static constexpr unsigned long kPortMask = 0x3;  // the plan's `-p 3`
  static constexpr int kRingSize = 256;            // virtio-user queue_size: packets a queue holds unread

  enum class Where { Host, Guest };

  SymmetricBench(const Topology& topology, int processes, Transcript& transcript, Where where = Where::Host);
  ~SymmetricBench();

  TestpmdTraffic& traffic() { return *traffic_; }
  bool in_guest() const { return lab_case_ != nullptr; }
  GuestLab* lab() { return lab_case_ ? &lab_case_->lab() : nullptr; }
  GuestLabCase* lab_case() { return lab_case_.get(); }
  // testpmd's counters for this case: per-queue TX, and TX-packets per testpmd port.
  QueueCounts queue_packets();
  std::map<int, std::uint64_t> sent_packets();
  // testpmd's port id of the vhost-user port connected to the application's port `app_port`.
  int vhost_port(int app_port) const { return vhost_ports_.at(app_port); }
  const std::vector<int>& ports() const { return ports_; }

  // Starts process `proc_id` (0: the primary, with the virtio-user devices; then secondaries).
  // `app_args` go after the plan's application arguments.
  SymmetricApp& start(int proc_id, const std::vector<std::string>& app_args = {});
  std::vector<SymmetricApp*> processes();

  // The outcome of watch().
  struct Watch {
    bool reached = false;
    QueueCounts last;  // the last sample of testpmd's per-queue counters
    Seconds waited{0};
    std::string exited;  // a process that exited meanwhile: who, how, and its last output
  };
  // Samples testpmd's per-queue counters until `reached` holds or the deadline passes. Between two
  // samples it waits for the newest process to exit (the others are checked at every sample): a
  // process that exits ends the watch at once.
  Watch watch(const std::function<bool(const QueueCounts&)>& reached, Deadline deadline);

  // Paths the bench made, to check afterwards that none is left.
  std::vector<std::string> made() const { return made_; }

  // Ends the processes and, in the guest, re-binds the ports to their kernel driver and removes the
  // guest sandbox — checked — then checks the lab's clean state. Returns what is wrong.
  std::vector<std::string> finish();

 private:
  const Topology& topology_;
  int processes_;
  Transcript& transcript_;
  std::vector<int> ports_;
  std::vector<std::string> sockets_;
  std::vector<int> vhost_ports_;
  std::vector<std::string> made_;
  std::vector<std::string> pci_allow_;  // in the guest: the two ports
  // Declaration order is teardown order reversed: processes go first, the sandbox last.
  std::unique_ptr<GuestLabCase> lab_case_;
  std::unique_ptr<GuestSandbox> guest_sandbox_;
  std::unique_ptr<GuestPciBinding> guest_binding_;
  std::unique_ptr<EalSandbox> sandbox_;
  std::unique_ptr<TestpmdBackend> backend_;
  std::unique_ptr<TestpmdTraffic> owned_traffic_;
  TestpmdTraffic* traffic_ = nullptr;
  std::vector<std::unique_ptr<SymmetricApp>> apps_;
};

// testpmd's count for TX queue `queue` of port `port` in a sample (0 when it has none).
std::uint64_t queue_count(const QueueCounts& counts, int port, int queue);

}  // namespace mpdts::symmetric
