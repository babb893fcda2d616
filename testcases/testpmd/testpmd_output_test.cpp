// The parsers of testpmd's answers, on output captured from Debian's dpdk-testpmd 22.11.11 on a
// terminal (as the prompt engine hands it over: carriage returns gone, the echo of the command
// first, asynchronous lines from other processes mixed in).
#include <gtest/gtest.h>

#include "apps/testpmd_output.hpp"
#include "core/error.hpp"

namespace mpdts {
namespace {

// Two vdevs attached in one testpmd; the af_packet name is longer than its column.
const char* kSummaryTwoPorts = R"(show port summary all
Number of available ports: 2
Port MAC Address       Name         Driver         Status   Link
0    4E:74:35:FB:7F:F6 net_null0    net_null       down     10 Gbps
1    00:00:00:00:00:00 net_ring0    net_ring       down     10 Gbps
)";

const char* kSummaryAfPacketStarted = R"(show port summary all
Number of available ports: 1
Port MAC Address       Name         Driver         Status   Link
0    7A:1C:BA:5C:D3:14 net_af_packet0 net_af_packet  up       10 Gbps
)";

// A secondary's summary right after the primary detached port 0: the primary's detach event comes first.
const char* kSummaryAfterOtherDetach = R"(Port 0 is closed
show port summary all
Number of available ports: 0
Port MAC Address       Name         Driver         Status   Link
)";

TEST(TestpmdPortSummary, ReadsEveryRowAndTheCount) {
  const auto s = parse_port_summary(kSummaryTwoPorts);
  EXPECT_EQ(s.available, 2);
  ASSERT_EQ(s.rows.size(), 2u);
  EXPECT_EQ(s.rows[0], (SummaryRow{0, "4E:74:35:FB:7F:F6", "net_null0", "net_null", "down", "10 Gbps"}));
  EXPECT_EQ(s.rows[1], (SummaryRow{1, "00:00:00:00:00:00", "net_ring0", "net_ring", "down", "10 Gbps"}));
}

TEST(TestpmdPortSummary, ReadsANameWiderThanItsColumn) {
  const auto s = parse_port_summary(kSummaryAfPacketStarted);
  ASSERT_EQ(s.rows.size(), 1u);
  EXPECT_EQ(s.rows[0], (SummaryRow{0, "7A:1C:BA:5C:D3:14", "net_af_packet0", "net_af_packet", "up", "10 Gbps"}));
}

TEST(TestpmdPortSummary, IgnoresAsynchronousLinesAndReadsAnEmptySummary) {
  const auto s = parse_port_summary(kSummaryAfterOtherDetach);
  EXPECT_EQ(s.available, 0);
  EXPECT_TRUE(s.rows.empty());
}

TEST(TestpmdPortSummary, IgnoresEventLinesBetweenRows) {
  const auto s = parse_port_summary(
      "show port summary all\nNumber of available ports: 2\n"
      "Port MAC Address       Name         Driver         Status   Link\n"
      "0    4E:74:35:FB:7F:F6 net_null0    net_null       up       10 Gbps\n"
      "\nPort 0: link state change event\n"
      "1    00:00:00:00:00:00 net_ring0    net_ring       down     10 Gbps\n");
  ASSERT_EQ(s.rows.size(), 2u);
  EXPECT_EQ(s.rows[1].name, "net_ring0");
}

TEST(TestpmdPortSummary, ARowBeforeTheHeaderIsNotAPort) {
  const auto s = parse_port_summary(
      "0    4E:74:35:FB:7F:F6 net_null0    net_null       up       10 Gbps\n"
      "Number of available ports: 0\nPort MAC Address       Name         Driver         Status   Link\n");
  EXPECT_TRUE(s.rows.empty());
}

TEST(TestpmdPortSummary, FailsOnSomethingElse) {
  EXPECT_THROW(parse_port_summary("show port summary all\nBad arguments\n"), HarnessError);
  EXPECT_THROW(parse_port_summary("Number of available ports: 0\n"), HarnessError);  // no header
}

TEST(TestpmdAttachReply, ReadsTheNewPort) {
  const auto r = parse_attach_reply(
      "port attach net_null0\nAttaching a new port...\nPort 0 is attached. Now total ports is 1\nDone\n");
  EXPECT_TRUE(r.attaching);
  EXPECT_EQ(r.attached, std::vector<int>{0});
  EXPECT_EQ(r.total, 1);
  EXPECT_EQ(r.done, 1);
  EXPECT_TRUE(r.failures.empty());
}

