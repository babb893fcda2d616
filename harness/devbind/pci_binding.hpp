// A PCI device bound to a DPDK driver with dpdk-devbind.py for the length of a case, and re-bound to
// its original kernel driver afterwards — checked, not assumed — whatever happened in the case.
#pragma once

#include <string>

#include "core/cleanup_stack.hpp"
#include "topology/topology.hpp"

namespace mpdts {

class Node;
class Transcript;

// The driver a PCI device is bound to now ("" when none), from sysfs (of this host, or of `node`).
std::string current_pci_driver(const std::string& address);
std::string current_pci_driver(Node& node, const std::string& address);

class PciBinding {
 public:
  // With dpdk-devbind.py of this host, or of `node`.
  PciBinding(const PciDevice& device, Transcript& transcript);
  PciBinding(Node& node, const PciDevice& device, Transcript& transcript);
  ~PciBinding();
  PciBinding(const PciBinding&) = delete;
  PciBinding& operator=(const PciBinding&) = delete;

  // Binds the device to its DPDK driver (a no-op when it is already).
  void bind_dpdk();
  // Re-binds it to the kernel driver the topology names and checks that it took.
  void restore();

 private:
  void bind(const std::string& driver);

  Node& node_;
  PciDevice device_;
  Transcript& transcript_;
  bool changed_ = false;
  ScopedCleanup cleanup_;
};

}  // namespace mpdts
