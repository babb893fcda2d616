// The symmetric_mp checks, shown to pass a real set's counts and to catch what they must: a
// process that forwards nothing, a missing or repeated count line, RX != TX + Drop across a port
// pair, more received than testpmd sent, a process that does not exit cleanly on SIGINT — and on
// the wire: counts that testpmd's receive side contradicts, and traffic sent back out of its port.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "symmetric/symmetric_checks.hpp"

namespace mpdts::symmetric {
namespace {

const std::vector<int> kPorts{0, 1};
const ExitStatus kClean{0, 0};

PortCountLine line(int port, std::uint64_t rx, std::uint64_t tx, std::uint64_t drop) {
  return {port, rx, tx, drop, fmt::format("Port {}: RX - {}, TX - {}, Drop - {}", port, rx, tx, drop)};
}

// A primary and a secondary as measured on this host (testpmd txonly, 2 queues).
ProcessCounts primary() {
  return {"primary (--proc-id 0)", kClean, {line(0, 9192032, 256, 9157536), line(1, 9157792, 256, 9191776)}};
}
ProcessCounts secondary() {
  return {"secondary1 (--proc-id 1)", kClean, {line(0, 124448, 256, 124192), line(1, 124448, 256, 124192)}};
}
const std::map<int, std::uint64_t> kSent{{0, 9317088}, {1, 9282752}};

// A secondary that came up but never received anything (what a broken queue mapping looks like).
ProcessCounts idle_secondary() { return {"secondary1 (--proc-id 1)", kClean, {line(0, 0, 0, 0), line(1, 0, 0, 0)}}; }

TEST(MaskPorts, ReadsTheMaskAndPairsInOrder) {
  EXPECT_EQ(mask_ports(0x3), (std::vector<int>{0, 1}));
  EXPECT_EQ(mask_ports(0xa), (std::vector<int>{1, 3}));
  EXPECT_EQ(port_pairs({0, 1, 2, 3}), (std::vector<std::pair<int, int>>{{0, 1}, {2, 3}}));
  EXPECT_EQ(port_pairs({1, 3}), (std::vector<std::pair<int, int>>{{1, 3}}));
}

TEST(CheckForwarding, PassesARealPrimaryAndSecondary) {
  EXPECT_EQ(check_forwarding({primary(), secondary()}, kPorts, kSent), "");
}

TEST(CheckForwarding, PassesSixtyFourBitCounters) {
  const std::uint64_t big = 5'000'000'000ULL;  // past 32 bits
  ProcessCounts p{"primary (--proc-id 0)", kClean, {line(0, big, 10, big - 10), line(1, big, 10, big - 10)}};
  EXPECT_EQ(check_forwarding({p}, kPorts, {{0, big}, {1, big}}), "");
}

TEST(CheckForwarding, CatchesASecondaryThatForwardsNothing) {
  const auto report = check_forwarding({primary(), idle_secondary()}, kPorts, kSent);
  EXPECT_EQ(report,
            "secondary1 (--proc-id 1):\n"
            "  received nothing on port 0: it forwards nothing from that port\n"
            "  received nothing on port 1: it forwards nothing from that port\n"
            "  its count lines:\n"
            "    Port 0: RX - 0, TX - 0, Drop - 0\n"
            "    Port 1: RX - 0, TX - 0, Drop - 0\n");
}

TEST(CheckForwarding, CatchesNothingReceivedOnOnePortOnly) {
  ProcessCounts p = secondary();
  p.lines = {line(0, 0, 256, 124192), line(1, 124448, 0, 0)};
  EXPECT_EQ(check_received(p, kPorts), "  received nothing on port 0: it forwards nothing from that port\n");
}

TEST(CheckLines, CatchesAMissingPortLine) {
  ProcessCounts p = secondary();
  p.lines.pop_back();
  EXPECT_EQ(check_one_line_per_port(p, kPorts), "  printed no count line for port 1\n");
  const auto report = check_forwarding({primary(), p}, kPorts, kSent);
  EXPECT_NE(report.find("secondary1 (--proc-id 1):\n  printed no count line for port 1\n"), std::string::npos)
      << report;
  EXPECT_NE(report.find("    Port 0: RX - 124448, TX - 256, Drop - 124192\n"), std::string::npos) << report;
}

TEST(CheckLines, CatchesAProcessThatPrintedNoLineAtAll) {
  ProcessCounts p = secondary();
  p.lines.clear();
  const auto report = check_forwarding({primary(), p}, kPorts, kSent);
  EXPECT_NE(report.find("printed no count line for port 0"), std::string::npos) << report;
  EXPECT_NE(report.find("printed no count line for port 1"), std::string::npos) << report;
  EXPECT_NE(report.find("(it printed no port count line)"), std::string::npos) << report;
}

TEST(CheckLines, CatchesARepeatedLineAndAPortOutsideTheMask) {
  ProcessCounts p = primary();
  p.lines.push_back(p.lines[0]);
  p.lines.push_back(line(2, 1, 1, 0));
  EXPECT_EQ(check_one_line_per_port(p, kPorts),
            "  printed 2 count lines for port 0 (expected one)\n"
            "  printed a count line for port 2, which is not in the port mask\n");
}

TEST(CheckPairs, CatchesRxThatIsNotTxPlusDropOnThePairedPort) {
  ProcessCounts p = primary();
  p.lines[1].drop -= 5;  // port 0 received 5 more than port 1 accounts for
  EXPECT_EQ(check_pairs(p, kPorts),
            "  port 0 RX 9192032 != port 1 TX 256 + Drop 9191771 (= 9192027): what a port receives must be sent or "
            "dropped on its paired port\n");
}

TEST(CheckPairs, ChecksBothDirections) {
  ProcessCounts p = primary();
  p.lines[1].rx += 1;  // port 1 received one packet port 0 neither sent nor dropped
  EXPECT_EQ(check_pairs(p, kPorts),
            "  port 1 RX 9157793 != port 0 TX 256 + Drop 9157536 (= 9157792): what a port receives must be sent or "
            "dropped on its paired port\n");
}

TEST(CheckSent, CatchesMoreReceivedThanTestpmdSent) {
  const std::map<int, std::uint64_t> sent{{0, 9316479}, {1, 9282752}};  // one less than 9192032 + 124448
  EXPECT_EQ(check_sent({primary(), secondary()}, kPorts, sent),
            "  port 0: the processes received 9316480 in all (primary (--proc-id 0) 9192032, secondary1 (--proc-id 1) "
            "124448), more than testpmd sent to it (9316479)\n");
  EXPECT_EQ(check_sent({primary(), secondary()}, kPorts, {{0, 9316480}, {1, 9282752}}), "") << "equal is fine";
}

TEST(CheckSent, CatchesASumThatWrapsAndAMissingTestpmdCount) {
  ProcessCounts a{"a", kClean, {line(0, ~0ULL, 0, 0)}};
  ProcessCounts b{"b", kClean, {line(0, 2, 0, 0)}};
  EXPECT_NE(check_sent({a, b}, {0}, {{0, ~0ULL}}).find("more than 2^64"), std::string::npos);
  EXPECT_EQ(check_sent({primary()}, kPorts, {{0, 9317088}}),
            "  port 1: testpmd's count of what it sent to this port is missing\n");
}

TEST(CheckExit, CatchesNoExitAndAnUncleanOne) {
  ProcessCounts p = secondary();
  p.status.reset();
  EXPECT_EQ(check_exit(p), "  did not exit after SIGINT\n");
  p.status = ExitStatus{1, 0};
  EXPECT_EQ(check_exit(p), "  exited with code 1 (expected: exit code 0 on SIGINT)\n");
  p.status = ExitStatus{-1, 11};
  EXPECT_NE(check_exit(p).find("killed by signal 11"), std::string::npos);
  EXPECT_EQ(check_exit(secondary()), "");
}

// A set that forwarded for real, as testpmd flowgen sees it: most of what a port receives goes out
// of its pair; what came back to testpmd is what they sent, but for a few packets still in a ring.
ProcessCounts fwd_primary() {
  return {"primary (--proc-id 0)", kClean, {line(0, 700000, 640000, 10000), line(1, 650000, 690000, 10000)}};
}
ProcessCounts fwd_secondary() {
  return {"secondary1 (--proc-id 1)", kClean, {line(0, 600000, 600000, 10000), line(1, 610000, 595000, 5000)}};
}
// App port 0 sent 640000 + 600000, port 1 690000 + 595000 (TX of port p is what came in on its pair).
const WireCounts kWire{{{0, 1240000 - 17}, {1, 1285000}}, 512};

TEST(CheckWire, PassesWhatTheWireSawWithinTheRingsInFlight) {
  EXPECT_EQ(check_forwarding({fwd_primary(), fwd_secondary()}, kPorts, {{0, 1400000}, {1, 1300000}}), "");
  EXPECT_EQ(check_wire({fwd_primary(), fwd_secondary()}, kPorts, kWire), "");
  WireCounts exact = kWire;
  exact.returned[0] = 1240000;
  EXPECT_EQ(check_wire({fwd_primary(), fwd_secondary()}, kPorts, exact), "");
  exact.returned[0] = 1240000 - 512;
  EXPECT_EQ(check_wire({fwd_primary(), fwd_secondary()}, kPorts, exact), "") << "the limit itself is fine";
}

// The blind spot this check closes: a forwarder that reads its queues, sends nothing, and prints
// counts that add up (RX = TX + Drop, no more than testpmd sent). Only the wire shows it.
TEST(CheckWire, CatchesAForwarderThatForwardsNothingButPrintsConsistentCounts) {
  const std::vector<ProcessCounts> liars{fwd_primary(), fwd_secondary()};
  EXPECT_EQ(check_forwarding(liars, kPorts, {{0, 1400000}, {1, 1300000}}), "") << "its own counts add up";
  EXPECT_EQ(check_wire(liars, kPorts, WireCounts{{{0, 0}, {1, 0}}, 512}),
            "  port 0: the processes say they sent 1240000 packets on it (primary (--proc-id 0) TX 640000, secondary1 "
            "(--proc-id 1) TX 600000), but testpmd received only 0: 1240000 missing, more than the 512 that can still "
            "be in the rings when the processes stop\n"
            "  port 1: the processes say they sent 1285000 packets on it (primary (--proc-id 0) TX 690000, secondary1 "
            "(--proc-id 1) TX 595000), but testpmd received only 0: 1285000 missing, more than the 512 that can still "
            "be in the rings when the processes stop\n");
}

TEST(CheckWire, CatchesOneWayForwardingAndInflatedAndMissingCounts) {
  const std::vector<ProcessCounts> set{fwd_primary(), fwd_secondary()};
  // Forwards 1 -> 0 only: nothing came back from port 1.
  EXPECT_EQ(check_wire(set, kPorts, WireCounts{{{0, 1240000}, {1, 0}}, 512}).rfind("  port 1: ", 0), 0u);
  // One more missing than the rings can hold.
  EXPECT_NE(check_wire(set, kPorts, WireCounts{{{0, 1240000 - 513}, {1, 1285000}}, 512}).find("513 missing"),
            std::string::npos);
  // More came back than they counted: a process that under-reports (or a count from somewhere else).
  EXPECT_EQ(check_wire(set, kPorts, WireCounts{{{0, 1240001}, {1, 1285000}}, 512}),
            "  port 0: testpmd received 1240001 packets from it, more than the processes say they sent on it (1240000 "
            "in all: primary (--proc-id 0) TX 640000, secondary1 (--proc-id 1) TX 600000): 1 packets no process "
            "counted\n");
  EXPECT_EQ(check_wire(set, kPorts, WireCounts{{{0, 1240000}}, 512}),
            "  port 1: testpmd's count of what it received from this port is missing\n");
}

TEST(CheckForwardedShare, CatchesAProcessThatReceivesButSendsNothingOnThePair) {
  ProcessCounts p = fwd_secondary();
  p.lines = {line(0, 600000, 0, 610000), line(1, 610000, 0, 600000)};  // counts port 0's traffic as dropped on port 1
  EXPECT_EQ(check_pairs(p, kPorts), "") << "its counts add up";
  EXPECT_EQ(check_forwarded_share(p, kPorts),
            "  received 600000 on port 0 but sent none of it on port 1 (TX 0): it forwards nothing from port 0 to port "
            "1\n"
            "  received 610000 on port 1 but sent none of it on port 0 (TX 0): it forwards nothing from port 1 to port "
            "0\n");
  EXPECT_EQ(check_forwarded_share(fwd_secondary(), kPorts), "");
}

TEST(CheckProbe, CatchesTrafficSentBackOutOfTheSamePort) {
  EXPECT_EQ(check_probe({0, 1, 8192, 1152, 1152}), "") << "what was in flight may come back";
  EXPECT_EQ(check_probe({0, 1, 8192, 8100, 1152}),
            "  one-way probe of port 0: testpmd sent 8192 packets to port 0 alone and 8100 came back on port 0 itself "
            "(at most 1152 can be packets forwarded from port 1 before the probe): a process sends port 0's traffic "
            "back out of port 0 instead of its pair, port 1\n");
}

}  // namespace
}  // namespace mpdts::symmetric
