// The VM topology's lab: the guest image with the topology's targets (dpdk-testpmd too), the host
// dpdk-testpmd whose net_vhost ports (client=1, started first) back the guest's virtio-net-pci
// ports, and the QEMU guest itself with those ports and the emulated NICs at their fixed addresses.
// Booting takes seconds under KVM and tens of seconds under TCG, so one lab serves many cases: each
// case starts from a checked clean state (no target running in the guest, every port on its kernel
// driver, no case mount or DPDK runtime dir, every guest hugepage free, testpmd not sending) and is
// checked for the same state when it ends.
//
// The lab has a transcript of its own (QEMU's console, the guest shell, testpmd); while a case is
// attached, every entry also goes to the case's transcript.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "apps/testpmd_backend.hpp"
#include "apps/traffic_testpmd.hpp"
#include "core/cleanup_stack.hpp"
#include "process/transcript.hpp"
#include "topology/topology.hpp"
#include "vm/guest_binding.hpp"
#include "vm/guest_process.hpp"
#include "vm/guest_sandbox.hpp"
#include "vm/qemu_guest.hpp"

namespace mpdts {

class GuestLab {
 public:
  // Builds (or reuses) the image, starts testpmd, boots the guest. `first_case` (may be null) sees
  // all of it in its transcript. Throws ConfigError (no vm section) or HarnessError.
  GuestLab(const Topology& topology, Transcript* first_case = nullptr);
  ~GuestLab();
  GuestLab(const GuestLab&) = delete;
  GuestLab& operator=(const GuestLab&) = delete;

  // The lab of this process, booted on first use, kept until release_shared() (a test suite's end),
  // which stops it and returns what it left on the host (QEMU or testpmd still alive, sockets,
  // directories, DPDK runtime files), one line each: nothing, normally.
  // `booted_seconds` (may be null): how long this call took to bring the lab up, 0 when it was up.
  static GuestLab& shared(const Topology& topology, Transcript* first_case = nullptr, double* booted_seconds = nullptr);
  static std::vector<std::string> release_shared();

  // What this lab's stop must have removed: processes (pid, name) and paths on the host.
  struct Footprint {
    struct Process {
      int pid;
      std::uint64_t start;  // /proc start time: a recycled pid is not taken for it
      std::string name;
    };
    std::vector<Process> processes;
    std::vector<std::filesystem::path> paths;
  };
  Footprint footprint() const;
  static std::vector<std::string> leftovers(const Footprint& footprint);

  const VmLab& settings() const { return vm_; }
  Transcript& transcript() { return transcript_; }
  QemuGuest& guest() { return *guest_; }
  GuestShell& shell() { return guest_->shell(); }
  TestpmdTraffic& traffic() { return *traffic_; }
  TestpmdBackend& backend() { return *backend_; }
  // testpmd's port id of the net_vhost port behind vm.vhost_user[i].
  int vhost_port_id(std::size_t i) const { return vhost_port_ids_.at(i); }

  Accelerator accelerator() const { return guest_->accelerator(); }
  const std::string& accelerator_reason() const { return guest_->accelerator_reason(); }
  double boot_seconds() const { return guest_->boot_seconds(); }
  const std::string& boot_kind() const { return guest_->boot_kind(); }
  const GuestImage& image() const { return guest_->config().image; }

  // Mirrors the lab's transcript into a case's while the returned guard lives.
  class Attached {
   public:
    explicit Attached(GuestLab& lab, Transcript& to) : lab_(&lab) { lab.transcript_.set_mirror(&to); }
    ~Attached() { lab_->transcript_.set_mirror(nullptr); }
    Attached(const Attached&) = delete;
    Attached& operator=(const Attached&) = delete;

   private:
    GuestLab* lab_;
  };

  // What departs from the clean state, one line each (empty when clean). `all_consoles_free`:
  // also require that no GuestProcess holds a console.
  std::vector<std::string> check_clean(bool all_consoles_free = true);
  // Brings the lab back to the clean state (kills targets in the guest, re-binds ports, removes
  // case mounts and runtime dirs, stops testpmd's forwarding); says what it did.
  std::vector<std::string> force_clean();

  // Starts `argv` in the guest on a free console (given back when the process is destroyed).
  std::unique_ptr<GuestProcess> spawn(const std::vector<std::string>& argv, const std::string& name,
                                      Transcript& transcript, Seconds shell_timeout);

  // testpmd: stops forwarding if it forwards (a no-op otherwise).
  void stop_traffic();

  // The name of a target in the guest's /usr/bin (the image holds the topology's binaries by name).
  static std::string guest_program(const std::filesystem::path& host_binary);

 private:
  std::vector<PciDevice> all_ports() const;

  VmLab vm_;
  std::string target_names_;  // " 'hotplug_mp' 'symmetric_mp' 'dpdk-testpmd'": pidof's arguments in the guest
  Transcript transcript_;
  std::filesystem::path scratch_;
  ScopedCleanup scratch_cleanup_;
  // Teardown order is the reverse: the guest first, then testpmd, then the scratch directory.
  std::unique_ptr<TestpmdBackend> backend_;
  std::unique_ptr<TestpmdTraffic> traffic_;
  std::unique_ptr<QemuGuest> guest_;
  std::vector<int> vhost_port_ids_;
  std::mutex consoles_mutex_;
  std::vector<bool> console_busy_;  // index n-1: /dev/hvcN
};

// Why `topology` has no lab for the guest's cases, or "" when it has one.
std::string missing_lab_reason(const Topology& topology);

// One case's use of the shared lab: the lab's transcript goes into the case's while the case runs,
// and the lab must be in its clean state when the case starts (if not, the case fails, after the
// lab was brought back to it) and when it ends.
class GuestLabCase {
 public:
  // Boots the lab on first use (its boot then shows in this case's transcript). Throws HarnessError
  // when the lab is not in its clean state.
  GuestLabCase(const Topology& topology, Transcript& transcript);

  GuestLab& lab() { return lab_; }
  GuestShell& shell() { return lab_.shell(); }
  // How long this case waited for the lab to come up (image, testpmd, guest): 0 when an earlier
  // case of the same process had brought it up.
  double booted_seconds() const { return booted_seconds_; }

  // The end of the case, after its processes are gone: testpmd stops sending, the ports the case
  // bound go back to their kernel driver ("re-bind port to kernel state", checked: sysfs and
  // dpdk-devbind.py --status), the case's sandbox goes (both are reset; either may be null), then the
  // lab's clean-state check. Every step runs even when one before failed; what went wrong, or
  // departs from the clean state (which is then restored), comes back one line each.
  std::vector<std::string> finish(std::unique_ptr<GuestPciBinding>& binding, std::unique_ptr<GuestSandbox>& sandbox);

 private:
  double booted_seconds_ = 0;  // before lab_: set while lab_ is initialised
  GuestLab& lab_;
  GuestLab::Attached attached_;
};

}  // namespace mpdts
