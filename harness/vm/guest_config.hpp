// What a QEMU guest is made of, and the qemu-system-x86_64 command line for it (a pure function,
// so the rules below are unit-tested without booting anything).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/deadline.hpp"
#include "vm/accelerator.hpp"
#include "vm/guest_image.hpp"

namespace mpdts {

// A virtio-net-pci port backed by a vhost-user socket. QEMU is the socket's server: the backend
// (testpmd with net_vhost client=1) must be running before the guest starts, QEMU waits for it.
struct VhostUserNic {
  std::filesystem::path socket;
  int queues = 1;
  int pci_slot = 5;  // on bus 0: slot 5 is 0000:00:05.0 in the guest
};

// An emulated NIC with no network behind it (a PCI device for the physical-device hotplug cases).
struct EmulatedNic {
  std::string model = "virtio-net-pci";  // or "e1000" (82540EM, DPDK's net_e1000_em)
  int pci_slot = 7;
};

struct GuestConfig {
  GuestImage image;
  int cpus = 2;
  int memory_mb = 1024;
  int hugepages = 256;  // 2 MB pages reserved in the guest (mounted on /dev/hugepages)
  std::vector<VhostUserNic> vhost_user;
  std::vector<EmulatedNic> emulated;
  int consoles = 2;  // virtio consoles for targets: /dev/hvc1 .. /dev/hvc<consoles>
  AccelPolicy accel = AccelPolicy::Auto;
  Seconds kvm_probe_timeout{20};  // a KVM boot that does not reach the shell by then falls back to TCG
  Seconds boot_timeout{180};      // start to control shell, otherwise
  std::string name = "guest";     // transcript name of the QEMU process; its shell is "<name>-sh"
  // Resume the state saved after the first boot of this very guest instead of booting it again
  // (vm/boot_snapshot.hpp); the first boot saves it.
  bool boot_snapshot = true;
};

// The guest's PCI address for a slot on bus 0 ("0000:00:05.0").
std::string guest_pci_address(int slot);

// The virtio-serial controller carrying the consoles sits out of the NICs' way.
inline constexpr int kVirtioSerialSlot = 0x1f;

struct QemuPaths {
  std::filesystem::path control_socket;                // listened on by the harness; QEMU connects
  std::vector<std::filesystem::path> console_sockets;  // listened on by QEMU (server=on,wait=off)
};

// Throws ConfigError for an impossible guest (slot clash, reserved slot, too little memory for the
// hugepages, queue counts out of range).
void validate(const GuestConfig& config);

std::vector<std::string> qemu_argv(const GuestConfig& config, Accelerator accel, const QemuPaths& paths);

}  // namespace mpdts
