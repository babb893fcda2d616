// Topology files: the good one loads with the defaults filled in; every kind of bad input is refused
// with file, line and column and what was expected.
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "core/error.hpp"
#include "devbind/pci_binding.hpp"
#include "topology/topology.hpp"

namespace mpdts {
namespace {

const std::filesystem::path kFile = "/labs/test.yaml";

std::string error_of(const std::string& yaml, const std::optional<NodeRoots>& node = NodeRoots{}) {
  try {
    parse_topology(yaml, kFile, node);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "(no error)";
}

std::string pci_topology(const std::string& address) {
  return "name: x\ndevices:\n  pci:\n    - {address: " + address + ", dpdk_driver: vfio-pci, kernel_driver: ixgbe}\n";
}

TEST(TopologyLoader, LoadsTheEmbeddedDefault) {
  const auto t = load_topology(MPDTS_SOURCE_DIR "/topologies/embedded.yaml");
  EXPECT_EQ(t.name, "embedded-default");
  ASSERT_TRUE(t.af_packet.has_value());
  EXPECT_TRUE(t.af_packet->create_veth);
  EXPECT_TRUE(t.vhost_user);
  EXPECT_TRUE(t.virtio_user);
  EXPECT_TRUE(t.pci.empty());
  EXPECT_EQ(t.repeat, 2);
  EXPECT_EQ(t.hotplug_mp.contract.prompt, "example> ");
  EXPECT_EQ(t.hotplug_mp.path.filename(), "hotplug_mp");
}

TEST(TopologyLoader, LoadsTheVmTopology) {
  const auto t = load_topology(MPDTS_SOURCE_DIR "/topologies/vm.yaml");
  ASSERT_TRUE(t.vm.has_value());
  EXPECT_EQ(t.vm->accelerator, "auto");
  EXPECT_EQ(t.vm->memory_mb, 1024);
  ASSERT_EQ(t.vm->vhost_user.size(), 2u);
  EXPECT_EQ(t.vm->vhost_user[0].pci.address, "0000:00:05.0");
  EXPECT_EQ(t.vm->vhost_user[1].pci.address, "0000:00:06.0");
  EXPECT_EQ(t.vm->vhost_user[1].queues, 2);
  ASSERT_EQ(t.vm->pci.size(), 1u);
  EXPECT_EQ(t.vm->pci[0].pci.address, "0000:00:07.0");
  EXPECT_EQ(t.vm->pci[0].pci.dpdk_driver, "uio_pci_generic");
  EXPECT_EQ(t.vm->pci[0].pci.kernel_driver, "virtio-pci");
  EXPECT_EQ(t.vm->pci[0].model, "virtio-net-pci");
  EXPECT_TRUE(t.pci.empty());  // host PCI devices: none
  EXPECT_EQ(t.symmetric_mp.dpdk_offload_args, std::vector<std::string>{"--offload-request=dpdk"});
}

TEST(TopologyLoader, VmSectionDefaultsAndErrors) {
  const std::string ports =
      "  vhost_user:\n    - {address: 0000:00:05.0}\n    - {address: 0000:00:06.0}\n";
  const auto t = parse_topology("name: x\ndevices: {}\nvm:\n" + ports, kFile);
  ASSERT_TRUE(t.vm.has_value());
  EXPECT_EQ(t.vm->vhost_user[0].queues, 2);
  EXPECT_EQ(t.vm->vhost_user[0].pci.dpdk_driver, "uio_pci_generic");
  EXPECT_EQ(t.vm->vhost_user[0].pci.kernel_driver, "virtio-pci");
  EXPECT_TRUE(t.vm->pci.empty());
  EXPECT_EQ(t.vm->hugepages, 256);
  EXPECT_TRUE(t.vm->boot_snapshot);
  EXPECT_FALSE(parse_topology("name: x\ndevices: {}\nvm:\n  boot_snapshot: false\n" + ports, kFile).vm->boot_snapshot);

  const std::string head = "name: x\ndevices: {}\nvm:\n";
  EXPECT_EQ(error_of(head + "  accelerator: fast\n" + ports),
            "/labs/test.yaml:4:16: 'vm.accelerator' must be auto, kvm or tcg, got 'fast'");
  EXPECT_EQ(error_of(head + "  memory: 1024\n" + ports),
            "/labs/test.yaml:4:3: unknown key 'memory' in 'vm' (expected one of: accelerator, boot_snapshot, "
            "boot_timeout, cpus, hugepages, memory_mb, pci, vhost_user)");
  EXPECT_EQ(error_of(head + "  memory_mb: 512\n" + ports),
            "/labs/test.yaml:4:14: vm.hugepages: 256 pages of 2 MB need vm.memory_mb of at least 768 (the guest kernel "
            "and its initramfs live in RAM too), got 512");
  EXPECT_EQ(error_of(head + "  vhost_user:\n    - {address: 0000:00:05.0}\n"),
            "/labs/test.yaml:5:5: 'vm.vhost_user' must list exactly two ports: the plan's ports 0 and 1 "
            "(symmetric_mp -p 3)");
  EXPECT_EQ(error_of(head + "  vhost_user:\n    - {address: 0000:00:05.0}\n    - {address: 0000:00:1f.0}\n"),
            "/labs/test.yaml:6:17: 'vm.vhost_user[1].address': slot 0x1f is not free in the guest (0 and 1 are the "
            "chipset's, 0x1f carries the consoles): use 0x2..0x1e");
  EXPECT_EQ(error_of(head + "  vhost_user:\n    - {address: 0000:00:05.0}\n    - {address: 0000:01:06.0}\n"),
            "/labs/test.yaml:6:17: 'vm.vhost_user[1].address' must be a guest PCI address on bus 0, function 0, like "
            "0000:00:05.0, got '0000:01:06.0'");
  EXPECT_EQ(error_of(head + ports + "  pci:\n    - {address: 0000:00:05.0}\n"),
            "/labs/test.yaml:8:17: guest PCI address 0000:00:05.0 is used twice");
  EXPECT_NE(error_of(head + ports + "  pci:\n    - {address: 0000:00:07.0, dpdk_driver: vfio-pci}\n")
                .find("/labs/test.yaml:8:44: 'vm.pci[0].dpdk_driver' must be uio_pci_generic in the guest"),
            std::string::npos);
  EXPECT_NE(error_of(head + ports + "  pci:\n    - {address: 0000:00:07.0, model: e1000}\n")
                .find("/labs/test.yaml:8:38: 'vm.pci[0].model' must be virtio-net-pci, got 'e1000'"),
            std::string::npos);
  EXPECT_NE(error_of(head + "  cpus: 0\n" + ports).find("/labs/test.yaml:4:9: 'vm.cpus' must be between 1 and 64"),
            std::string::npos);
  EXPECT_NE(error_of(head + "  cpus: 1\n").find("'vm' needs 'vhost_user'"), std::string::npos);
}

TEST(TopologyLoader, FillsDefaultsForAMinimalFile) {
  const auto t = parse_topology("name: x\ndevices: {vhost_user: true}\n", kFile);
  EXPECT_FALSE(t.af_packet.has_value());
  EXPECT_EQ(t.timeouts.command, 15);
  EXPECT_EQ(t.testpmd.path, "/usr/bin/dpdk-testpmd");
}

TEST(TopologyLoader, NamesTheLineAndColumnOfAnUnknownKey) {
  EXPECT_EQ(error_of("name: x\ndevices:\n  vhost_user: true\n  vhost_usr: true\n"),
            "/labs/test.yaml:4:3: unknown key 'vhost_usr' in 'devices' (expected one of: af_packet, pci, vhost_user, "
            "virtio_user)");
}

TEST(TopologyLoader, NamesAWrongType) {
  EXPECT_EQ(error_of("name: x\ndevices:\n  vhost_user: maybe\n"),
            "/labs/test.yaml:3:15: 'devices.vhost_user' must be true or false, got 'maybe'");
  EXPECT_EQ(error_of("name: x\ndevices: {}\ntimeouts:\n  start: soon\n"),
            "/labs/test.yaml:4:10: 'timeouts.start' must be a number, got 'soon'");
}

TEST(TopologyLoader, ReportsYamlSyntaxErrorsWithTheirPosition) {
  const auto e = error_of("name: x\ndevices: [\n");
  EXPECT_EQ(e.rfind("/labs/test.yaml:3:1: YAML syntax error", 0), 0u) << e;
}

TEST(TopologyLoader, RequiresANameAndDevices) {
  EXPECT_NE(error_of("devices: {}\n").find("needs a 'name'"), std::string::npos);
  EXPECT_NE(error_of("name: x\n").find("needs 'devices'"), std::string::npos);
}

TEST(TopologyLoader, RefusesAMalformedOrRepeatedPciAddress) {
  EXPECT_EQ(error_of("name: x\ndevices:\n  pci:\n    - {address: 88:00.0, dpdk_driver: vfio-pci, kernel_driver: ice}\n"),
            "/labs/test.yaml:4:17: 'devices.pci[0].address' must be a full PCI address like 0000:88:00.0, got "
            "'88:00.0'");
  const auto twice =
      "name: x\ndevices:\n  pci:\n"
      "    - {address: 0000:88:00.0, dpdk_driver: vfio-pci, kernel_driver: ice}\n"
      "    - {address: 0000:88:00.0, dpdk_driver: vfio-pci, kernel_driver: ice}\n";
  EXPECT_NE(error_of(twice).find(":5:17: PCI device 0000:88:00.0 is listed twice"), std::string::npos);
  EXPECT_NE(error_of("name: x\ndevices:\n  pci:\n    - {address: 0000:88:00.0}\n").find("needs 'dpdk_driver'"),
            std::string::npos);
}

TEST(TopologyLoader, RefusesAMissingTargetBinary) {
  EXPECT_EQ(error_of("name: x\ndevices: {}\ntargets:\n  hotplug_mp:\n    path: ./no-such-binary\n"),
            "/labs/test.yaml:5:11: 'targets.hotplug_mp.path': /labs/no-such-binary does not exist");
}

TEST(TopologyLoader, RefusesEalArgumentsTheHarnessOwns) {
  const auto e = error_of("name: x\ndevices: {}\ntargets:\n  hotplug_mp:\n    eal_args: [--file-prefix=mine]\n");
  EXPECT_NE(e.find("may not contain '--file-prefix=mine'"), std::string::npos) << e;
  EXPECT_NE(error_of("name: x\ndevices: {}\ntargets:\n  testpmd:\n    eal_args: [-a, 0000:00:03.0]\n").find("'-a'"),
            std::string::npos);
}

TEST(TopologyLoader, RefusesABadContractPattern) {
  const auto e = error_of("name: x\ndevices: {}\ntargets:\n  hotplug_mp:\n    contract:\n      attach_ok: '(unclosed'\n");
  EXPECT_EQ(e.rfind("/labs/test.yaml:6:18: 'targets.hotplug_mp.contract.attach_ok' is not a valid regular expression", 0),
            0u)
      << e;
  EXPECT_NE(error_of("name: x\ndevices: {}\ntargets:\n  hotplug_mp:\n    contract:\n      list_entry: '^(\\d+)'\n")
                .find("needs two groups"),
            std::string::npos);
}

TEST(TopologyLoader, AfPacketNeedsExactlyOneSource) {
  EXPECT_NE(error_of("name: x\ndevices:\n  af_packet: {}\n").find("exactly one of"), std::string::npos);
  EXPECT_NE(error_of("name: x\ndevices:\n  af_packet: {veth: true, iface: ens1}\n").find("exactly one of"),
            std::string::npos);
  EXPECT_EQ(parse_topology("name: x\ndevices:\n  af_packet: {iface: ens1}\n", kFile).af_packet->iface, "ens1");
}

TEST(TopologyLoader, RefusesDuplicateAndCollectionKeys) {
  EXPECT_EQ(error_of("name: x\nname: y\ndevices: {}\n"), "/labs/test.yaml:2:1: key 'name' appears twice in 'topology'");
  EXPECT_EQ(error_of("name: x\ndevices: {vhost_user: true, vhost_user: false}\n"),
            "/labs/test.yaml:2:29: key 'vhost_user' appears twice in 'devices'");
  EXPECT_EQ(error_of("name: x\ndevices: {}\n? [a, b]\n: 1\n"),
            "/labs/test.yaml:3:3: a key in 'topology' must be a plain name, not a collection");
}

TEST(TopologyLoader, RefusesNonNumbersNanAndFractionalCounts) {
  EXPECT_EQ(error_of("name: x\ndevices: {}\ntimeouts: {start: .nan}\n"),
            "/labs/test.yaml:3:19: 'timeouts.start' must be between 0.1 and 3600, got '.nan'");
  EXPECT_EQ(error_of("name: x\ndevices: {}\ntimeouts: {quit: -.inf}\n"),
            "/labs/test.yaml:3:18: 'timeouts.quit' must be between 0.1 and 3600, got '-.inf'");
  EXPECT_EQ(error_of("name: x\ndevices: {}\nplan: {repeat: 1.5}\n"),
            "/labs/test.yaml:3:16: 'plan.repeat' must be a whole number, got '1.5'");
  EXPECT_EQ(error_of("name: x\ndevices: {}\nplan: [repeat]\n"), "/labs/test.yaml:3:7: 'plan' must be a mapping");
  EXPECT_EQ(error_of("name: [x]\ndevices: {}\n"), "/labs/test.yaml:1:7: 'name' must be a string");
  EXPECT_EQ(error_of("name: ''\ndevices: {}\n"), "/labs/test.yaml:1:7: 'name' must not be empty");
  EXPECT_EQ(error_of("name: x\ndevices: {}\ntargets:\n  testpmd:\n    eal_args: -l 0\n"),
            "/labs/test.yaml:5:15: 'targets.testpmd.eal_args' must be a list of strings");
}

TEST(TopologyLoader, RefusesUnknownDpdkDriversAndOddKernelDriverNames) {
  EXPECT_EQ(error_of("name: x\ndevices:\n  pci:\n    - {address: 0000:88:00.0, dpdk_driver: vfio, kernel_driver: ice}\n",
                     std::nullopt),
            "/labs/test.yaml:4:44: 'devices.pci[0].dpdk_driver' must be one of igb_uio, uio_pci_generic, vfio-pci, got "
            "'vfio'");
  EXPECT_EQ(
      error_of("name: x\ndevices:\n  pci:\n    - {address: 0000:88:00.0, dpdk_driver: igb_uio, kernel_driver: '--force'}\n",
               std::nullopt),
      "/labs/test.yaml:4:68: 'devices.pci[0].kernel_driver' must be a kernel driver name like ixgbe or virtio-pci, got "
      "'--force'");
}

// A fake node: sysfs with PCI devices (links into /sys/devices, as the kernel makes them) and procfs
// routing tables, in a directory of its own.
class FakeNode : public testing::Test {
 protected:
  void SetUp() override {
    root_ = std::filesystem::temp_directory_path() / ("mpdts-fake-node-" + std::to_string(::getpid()));
    std::filesystem::remove_all(root_);
    roots_ = {root_ / "sys", root_ / "proc"};
    std::filesystem::create_directories(roots_.sys / "bus/pci/devices");
    std::filesystem::create_directories(roots_.proc / "net");
    write(roots_.proc / "net/route", "Iface\tDestination\tGateway\tFlags\n");
    write(roots_.proc / "net/ipv6_route", "");
    // A driver directory with a net/ inside, reachable from every device through its `driver` link:
    // the walk must not follow links, so it must never count as the device's interface.
    std::filesystem::create_directories(roots_.sys / "bus/pci/drivers/fake/net/decoy0");
    write(roots_.sys / "bus/pci/drivers/fake/net/decoy0/operstate", "up\n");
  }
  void TearDown() override { std::filesystem::remove_all(root_); }

  std::filesystem::path add_device(const std::string& address) {
    const auto dir = roots_.sys / "devices/pci0000:00" / address;
    std::filesystem::create_directories(dir);
    std::filesystem::create_directory_symlink("../../../devices/pci0000:00/" + address,
                                              roots_.sys / "bus/pci/devices" / address);
    std::filesystem::create_directory_symlink("../../bus/pci/drivers/fake", dir / "driver");
    return dir;
  }
  void add_interface(const std::filesystem::path& net_dir, const std::string& name, const std::string& operstate,
                     const std::string& flags) {
    std::filesystem::create_directories(net_dir / name);
    write(net_dir / name / "operstate", operstate + "\n");
    write(net_dir / name / "flags", flags + "\n");
  }
  static void write(const std::filesystem::path& p, const std::string& text) { std::ofstream(p) << text; }
  static void append(const std::filesystem::path& p, const std::string& text) { std::ofstream(p, std::ios::app) << text; }

  std::filesystem::path root_;
  NodeRoots roots_;
};

TEST_F(FakeNode, RefusesAPciDeviceThatDoesNotExistOnTheNode) {
  EXPECT_EQ(error_of(pci_topology("0000:88:00.0"), roots_),
            "/labs/test.yaml:4:17: 'devices.pci[0].address': PCI device 0000:88:00.0 does not exist on this node (no " +
                (roots_.sys / "bus/pci/devices/0000:88:00.0").string() + ")");
}

TEST_F(FakeNode, AcceptsADeviceWithoutAnActiveKernelInterface) {
  add_device("0000:88:00.0");  // bound to a DPDK driver: no net/ at all
  const auto dev = add_device("0000:88:00.1");
  add_interface(dev / "net", "ens1f1", "down", "0x1002");  // kernel driver, interface down, no routes
  const auto t = parse_topology(pci_topology("0000:88:00.0") + "    - {address: 0000:88:00.1, dpdk_driver: vfio-pci, "
                                                               "kernel_driver: ixgbe}\n",
                                kFile, roots_);
  ASSERT_EQ(t.pci.size(), 2u);
  EXPECT_EQ(t.pci[1].address, "0000:88:00.1");
}

TEST_F(FakeNode, RefusesADeviceWhoseInterfaceIsUp) {
  add_interface(add_device("0000:88:00.0") / "net", "ens1", "up", "0x1003");
  EXPECT_EQ(error_of(pci_topology("0000:88:00.0"), roots_),
            "/labs/test.yaml:4:17: 'devices.pci[0].address': PCI device 0000:88:00.0 carries the active kernel "
            "interface ens1 (operstate up, IFF_UP); refusing it before anything is bound (dpdk-devbind.py refuses it "
            "too): take the interface down and remove its routes, or list another device");
}

TEST_F(FakeNode, RefusesADeviceWhoseInterfaceIsAdministrativelyUpWithoutCarrier) {
  add_interface(add_device("0000:88:00.0") / "net", "ens1", "down", "0x1003");
  EXPECT_NE(error_of(pci_topology("0000:88:00.0"), roots_).find("active kernel interface ens1 (operstate down, IFF_UP)"),
            std::string::npos);
}

TEST_F(FakeNode, RefusesADeviceWhoseInterfaceHasRoutesEvenBelowAVirtioDevice) {
  // virtio-pci puts the interface one level down: <device>/virtio0/net/<if>, as on this machine.
  add_interface(add_device("0000:00:04.0") / "virtio0/net", "ens4", "down", "0x1002");
  append(roots_.proc / "net/route", "ens4\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n");
  append(roots_.proc / "net/ipv6_route",
         "fe800000000000000000000000000000 40 00000000000000000000000000000000 00 00000000000000000000000000000000 "
         "00000100 00000002 00000000 00000001     ens4\n");
  EXPECT_NE(error_of(pci_topology("0000:00:04.0"), roots_)
                .find("PCI device 0000:00:04.0 carries the active kernel interface ens4 (operstate down, 1 IPv4 route, 1 "
                      "IPv6 route)"),
            std::string::npos);
}

TEST_F(FakeNode, ChecksTheNodeOnlyAfterTheWholeFileIsWellFormed) {
  // The second device is malformed: that is said first, although the first does not exist.
  EXPECT_NE(error_of(pci_topology("0000:88:00.0") + "    - {address: 88:00.1, dpdk_driver: vfio-pci, kernel_driver: "
                                                    "ixgbe}\n",
                     roots_)
                .find(":5:17: 'devices.pci[1].address' must be a full PCI address"),
            std::string::npos);
}

// This machine's own NIC (eth0 on 0000:00:03.0, up and routed) must be refused by the loader. Only
// sysfs and procfs are read; the device's driver and the interface's state are checked unchanged.
TEST(TopologyLoaderOnThisNode, RefusesThisMachinesOwnActiveNic) {
  const std::string nic = "0000:00:03.0";
  if (!pci_device_exists(nic)) GTEST_SKIP() << nic << " does not exist on this machine";
  std::string active;
  for (const auto& k : pci_kernel_interfaces(nic))
    if (k.active()) active = k.name;
  if (active.empty()) GTEST_SKIP() << nic << " carries no active kernel interface on this machine";
  const auto driver_before = current_pci_driver(nic);

  const auto e = error_of(pci_topology(nic));
  EXPECT_NE(e.find("PCI device " + nic + " carries the active kernel interface " + active + " ("), std::string::npos)
      << e;
  EXPECT_EQ(e.rfind("/labs/test.yaml:4:17: 'devices.pci[0].address': ", 0), 0u) << e;
  EXPECT_NE(e.find("refusing it before anything is bound"), std::string::npos) << e;

  EXPECT_EQ(current_pci_driver(nic), driver_before);
  bool still_active = false;
  for (const auto& k : pci_kernel_interfaces(nic))
    if (k.name == active) still_active = k.active();
  EXPECT_TRUE(still_active);
}

TEST(TopologyLoaderOnThisNode, RefusesAnAddressThatDoesNotExistHere) {
  const std::string absent = "0000:ff:1f.7";
  if (pci_device_exists(absent)) GTEST_SKIP() << absent << " exists here";
  EXPECT_NE(error_of(pci_topology(absent)).find("PCI device 0000:ff:1f.7 does not exist on this node"),
            std::string::npos);
}

TEST(TopologyLoader, SaysWhenTheFileCannotBeRead) {
  EXPECT_THROW(load_topology("/nonexistent/topology.yaml"), ConfigError);
}

}  // namespace
}  // namespace mpdts
