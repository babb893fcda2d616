// Known findings are scoped to the DPDK releases they were seen on: the version comes from what the
// running testpmd's EAL printed, a finding applies only inside its range, and the same deviation on
// another release, or on a DPDK whose version could not be read, is a plain failure.
#include <gtest/gtest.h>

#include <csignal>

#include "eal/dpdk_version.hpp"
#include "testpmd/known_finding.hpp"
#include "testpmd/testpmd_checks.hpp"
#include "testpmd/testpmd_plan.hpp"

namespace mpdts::testpmd {
namespace {

// What Debian's dpdk-testpmd 22.11.11 printed before its prompt with `-v` (captured).
const char* const kStartup2211 =
    "EAL: Detected CPU lcores: 2\n"
    "EAL: Detected NUMA nodes: 1\n"
    "EAL: RTE Version: 'DPDK 22.11.11'\n"
    "EAL: Detected shared linkage of DPDK\n"
    "EAL: Multi-process socket /var/run/dpdk/fnd6986/mp_socket\n"
    "EAL: Selected IOVA mode 'VA'\n"
    "testpmd: create a new mbuf pool <mb_pool_0>: n=2048, size=2176, socket=0\n"
    "Interactive-mode selected\n";

DpdkVersion version(const char* text) {
  auto v = parse_dpdk_version(text);
  EXPECT_TRUE(v) << text;
  return v.value_or(DpdkVersion{});
}

TEST(DpdkVersionParser, ReadsWhatEalPrints) {
  const auto lts = version("DPDK 22.11.11");
  EXPECT_EQ(lts.year, 22);
  EXPECT_EQ(lts.month, 11);
  EXPECT_EQ(lts.patch, 11);
  EXPECT_EQ(lts.pre, "");
  EXPECT_EQ(lts.text, "DPDK 22.11.11");
  EXPECT_EQ(lts.str(), "22.11.11");

  const auto rc = version("DPDK 24.11.0-rc2");
  EXPECT_EQ(rc.year, 24);
  EXPECT_EQ(rc.month, 11);
  EXPECT_EQ(rc.patch, 0);
  EXPECT_EQ(rc.pre, "rc2");
  EXPECT_EQ(rc.str(), "24.11.0-rc2");

  const auto next = version("DPDK 25.11.0");
  EXPECT_EQ(next.year, 25);
  EXPECT_EQ(next.patch, 0);
  EXPECT_EQ(version("DPDK 23.03.0").str(), "23.03.0");
  EXPECT_EQ(version("22.11.11").text, "22.11.11");  // the prefix is optional
}

TEST(DpdkVersionParser, RefusesWhatIsNotAVersion) {
  EXPECT_FALSE(parse_dpdk_version(""));
  EXPECT_FALSE(parse_dpdk_version("DPDK"));
  EXPECT_FALSE(parse_dpdk_version("DPDK 22.11"));
  EXPECT_FALSE(parse_dpdk_version("DPDK 22.11.x"));
  EXPECT_FALSE(parse_dpdk_version("DPDK 22.11.11 garbage"));
}

TEST(DpdkVersionParser, FindsEalsVersionLineInTheStartUpOutput) {
  const auto v = eal_reported_version(kStartup2211);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->text, "DPDK 22.11.11");
  // Without -v (or with EAL's log below INFO) there is no such line: the version is unknown.
  EXPECT_FALSE(eal_reported_version("EAL: Detected CPU lcores: 2\nInteractive-mode selected\n"));
  EXPECT_FALSE(eal_reported_version("EAL: RTE Version: 'something else'\n"));
}

TEST(DpdkRangeTest, AReleaseWithoutPatchMeansEveryPatchOfIt) {
  const DpdkRange r{"22.11", "22.11"};
  EXPECT_TRUE(r.valid());
  EXPECT_EQ(r.describe(), "DPDK 22.11.x");
  EXPECT_TRUE(r.contains(version("DPDK 22.11.0")));
  EXPECT_TRUE(r.contains(version("DPDK 22.11.11")));
  EXPECT_TRUE(r.contains(version("DPDK 22.11.0-rc1")));  // a release candidate of 22.11
  EXPECT_FALSE(r.contains(version("DPDK 21.11.5")));
  EXPECT_FALSE(r.contains(version("DPDK 23.03.0")));
  EXPECT_FALSE(r.contains(version("DPDK 24.11.0-rc2")));
  EXPECT_FALSE(r.contains(version("DPDK 25.11.0")));
}

TEST(DpdkRangeTest, PatchBoundsAreExact) {
  const DpdkRange r{"22.11.3", "23.11"};
  EXPECT_TRUE(r.valid());
  EXPECT_EQ(r.describe(), "DPDK 22.11.3 to 23.11.x");
  EXPECT_FALSE(r.contains(version("DPDK 22.11.2")));
  EXPECT_TRUE(r.contains(version("DPDK 22.11.3")));
  EXPECT_TRUE(r.contains(version("DPDK 23.07.0")));
  EXPECT_TRUE(r.contains(version("DPDK 23.11.4")));
  EXPECT_FALSE(r.contains(version("DPDK 24.03.0")));
  EXPECT_EQ((DpdkRange{"22.11", "23.11.2"}).describe(), "DPDK 22.11.0 to 23.11.2");
  EXPECT_EQ((DpdkRange{"22.11.11", "22.11.11"}).describe(), "DPDK 22.11.11");
}

TEST(DpdkRangeTest, AMalformedOrEmptyRangeContainsNothing) {
  for (const DpdkRange& r :
       {DpdkRange{}, DpdkRange{"22.11", ""}, DpdkRange{"22.x", "22.11"}, DpdkRange{"23.11", "22.11"}}) {
    EXPECT_FALSE(r.valid()) << r.first << ".." << r.last;
    EXPECT_FALSE(r.contains(version("DPDK 22.11.11"))) << r.first << ".." << r.last;
  }
}

// One finding seen on 22.11, as the case table records them.
KnownFinding seen_on_2211() {
  return {"detach-after-close", R"(^did not detach: testpmd printed 'Invalid port_id=\d+')", "close releases the port",
          false, {"22.11", "22.11"}, "lib/ethdev/rte_ethdev.c rte_eth_dev_close()"};
}
const std::string kDeviation = "did not detach: testpmd printed 'Invalid port_id=0'; it printed:\nInvalid port_id=0\n";

TEST(KnownFindingScope, InsideItsRangeTheDeviationIsTheFinding) {
  FindingLedger ledger({seen_on_2211()});
  ledger.set_running(parse_dpdk_version("DPDK 22.11.11"));
  const auto* f = ledger.failed("detach-after-close", kDeviation);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->check, "detach-after-close");
  EXPECT_TRUE(ledger.missing().empty());
}

