// The guest part of a bench whose physical port is the VM lab's emulated NIC (vm.pci): the case's
// use of the shared lab (clean-state checked), an EAL sandbox in the guest, the port's binding
// there, and the argv that starts a target in the guest on that sandbox with exactly that port
// allowed. The hotplug_mp and testpmd physical cases share it, so both run the guest the same way.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "topology/topology.hpp"
#include "vm/guest_binding.hpp"
#include "vm/guest_process.hpp"
#include "vm/guest_sandbox.hpp"
#include "vm/lab_case.hpp"

namespace mpdts::vm {

// True when a topology's physical cases run in its QEMU guest (it has a VM lab).
bool physical_in_guest(const Topology& topology);

// Why a VM topology's lab cannot serve the physical cases (no emulated NIC), or "" when it can.
// Call only when physical_in_guest().
std::string missing_guest_port_reason(const Topology& topology);

class GuestPort {
 public:
  // Boots the lab on first use; `tag` names the guest sandbox ("hp", "tp").
  GuestPort(const Topology& topology, std::string_view tag, Transcript& transcript);
  ~GuestPort();  // the binding restored and the sandbox removed, unchecked (finish() checks)

  LabCase& lab_case() { return *lab_case_; }
  const std::string& address() const { return address_; }

  // The start of a target's argv in the guest: its name there and the sandbox's EAL arguments,
  // allowing the port only (a host-built binary is in the image by its file name).
  std::vector<std::string> eal_argv(const std::filesystem::path& host_binary) const;
  // Starts `argv` on a free guest console.
  std::unique_ptr<GuestProcess> spawn(const std::vector<std::string>& argv, const std::string& name,
                                      Seconds shell_timeout);
  // Binds the port to its DPDK driver (checked).
  void bind_dpdk();
  // After the processes have ended: the port back on its kernel driver, the sandbox gone, the lab
  // clean — what is not, one line each (see GuestLabCase::finish).
  std::vector<std::string> finish();

 private:
  Transcript& transcript_;
  std::string address_;
  // Declaration order is teardown order reversed: the binding goes first, the lab case last.
  std::unique_ptr<LabCase> lab_case_;
  std::unique_ptr<GuestSandbox> sandbox_;
  std::unique_ptr<GuestPciBinding> binding_;
};

}  // namespace mpdts::vm
