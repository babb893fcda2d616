// The testbed a run uses, as read from a topology YAML file: which target binaries to run and their
// output contract, which devices the cases may use, and the limits of the bench. Loading validates
// the whole file before the harness touches anything; errors name file, line and column.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "dpdk/dpdk_spec.hpp"
#include "topology/pci_node.hpp"

namespace mpdts {

// What an interactive hotplug_mp implementation prints, as patterns (Perl syntax, matched against
// single lines). The defaults fit the project's own target and DPDK's example.
struct HotplugContract {
  std::string prompt = "example> ";
  std::string list_header = "list all etherdev";
  std::string list_entry = R"(^(\d+)\s+(\S+)\s*$)";  // group 1: port id, group 2: device name
  std::string attach_ok = R"(^attached device (\S+))";
  std::string attach_failed = R"(^failed to attach(ed)? device (\S+))";
  std::string detach_ok = R"(^detached device (\S+))";
  std::string detach_failed = R"(^failed to detach device (\S+))";
  std::string quit_command = "quit";
};

// The name of the node a topology always has: this host.
inline constexpr const char* kLocalNodeName = "local";

// A system the cases may run on: this host, or one reached with the system's OpenSSH client.
struct NodeSpec {
  enum class Type { Local, Ssh };
  std::string name = kLocalNodeName;
  Type type = Type::Local;
  // Ssh only. `key` and `known_hosts` are empty when ssh's defaults apply (BatchMode and strict host
  // key checking always: no password prompt, no unknown host accepted).
  std::string host;
  std::string user;
  std::filesystem::path key;
  std::filesystem::path known_hosts;
  int port = 22;
};

struct TargetBinary {
  std::filesystem::path path;         // on its node (checked here only on a local node)
  bool path_named = false;            // the topology named it (else: the DPDK under test's, or the project's)
  // hotplug_mp, symmetric_mp: `from: dpdk-example` runs DPDK's own example of the DPDK under test
  // (built from its source) instead of the project's target.
  bool dpdk_example = false;
  std::vector<std::string> eal_args;  // appended to the EAL arguments the harness builds
  std::string node = kLocalNodeName;  // where it runs
};

struct HotplugTarget : TargetBinary {
  HotplugContract contract;
};

struct SymmetricTarget : TargetBinary {
  // Application arguments that make it ask for DPDK's unmodified example's port configuration (RSS
  // and the full RX checksum offload, retried as the example does). The project's target needs
  // --offload-request=dpdk; DPDK's own example does it unasked ([]).
  std::vector<std::string> dpdk_offload_args{"--offload-request=dpdk"};
};

struct TestpmdTarget : TargetBinary {
  std::string prompt = "testpmd> ";
};

struct PciDevice {
  std::string address;        // 0000:88:00.0
  std::string dpdk_driver;    // vfio-pci, uio_pci_generic, igb_uio
  std::string kernel_driver;  // the driver to re-bind to after a case
  std::string node = kLocalNodeName;
};

struct AfPacketDevice {
  bool create_veth = true;  // the harness creates a netns and a veth pair; the PMD opens one end
  std::string iface;        // when not created: an existing interface of the lab
  std::string node = kLocalNodeName;
};

// A virtio-net-pci port of the guest backed by a vhost-user port of the host testpmd (net_vhost,
// client=1): the plan's two ports, 0000:00:05.0 and 0000:00:06.0.
struct VmVhostPort {
  PciDevice pci;  // guest address (bus 0, function 0), its DPDK driver in the guest, its kernel driver
  int queues = 2;
};

// An emulated NIC of the guest with no network behind it: a PCI device the physical hotplug cases
// bind with dpdk-devbind.py in the guest.
struct VmNic {
  PciDevice pci;
  std::string model = "virtio-net-pci";
};

// The QEMU guest lab of a VM topology (`vm:`).
struct VmLab {
  int memory_mb = 1024;              // guest RAM, a memfd shared with the vhost-user backend
  int cpus = 2;
  std::string accelerator = "auto";  // auto (KVM if it boots in time, else TCG), kvm, tcg
  int hugepages = 256;               // 2 MB pages reserved in the guest
  double boot_timeout = 300;         // seconds, QEMU start to the guest's control shell
  bool boot_snapshot = true;         // resume the state saved after the first boot (vm/boot_snapshot.hpp)
  std::vector<VmVhostPort> vhost_user;
  std::vector<VmNic> pci;
};

struct Timeouts {
  double start = 30;    // a target's start-up, up to its first prompt
  double command = 15;  // one command, up to the next prompt
  double quit = 15;     // a target's exit after quit
};

struct Topology {
  std::filesystem::path file;
  std::string text;  // the file as read, for the report
  std::string name;

  std::vector<NodeSpec> nodes{NodeSpec{}};  // the local node first, then the file's ssh nodes
  const NodeSpec* find_node(const std::string& name) const;

  HotplugTarget hotplug_mp;
  SymmetricTarget symmetric_mp;
  TestpmdTarget testpmd;

  std::optional<AfPacketDevice> af_packet;
  bool vhost_user = false;
  bool virtio_user = false;
  std::vector<PciDevice> pci;
  std::optional<VmLab> vm;  // the guest lab: the vdev plan's cases and the physical cases run in it

  Timeouts timeouts;
  int repeat = 2;  // rounds of the plan's repeat loops
  // The DPDK under test (`dpdk:`): system (the default), a source tree or tarball, a build directory.
  // Targets without a `path` run from it; a run may override it (mpdts run --dpdk).
  DpdkSpec dpdk;
};

// The EAL option a target argument would set that the harness owns (file prefix, huge dir, PCI
// access, process type), as EAL would read it — abbreviated long options ("--allo=..."), joined or
// grouped short ones ("-a0000:00:03.0", "-va...") — or "" when it sets none of them.
std::string eal_option_owned_by_harness(const std::string& arg);

// Directory holding the project's own target binaries (set at build time).
std::filesystem::path default_targets_dir();

// Reads and validates a topology file; throws ConfigError "file:line:col: message". Its PCI devices
// are checked against `node` (they must exist there and carry no active kernel interface); nullopt
// skips those checks (a topology for another node). Nothing but files is read.
Topology load_topology(const std::filesystem::path& file, const std::optional<NodeRoots>& node = NodeRoots{});
// Same, from text (file is only used in messages and to resolve relative paths).
Topology parse_topology(const std::string& text, const std::filesystem::path& file,
                        const std::optional<NodeRoots>& node = NodeRoots{});

}  // namespace mpdts
