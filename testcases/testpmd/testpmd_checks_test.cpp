// The testpmd cases' checks catch what they must (a leaked port, a port listed twice, a count that
// disagrees, a duplicate that adds a port), and the recorded findings match only the exact failure
// DPDK 22.11 shows — never another one.
#include <gtest/gtest.h>

#include "apps/testpmd_output.hpp"
#include "testpmd/known_finding.hpp"
#include "testpmd/testpmd_checks.hpp"
#include "testpmd/testpmd_plan.hpp"

namespace mpdts::testpmd {
namespace {

const std::string kHeader = "Port MAC Address       Name         Driver         Status   Link\n";

PortSummary summary(int count, const std::string& rows) {
  return parse_port_summary("Number of available ports: " + std::to_string(count) + "\n" + kHeader + rows);
}

const std::string kNull0 = "0    4E:74:35:FB:7F:F6 net_null0    net_null       down     10 Gbps\n";
const std::string kRing1 = "1    00:00:00:00:00:00 net_ring0    net_ring       down     10 Gbps\n";

// The DPDK the findings were seen on, as its testpmd's EAL printed it.
const std::optional<DpdkVersion> k2211 = parse_dpdk_version("DPDK 22.11.11");

const KnownFinding* finding_of(const std::string& case_name, const std::string& check) {
  static const auto cases = all_cases();
  for (const auto& c : cases)
    if (test_name(c) == case_name)
      for (const auto& f : c.known_findings)
        if (f.check == check) return &f;
  return nullptr;
}

TEST(TestpmdSummaryCheck, AcceptsExactlyTheExpectedPorts) {
  EXPECT_EQ(summary_problems(summary(2, kNull0 + kRing1), {{0, "net_null0"}, {1, "net_ring0"}}), "");
  EXPECT_EQ(summary_problems(summary(0, ""), {}), "");
}

TEST(TestpmdSummaryCheck, CatchesALeakedPort) {
  EXPECT_EQ(summary_problems(summary(2, kNull0 + kRing1), {{1, "net_ring0"}}),
            "  it lists {0 net_null0, 1 net_ring0}, expected exactly {1 net_ring0}\n");
}

TEST(TestpmdSummaryCheck, CatchesAMissingPortAndAWrongId) {
  EXPECT_NE(summary_problems(summary(0, ""), {{0, "net_null0"}}), "");
  EXPECT_NE(summary_problems(summary(1, kRing1), {{0, "net_ring0"}}), "");
}

TEST(TestpmdSummaryCheck, CatchesAPortListedTwiceAndACountThatDisagrees) {
  const auto p = summary_problems(summary(1, kNull0 + kNull0), {{0, "net_null0"}});
  EXPECT_NE(p.find("'Number of available ports: 1' but lists 2 port(s)"), std::string::npos) << p;
  EXPECT_NE(p.find("lists port 0 more than once"), std::string::npos) << p;
}

TEST(TestpmdSummaryCheck, UnchangedMeansEveryColumn) {
  const auto up = "0    4E:74:35:FB:7F:F6 net_null0    net_null       up       10 Gbps\n";
  EXPECT_EQ(unchanged_problems(summary(1, kNull0), summary(1, kNull0)), "");
  EXPECT_NE(unchanged_problems(summary(1, up), summary(1, kNull0)), "");  // stopped: link went down
  EXPECT_NE(unchanged_problems(summary(1, kNull0), summary(2, kNull0 + kRing1)), "");
}

TEST(TestpmdReplyCheck, AttachMustNameExactlyOneNewPort) {
  int port = -1;
  EXPECT_EQ(attach_problems(parse_attach_reply("Attaching a new port...\nPort 3 is attached. Now total ports is 1\nDone\n"),
                            &port),
            "");
  EXPECT_EQ(port, 3);
  EXPECT_EQ(attach_problems(parse_attach_reply("Attaching a new port...\n"), nullptr).rfind(
                "attached no port and printed no failure result", 0),
            0u);
  EXPECT_EQ(attach_problems(parse_attach_reply("Attaching a new port...\ntestpmd: Failed to attach port x\n"), nullptr)
                .rfind("failed: testpmd printed 'testpmd: Failed to attach port x'", 0),
            0u);
}

TEST(TestpmdReplyCheck, ARefusedAttachNeedsTestpmdsFailureAndNoPort) {
  EXPECT_EQ(refused_attach_problems(parse_attach_reply("Attaching a new port...\ntestpmd: Failed to attach port x\n")), "");
  EXPECT_NE(refused_attach_problems(parse_attach_reply("Attaching a new port...\nEAL: Failed to attach device on primary process\n")),
            "");
  EXPECT_EQ(refused_attach_problems(
                parse_attach_reply("Attaching a new port...\nPort 1 is attached. Now total ports is 2\nDone\n"))
                .rfind("set up port(s) 1", 0),
            0u);
}

TEST(TestpmdReplyCheck, DetachAndRefusedDetach) {
  const auto ok = parse_detach_reply(
      "Port was not closed\nRemoving a device...\nPort 0 is closed\nDevice is detached\nNow total ports is 0\nDone\n");
  EXPECT_EQ(detach_problems(ok), "");
  EXPECT_EQ(closed_before_detach_problems(ok, 0), "");
  EXPECT_NE(closed_before_detach_problems(ok, 1), "");
  EXPECT_NE(refused_detach_problems(ok), "");
  const auto refused = parse_detach_reply("Port not stopped\n");
  EXPECT_EQ(refused_detach_problems(refused), "");
  EXPECT_EQ(detach_problems(refused).rfind("did not detach: testpmd printed 'Port not stopped'", 0), 0u);
  EXPECT_NE(refused_detach_problems(parse_detach_reply("\n")), "");
}

TEST(TestpmdKnownFindings, MatchTheObservedDpdk2211Failures) {
  // The descriptions the checks give for what DPDK 22.11's testpmd printed (captured) match the findings.
  const auto dup = refused_attach_problems(
      parse_attach_reply("port attach net_null0\nAttaching a new port...\nEAL: Failed to attach device on primary process\n"));
  EXPECT_TRUE(match_finding({*finding_of("Attach_NullVdev", "duplicate-attach-fails")}, "duplicate-attach-fails", dup, k2211));

  const auto after_close = detach_problems(parse_detach_reply("port detach 1\nInvalid port_id=1\n"));
  EXPECT_TRUE(match_finding({*finding_of("DetachAfterStopClose_NullVdev", "detach-after-close")}, "detach-after-close",
                            after_close, k2211));

  const auto reattach = attach_problems(
      parse_attach_reply("port attach net_ring0\nAttaching a new port...\nEAL: Failed to attach device on primary process\n"),
      nullptr);
  EXPECT_TRUE(match_finding({*finding_of("DetachAfterStopClose_NullVdev", "device-free-after-detach")},
                            "device-free-after-detach", reattach, k2211));

  const auto across = detach_problems(parse_detach_reply("port detach 0\nPort not stopped\n"));
  const auto* f = finding_of("MultiProcess_AttachPrimaryDetachSecondary_NullVdev", "detach-from-other-process");
  ASSERT_NE(f, nullptr);
  EXPECT_TRUE(match_finding({*f}, "detach-from-other-process", across, k2211));
  EXPECT_TRUE(f->ends_case);

  const auto adopted = attach_problems(
      parse_attach_reply("Attaching a new port...\nPort 0 is attached. Now total ports is 1\nDone\n"
                         "Port 1 is attached. Now total ports is 2\nDone\n"),
      nullptr);
  EXPECT_TRUE(match_finding({*finding_of("MultiProcessAttachReply_FromSecondary_NullVdev", "attach-reports-only-its-port")},
                            "attach-reports-only-its-port", adopted, k2211));
}

TEST(TestpmdKnownFindings, DoNotExcuseAnyOtherFailure) {
  // A duplicate that adds a port is a defect, not the recorded finding.
  const auto dup_added = refused_attach_problems(
      parse_attach_reply("Attaching a new port...\nPort 1 is attached. Now total ports is 2\nDone\n"));
  EXPECT_FALSE(match_finding({*finding_of("Attach_NullVdev", "duplicate-attach-fails")}, "duplicate-attach-fails", dup_added, k2211));
  // A detach after close refused for another reason is not the finding either.
  const auto other = detach_problems(parse_detach_reply("port detach 0\nPort not stopped\n"));
  EXPECT_FALSE(match_finding({*finding_of("DetachAfterStopClose_NullVdev", "detach-after-close")}, "detach-after-close",
                             other, k2211));
  // The re-attach that fails with testpmd's own failure (e.g. the device vanished) is not the finding.
  const auto failed = attach_problems(parse_attach_reply("Attaching a new port...\ntestpmd: Failed to attach port x\n"), nullptr);
  EXPECT_FALSE(match_finding({*finding_of("DetachAfterStopClose_NullVdev", "device-free-after-detach")},
                             "device-free-after-detach", failed, k2211));
  // A finding belongs to its check only.
  EXPECT_FALSE(match_finding({*finding_of("Attach_NullVdev", "duplicate-attach-fails")}, "attach-adds-port",
                             "printed no failure result (x) and attached no port", k2211));
}

TEST(TestpmdKnownFindings, TheLedgerReportsFindingsThatDidNotOccur) {
  FindingLedger ledger({{"a", "^x", "finding a", false, {"22.11", "22.11"}, ""},
                        {"b", "^y", "finding b", true, {"22.11", "22.11"}, ""}});
  ledger.set_running(k2211);
  EXPECT_TRUE(ledger.recorded("a"));
  EXPECT_FALSE(ledger.recorded("c"));
  EXPECT_EQ(ledger.failed("a", "z"), nullptr);  // a different failure: unexpected
  ASSERT_NE(ledger.failed("a", "x marks it"), nullptr);
  const auto missing = ledger.missing();
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_EQ(missing[0].check, "b");
}

TEST(TestpmdPlanTable, EveryRuleForEveryDeviceWithUniqueNames) {
  const auto cases = all_cases();
  // Per device: 4 single-process rules, 4 + 2 multi-process directions; and on the two virtual devices
  // the secondary after the primary's close.
  EXPECT_EQ(cases.size(), 3u * (4u + 4u + 2u) + 2u);
  std::set<std::string> names;
  for (const auto& c : cases) names.insert(test_name(c));
  EXPECT_EQ(names.size(), cases.size());
  EXPECT_TRUE(names.count("MultiProcess_AttachSecondaryDetachPrimary_AfPacketVdev"));
  EXPECT_TRUE(names.count("Repeat_Physical"));
  EXPECT_TRUE(names.count("SecondaryAfterPrimaryClose_NullVdev"));
  EXPECT_TRUE(names.count("SecondaryAfterPrimaryClose_AfPacketVdev"));
  EXPECT_FALSE(names.count("SecondaryAfterPrimaryClose_Physical"));
  // Same-side multi-process cases have no recorded finding; the cross ones have exactly one.
  for (const auto& c : cases) {
    if (c.rule != Rule::MultiProcess) continue;
    EXPECT_EQ(c.known_findings.size(), c.direction->attach_from == c.direction->detach_from ? 0u : 1u) << test_name(c);
  }
}

}  // namespace
}  // namespace mpdts::testpmd