TEST(KnownFindingScope, OutsideItsRangeTheSameDeviationIsAFailure) {
  for (const char* other : {"DPDK 23.11.2", "DPDK 24.11.0-rc2", "DPDK 25.11.0", "DPDK 21.11.9"}) {
    FindingLedger ledger({seen_on_2211()});
    ledger.set_running(parse_dpdk_version(other));
    EXPECT_EQ(ledger.failed("detach-after-close", kDeviation), nullptr) << other;
    const auto why = ledger.why_not_finding("detach-after-close", kDeviation);
    EXPECT_NE(why.find("outside that range"), std::string::npos) << why;
    EXPECT_NE(why.find(other), std::string::npos) << why;
    EXPECT_NE(why.find("DPDK 22.11.x"), std::string::npos) << why;
    // ... and a release that behaves as the rule says is not expected to show it.
    EXPECT_TRUE(ledger.missing().empty()) << other;
  }
}

TEST(KnownFindingScope, OnAnUnknownVersionTheDeviationIsAFailure) {
  FindingLedger ledger({seen_on_2211()});  // the version was never read
  EXPECT_EQ(ledger.running_text(), "unknown");
  EXPECT_EQ(ledger.failed("detach-after-close", kDeviation), nullptr);
  EXPECT_NE(ledger.why_not_finding("detach-after-close", kDeviation).find("unknown"), std::string::npos);
  EXPECT_TRUE(ledger.missing().empty());
  ledger.set_running(eal_reported_version("EAL: Detected CPU lcores: 2\n"));  // a testpmd that printed none
  EXPECT_EQ(ledger.failed("detach-after-close", kDeviation), nullptr);
}

