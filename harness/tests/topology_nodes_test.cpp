// The topology's nodes: the local node always exists, ssh nodes are read with their connection
// settings, targets and devices name their node, and every mistake is refused with its position.
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "core/error.hpp"
#include "topology/topology.hpp"

namespace mpdts {
namespace {

namespace fs = std::filesystem;

// A topology file beside a key and a known_hosts file (relative paths are relative to the topology).
class TopologyNodes : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("mpdts-nodes-test-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    std::ofstream(dir_ / "id") << "key\n";
    std::ofstream(dir_ / "known_hosts") << "[sut]:2222 ssh-ed25519 AAAA\n";
  }
  void TearDown() override { fs::remove_all(dir_); }

  Topology parse(const std::string& yaml) { return parse_topology(yaml, dir_ / "lab.yaml"); }
  std::string error_of(const std::string& yaml) {
    try {
      parse(yaml);
    } catch (const ConfigError& e) {
      return e.what();
    }
    return "(no error)";
  }
  std::string at(int line, int column) const {
    return (dir_ / "lab.yaml").string() + ":" + std::to_string(line) + ":" + std::to_string(column) + ": ";
  }

  fs::path dir_;
};

const std::string kSut =
    "name: lab\n"
    "nodes:\n"
    "  - name: sut\n"
    "    type: ssh\n"
    "    host: 192.0.2.7\n"
    "    user: root\n"
    "    key: id\n"
    "    port: 2222\n"
    "    known_hosts: known_hosts\n";

TEST_F(TopologyNodes, WithoutNodesEverythingIsLocal) {
  const auto t = parse("name: x\ndevices: {af_packet: {veth: true}}\n");
  ASSERT_EQ(t.nodes.size(), 1u);
  EXPECT_EQ(t.nodes[0].name, "local");
  EXPECT_EQ(t.nodes[0].type, NodeSpec::Type::Local);
  EXPECT_EQ(t.hotplug_mp.node, "local");
  EXPECT_EQ(t.af_packet->node, "local");
}

TEST_F(TopologyNodes, ReadsAnSshNodeAndWhatRunsOnIt) {
  const auto t = parse(kSut +
                       "targets:\n  hotplug_mp: {node: sut, path: /opt/dpdk/hotplug_mp}\n"
                       "devices:\n  af_packet: {veth: true, node: sut}\n"
                       "  pci:\n    - {address: 0000:88:00.0, dpdk_driver: vfio-pci, kernel_driver: ixgbe, node: sut}\n");
  ASSERT_EQ(t.nodes.size(), 2u);
  const auto* sut = t.find_node("sut");
  ASSERT_NE(sut, nullptr);
  EXPECT_EQ(sut->type, NodeSpec::Type::Ssh);
  EXPECT_EQ(sut->host, "192.0.2.7");
  EXPECT_EQ(sut->user, "root");
  EXPECT_EQ(sut->port, 2222);
  EXPECT_EQ(sut->key, dir_ / "id");
  EXPECT_EQ(sut->known_hosts, dir_ / "known_hosts");
  EXPECT_EQ(t.hotplug_mp.node, "sut");
  EXPECT_EQ(t.hotplug_mp.path, "/opt/dpdk/hotplug_mp");  // another system's file: not checked here
  EXPECT_EQ(t.af_packet->node, "sut");
  ASSERT_EQ(t.pci.size(), 1u);
  EXPECT_EQ(t.pci[0].node, "sut");  // not looked up in this host's sysfs
  EXPECT_EQ(t.testpmd.node, "local");
}

TEST_F(TopologyNodes, RefusesMistakesWithTheirPosition) {
  EXPECT_EQ(error_of(kSut + "targets:\n  hotplug_mp: {node: dut}\ndevices: {}\n"),
            at(11, 22) + "'targets.hotplug_mp.node': no node named 'dut' (nodes: local, sut)");
  EXPECT_EQ(error_of(kSut + "targets:\n  hotplug_mp: {node: sut, path: bin/hotplug_mp}\ndevices: {}\n"),
            at(11, 33) + "'targets.hotplug_mp.path' must be absolute: it names a file on node 'sut'");
  EXPECT_EQ(error_of("name: x\nnodes:\n  - {name: sut, type: telnet, host: h}\ndevices: {}\n"),
            at(3, 23) + "'nodes[0].type' must be local or ssh, got 'telnet'");
  EXPECT_EQ(error_of("name: x\nnodes:\n  - {name: sut, type: ssh}\ndevices: {}\n"),
            at(3, 5) + "'nodes[0]' (ssh) needs a 'host'");
  EXPECT_EQ(error_of("name: x\nnodes:\n  - {name: sut, type: ssh, host: -oProxyCommand=x}\ndevices: {}\n"),
            at(3, 34) + "'nodes[0].host' must be a host name or address, got '-oProxyCommand=x'");
  EXPECT_EQ(error_of("name: x\nnodes:\n  - {name: sut, type: ssh, host: h, port: 70000}\ndevices: {}\n"),
            at(3, 43) + "'nodes[0].port' must be between 1 and 65535, got '70000'");
  EXPECT_EQ(error_of("name: x\nnodes:\n  - {name: sut, type: ssh, host: h, key: nokey}\ndevices: {}\n"),
            at(3, 42) + "'nodes[0].key': " + (dir_ / "nokey").string() + " is not a file");
  EXPECT_EQ(error_of("name: x\nnodes:\n  - {name: tester, host: h}\ndevices: {}\n"),
            at(3, 26) + "'nodes[0].host' is for an ssh node; 'tester' is local");
  EXPECT_EQ(error_of("name: x\nnodes:\n  - {name: local, type: ssh, host: h}\ndevices: {}\n"),
            at(3, 12) + "'nodes[0]': the node named 'local' is this host");
  EXPECT_EQ(error_of("name: x\nnodes:\n  - {name: a, type: ssh, host: h}\n  - {name: a, type: ssh, host: g}\ndevices: {}\n"),
            at(4, 12) + "node 'a' is listed twice");
  EXPECT_EQ(error_of("name: x\nnodes:\n  - {name: sut, type: ssh, host: h, password: x}\ndevices: {}\n"),
            at(3, 37) + "unknown key 'password' in 'nodes[0]' (expected one of: host, key, known_hosts, name, port, "
                        "type, user)");
}

}  // namespace
}  // namespace mpdts