TEST(TestpmdAttachReply, ADuplicateFromAPrimaryPrintsOnlyEalsLog) {
  const auto r = parse_attach_reply(
      "port attach net_null0\nAttaching a new port...\nEAL: Failed to attach device on primary process\n");
  EXPECT_TRUE(r.attaching);
  EXPECT_TRUE(r.attached.empty());
  EXPECT_EQ(r.done, 0);
  EXPECT_TRUE(r.failures.empty()) << "EAL's log is not testpmd's failure result";
}

TEST(TestpmdAttachReply, ADuplicateFromASecondaryPrintsNothing) {
  const auto r = parse_attach_reply("port attach net_null0\nAttaching a new port...\n");
  EXPECT_TRUE(r.attached.empty());
  EXPECT_TRUE(r.failures.empty());
}

TEST(TestpmdAttachReply, ReadsTestpmdsFailure) {
  const auto r = parse_attach_reply(
      "port attach net_af_packet0,iface=nosuch\nAttaching a new port...\n"
      "rte_pmd_init_internals(): net_af_packet0: ioctl failed (SIOCGIFINDEX):No such device\n"
      "EAL: Driver cannot attach the device (net_af_packet0)\nEAL: Failed to attach device on primary process\n"
      "testpmd: Failed to attach port net_af_packet0,iface=nosuch\n");
  EXPECT_TRUE(r.attached.empty());
  EXPECT_EQ(r.failures, std::vector<std::string>{"testpmd: Failed to attach port net_af_packet0,iface=nosuch"});
}

TEST(TestpmdAttachReply, ASecondaryReportsThePrimarysPortToo) {
  // The secondary sets up, at its own attach, the port the primary attached before.
  const auto r = parse_attach_reply(
      "port attach net_ring0\nAttaching a new port...\nPort 0 is attached. Now total ports is 1\nDone\n"
      "Port 1 is attached. Now total ports is 2\nDone\n");
  EXPECT_EQ(r.attached, (std::vector<int>{0, 1}));
  EXPECT_EQ(r.total, 2);
  EXPECT_EQ(r.done, 2);
}

TEST(TestpmdDetachReply, ReadsADetachThatClosesTheStoppedPortFirst) {
  const char* text =
      "port detach 0\nPort was not closed\nRemoving a device...\nPort 0 is closed\nDevice is detached\n"
      "Now total ports is 0\nDone\n";
  const auto r = parse_detach_reply(text);
  EXPECT_TRUE(r.not_closed_notice);
  EXPECT_TRUE(r.removing);
  EXPECT_EQ(r.closed, std::vector<int>{0});
  EXPECT_TRUE(r.detached);
  EXPECT_EQ(r.total, 0);
  EXPECT_TRUE(r.done);
  EXPECT_TRUE(r.refusals.empty());
  EXPECT_LT(r.closed_at, r.detached_at);
}

TEST(TestpmdDetachReply, ReadsTheRefusals) {
  EXPECT_EQ(parse_detach_reply("port detach 0\nPort not stopped\n").refusals, std::vector<std::string>{"Port not stopped"});
  EXPECT_EQ(parse_detach_reply("port detach 1\nInvalid port_id=1\n").refusals,
            std::vector<std::string>{"Invalid port_id=1"});
  const auto device = parse_detach_reply("device detach net_ring0\nRemoving a device...\nPort 0 not stopped\n");
  EXPECT_EQ(device.refusals, std::vector<std::string>{"Port 0 not stopped"});
  EXPECT_FALSE(device.detached);
  EXPECT_FALSE(parse_detach_reply("port detach x\nBad arguments\n").refusals.empty());
}

TEST(TestpmdDetachReply, ReadsDeviceDetach) {
  const auto r = parse_detach_reply(
      "device detach net_ring0\nRemoving a device...\nDevice net_ring0 is detached\nNow total ports is 0\nDone\n");
  EXPECT_TRUE(r.detached);
  EXPECT_TRUE(r.refusals.empty());
}

TEST(TestpmdPortCommand, ReadsStartStopClose) {
  const auto start = parse_port_command_reply(
      "port start 0\nConfiguring Port 0 (socket 0)\nPort 0: 7A:1C:BA:5C:D3:14\nChecking link statuses...\nDone\n");
  EXPECT_TRUE(start.done);
  EXPECT_TRUE(start.errors.empty());
  const auto stop = parse_port_command_reply("port stop 0\nStopping ports...\nChecking link statuses...\nDone\n");
  EXPECT_TRUE(stop.done);
  const auto close = parse_port_command_reply("port close 1\nClosing ports...\nPort 1 is closed\nDone\n");
  EXPECT_EQ(close.closed, std::vector<int>{1});
  const auto invalid = parse_port_command_reply("port close 0\nInvalid port 0\n");
  EXPECT_EQ(invalid.errors, std::vector<std::string>{"Invalid port 0"});
}

}  // namespace
}  // namespace mpdts