TEST(KnownFindingScope, InsideItsRangeAFindingThatDoesNotOccurIsReported) {
  FindingLedger ledger({seen_on_2211()});
  ledger.set_running(parse_dpdk_version("DPDK 22.11.4"));
  const auto missing = ledger.missing();
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_EQ(missing[0].check, "detach-after-close");
}

TEST(KnownFindingScope, ADifferentFailureInsideTheRangeIsNotTheFinding) {
  FindingLedger ledger({seen_on_2211()});
  ledger.set_running(parse_dpdk_version("DPDK 22.11.11"));
  const std::string other = "did not detach: testpmd printed 'Port not stopped'; it printed:\nPort not stopped\n";
  EXPECT_EQ(ledger.failed("detach-after-close", other), nullptr);
  EXPECT_NE(ledger.why_not_finding("detach-after-close", other).find("different way"), std::string::npos);
  EXPECT_EQ(ledger.why_not_finding("lists-expected-ports", other), "");  // no finding for that check
}

TEST(KnownFindingScope, EveryRecordedFindingNamesItsReleasesAndEvidence) {
  for (const auto& c : all_cases())
    for (const auto& f : c.known_findings) {
      EXPECT_TRUE(f.seen_on.valid()) << test_name(c) << " [" << f.check << "]";
      EXPECT_TRUE(f.seen_on.contains(version("DPDK 22.11.11"))) << test_name(c) << " [" << f.check << "]";
      EXPECT_FALSE(f.evidence.empty()) << test_name(c) << " [" << f.check << "]";
    }
}

// The secondary that dies of `show port summary all` after the primary's close (captured on 22.11.11).
const std::string kPrintedBeforeDeath =
    "show port summary all\nNumber of available ports: 1\n"
    "Port MAC Address       Name         Driver         Status   Link\n";

const KnownFinding& secondary_crash_finding() {
  static const auto cases = all_cases();
  for (const auto& c : cases)
    if (test_name(c) == "SecondaryAfterPrimaryClose_NullVdev") return c.known_findings.at(0);
  throw std::runtime_error("no SecondaryAfterPrimaryClose_NullVdev case");
}

TEST(SecondaryAfterPrimaryClose, TheSegfaultIsTheFindingOn2211Only) {
  const auto& f = secondary_crash_finding();
  EXPECT_EQ(f.check, "secondary-answers-after-close");
  EXPECT_TRUE(f.ends_case);  // nothing is left to ask the dead secondary
  const auto died = answered_problems(ExitStatus{-1, SIGSEGV}, kPrintedBeforeDeath);
  EXPECT_EQ(died.rfind("died: killed by signal 11 (SIGSEGV) instead of answering with its prompt", 0), 0u) << died;
  EXPECT_NE(died.find("Number of available ports: 1"), std::string::npos);  // the evidence
  EXPECT_TRUE(match_finding({f}, f.check, died, parse_dpdk_version("DPDK 22.11.11")));
  EXPECT_FALSE(match_finding({f}, f.check, died, parse_dpdk_version("DPDK 23.11.0")));
  EXPECT_FALSE(match_finding({f}, f.check, died, std::nullopt));
}

TEST(SecondaryAfterPrimaryClose, AnyOtherDeathIsAFailure) {
  const auto& f = secondary_crash_finding();
  const auto v2211 = parse_dpdk_version("DPDK 22.11.11");
  EXPECT_FALSE(match_finding({f}, f.check, answered_problems(ExitStatus{-1, SIGABRT}, ""), v2211));
  EXPECT_FALSE(match_finding({f}, f.check, answered_problems(ExitStatus{1, 0}, ""), v2211));
  EXPECT_FALSE(match_finding({f}, f.check, answered_problems(ExitStatus{-1, SIGBUS}, ""), v2211));
  EXPECT_EQ(answered_problems(std::nullopt, "anything"), "");  // it answered
  EXPECT_EQ(exit_text(ExitStatus{-1, SIGSEGV}), "killed by SIGSEGV");
  EXPECT_EQ(exit_text(ExitStatus{0, 0}), "exited with code 0");
}

}  // namespace
}  // namespace mpdts::testpmd
