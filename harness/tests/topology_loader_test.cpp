// Topology files: the good one loads with the defaults filled in; every kind of bad input is refused
// with file, line and column and what was expected.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "topology/topology.hpp"

namespace mpdts {
namespace {

const std::filesystem::path kFile = "/labs/test.yaml";

std::string error_of(const std::string& yaml) {
  try {
    parse_topology(yaml, kFile);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "(no error)";
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

TEST(TopologyLoader, SaysWhenTheFileCannotBeRead) {
  EXPECT_THROW(load_topology("/nonexistent/topology.yaml"), ConfigError);
}

}  // namespace
}  // namespace mpdts
