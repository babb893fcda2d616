// Reading what the symmetric cases read: symmetric_mp's count lines (the project's target and
// DPDK's example) and testpmd 22.11's port summary, extended and basic statistics, as captured on
// this host, with the asynchronous event lines testpmd mixes in.
#include <gtest/gtest.h>

#include "apps/symmetric_app.hpp"
#include "apps/traffic_testpmd.hpp"

namespace mpdts {
namespace {

TEST(ParsePortCounts, ReadsTheTargetsLinesAndNotItsSetUpLines) {
  const auto lines = SymmetricApp::parse_port_counts(
      "Port 0: 2 queues, RSS off: not supported, RX checksum offload on (0xc), 1024/1024 RX/TX descriptors\n"
      "proc 0: forwarding on ports 0 1 (queue 0, primary)\n"
      "proc 0: stopped by signal 2\n"
      "Port 0: RX - 9192032, TX - 256, Drop - 9191776\n"
      "Port 1: RX - 9157792, TX - 256, Drop - 9157536\n");
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].port, 0);
  EXPECT_EQ(lines[0].rx, 9192032u);
  EXPECT_EQ(lines[0].tx, 256u);
  EXPECT_EQ(lines[0].drop, 9191776u);
  EXPECT_EQ(lines[0].line, "Port 0: RX - 9192032, TX - 256, Drop - 9191776");
  EXPECT_EQ(lines[1].port, 1);
}

TEST(ParsePortCounts, ReadsDpdkExampleOutputAndSixtyFourBitValues) {
  const auto lines = SymmetricApp::parse_port_counts(
      "\nExiting on signal 2\n\nPort 0: RX - 4294967295, TX - 0, Drop - 4294967295\n"
      "Port 1: RX - 18446744073709551615, TX - 1, Drop - 2  \n");
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].rx, 4294967295u);
  EXPECT_EQ(lines[1].rx, 18446744073709551615u);
}

TEST(ParsePortCounts, IgnoresPartialAndOverflowingLines) {
  EXPECT_TRUE(SymmetricApp::parse_port_counts("Port 0: RX - 5, TX - 1\n").empty());
  EXPECT_TRUE(SymmetricApp::parse_port_counts("xPort 0: RX - 5, TX - 1, Drop - 4\n").empty());
  EXPECT_TRUE(SymmetricApp::parse_port_counts("Port 0: RX - 18446744073709551616, TX - 1, Drop - 4\n").empty());
}

TEST(TestpmdTraffic, ParsesThePortSummary) {
  const auto ids = TestpmdTraffic::parse_port_summary(
      "show port summary all\nNumber of available ports: 2\n"
      "Port MAC Address       Name         Driver         Status   Link\n"
      "0    56:48:4F:53:54:00 net_vhost0   net_vhost      down     10 Gbps\n"
      "1    56:48:4F:53:54:01 net_vhost1   net_vhost      up       10 Gbps\n");
  EXPECT_EQ(ids, (std::map<std::string, int>{{"net_vhost0", 0}, {"net_vhost1", 1}}));
}

TEST(TestpmdTraffic, ParsesPerQueueTxCountsWithEventsMixedIn) {
  const auto counts = TestpmdTraffic::parse_tx_queue_xstats(
      "show port xstats all\n"
      "###### NIC extended statistics for port 0 \n"
      "tx_good_packets: 22848\n"
      "tx_q0_packets: 22592\n"
      "\nPort 0: queue state event\n"
      "tx_q1_packets: 256\n"
      "tx_q0_good_packets: 22592\n"
      "###### NIC extended statistics for port 1 \n"
      "VHOST_CONFIG: (device) (-1) device not found.\n"
      "Error: Cannot get count of xstats\n");
  EXPECT_EQ(counts, (QueueCounts{{0, {{0, 22592}, {1, 256}}}}));
}

TEST(TestpmdTraffic, ParsesTxPacketsOfEveryPort) {
  const auto tx = TestpmdTraffic::parse_tx_packets(
      "  ######################## NIC statistics for port 0  ########################\n"
      "  RX-packets: 0          RX-missed: 0          RX-bytes:  0\n"
      "  RX-errors: 0\n  RX-nombuf:  0         \n"
      "  TX-packets: 9317088    TX-errors: 0          TX-bytes:  596293632\n"
      "\nPort 1: link state change event\n"
      "  ######################## NIC statistics for port 1  ########################\n"
      "  RX-packets: 0          RX-missed: 0          RX-bytes:  0\n"
      "  TX-packets: 9282752    TX-errors: 0          TX-bytes:  594096128\n");
  EXPECT_EQ(tx, (std::map<int, std::uint64_t>{{0, 9317088}, {1, 9282752}}));
}

}  // namespace
}  // namespace mpdts
