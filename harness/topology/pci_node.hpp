// What the node says about a PCI device, read from sysfs and procfs only (nothing is written): does
// it exist, and does it carry a kernel network interface that is in use (up, or routed)? Such a
// device is refused before anything is bound, as dpdk-devbind.py refuses it.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace mpdts {

// Where the node's sysfs and procfs are (tests point them at a fake tree).
struct NodeRoots {
  std::filesystem::path sys = "/sys";
  std::filesystem::path proc = "/proc";
};

struct KernelInterface {
  std::string name;       // eth0
  std::string operstate;  // "up", "down", "unknown"...
  bool admin_up = false;  // IFF_UP in its flags
  int ipv4_routes = 0;    // routes through it in the node's routing tables (/proc/net/route, ipv6_route)
  int ipv6_routes = 0;
  bool active() const { return operstate == "up" || admin_up || ipv4_routes > 0 || ipv6_routes > 0; }
  std::string describe() const;  // "eth0 (operstate up, IFF_UP, 2 IPv4 routes, 7 IPv6 routes)"
};

// /sys/bus/pci/devices/<address> exists.
bool pci_device_exists(const std::string& address, const NodeRoots& node = {});
// The kernel network interfaces of a PCI device: every net/<if> below its sysfs directory (found the
// way dpdk-devbind.py does, without following links, so virtio's virtioN/net/<if> counts).
std::vector<KernelInterface> pci_kernel_interfaces(const std::string& address, const NodeRoots& node = {});

}  // namespace mpdts
