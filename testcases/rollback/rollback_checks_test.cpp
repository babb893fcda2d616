// The rollback checks catch what a failed rollback leaves: a process that kept the device, one that
// lost a device it had, a device moved to another port, a device listed twice, port ids that differ
// between processes — and accept processes that rightly differ from each other.
#include <gtest/gtest.h>

#include <set>

#include "rollback/rollback_checks.hpp"
#include "rollback/rollback_plan.hpp"

namespace mpdts::rollback {
namespace {

TEST(CompareWithBefore, AcceptsEveryProcessAsBefore) {
  const Lists before{{"primary", {{0, "net_null0"}}}, {"secondary", {{0, "net_null0"}}}};
  EXPECT_EQ(compare_with_before(before, before), "");
}

TEST(CompareWithBefore, AcceptsProcessesThatRightlyDiffer) {
  const Lists before{{"primary", {{0, "net_null0"}, {1, "net_pcap0"}}}, {"secondary2", {{0, "net_null0"}}}};
  EXPECT_EQ(compare_with_before(before, before), "");
}

TEST(CompareWithBefore, NamesTheProcessThatKeptTheDevice) {
  const Lists before{{"primary", {{0, "net_null0"}}}, {"secondary", {{0, "net_null0"}}}};
  const Lists after{{"primary", {{0, "net_null0"}}}, {"secondary", {{0, "net_null0"}, {1, "net_pcap0"}}}};
  EXPECT_EQ(compare_with_before(before, after),
            "  the secondary is left with net_pcap0: it lists {0 net_null0, 1 net_pcap0}, before it listed "
            "{0 net_null0}\n");
}

TEST(CompareWithBefore, NamesTheProcessThatLostADevice) {
  const Lists before{{"primary", {{0, "net_null0"}, {1, "net_pcap0"}}}, {"secondary1", {{0, "net_null0"}, {1, "net_pcap0"}}}};
  const Lists after{{"primary", {{0, "net_null0"}, {1, "net_pcap0"}}}, {"secondary1", {{0, "net_null0"}}}};
  EXPECT_EQ(compare_with_before(before, after),
            "  the secondary1 is left without net_pcap0: it lists {0 net_null0}, before it listed "
            "{0 net_null0, 1 net_pcap0}\n");
}

TEST(CompareWithBefore, CatchesTheUnrelatedDeviceLost) {
  const Lists before{{"primary", {{0, "net_null0"}}}};
  const Lists after{{"primary", {}}};
  EXPECT_NE(compare_with_before(before, after).find("the primary is left without net_null0"), std::string::npos);
}

TEST(CompareWithBefore, CatchesADeviceMovedToAnotherPort) {
  const Lists before{{"primary", {{0, "net_null0"}}}};
  const Lists after{{"primary", {{1, "net_null0"}}}};
  EXPECT_NE(compare_with_before(before, after).find("net_null0 moved from port 0 to port 1"), std::string::npos);
}

TEST(CompareWithBefore, CatchesADeviceListedTwice) {
  const Lists before{{"primary", {{0, "net_null0"}}}};
  const Lists after{{"primary", {{0, "net_null0"}, {1, "net_null0"}}}};
  EXPECT_NE(compare_with_before(before, after).find("lists net_null0 more than once"), std::string::npos);
}

TEST(CompareWithBefore, CatchesPortIdsThatDifferBetweenProcesses) {
  const Lists before{{"primary", {{0, "net_null0"}}}, {"secondary", {}}};
  const Lists after{{"primary", {{0, "net_null0"}}}, {"secondary", {{1, "net_null0"}}}};
  EXPECT_NE(compare_with_before(before, after)
                .find("net_null0 is port 0 in the primary but port 1 in the secondary"),
            std::string::npos);
}

TEST(CompareWithBefore, NamesEveryProcessThatKeptIt) {
  // A target that ignores the peer's failure: every process keeps the device.
  const Lists before{{"primary", {{0, "net_null0"}}}, {"secondary1", {{0, "net_null0"}}}, {"secondary2", {{0, "net_null0"}}}};
  Lists after = before;
  for (auto& [who, ports] : after) ports.push_back({1, "net_pcap0"});
  const auto p = compare_with_before(before, after);
  for (const char* who : {"primary", "secondary1", "secondary2"})
    EXPECT_NE(p.find(std::string("the ") + who + " is left with net_pcap0"), std::string::npos) << p;
}

TEST(CompareWithExpected, ChecksEachProcessAgainstItsOwnSet) {
  const Lists lists{{"primary", {{0, "net_null0"}, {1, "net_pcap0"}}}, {"secondary2", {{0, "net_null0"}}}};
  EXPECT_EQ(compare_with_expected(lists, {{"net_null0", "net_pcap0"}, {"net_null0"}}), "");
  EXPECT_EQ(compare_with_expected(lists, {{"net_null0", "net_pcap0"}, {"net_null0", "net_pcap0"}}),
            "  the secondary2 lists {0 net_null0}, expected exactly {net_null0, net_pcap0}\n");
  EXPECT_EQ(compare_with_expected({{"primary", {{0, "net_null0"}}}}, {{}}),
            "  the primary lists {0 net_null0}, expected exactly {} (no device)\n");
}

TEST(RollbackPlan, EveryCaseHasAUniqueNameAndARequesterAmongItsProcesses) {
  std::set<std::string> names;
  for (const auto& c : all_cases()) {
    EXPECT_TRUE(names.insert(test_name(c)).second) << test_name(c);
    bool found = false;
    for (const auto& m : c.layout.members) found = found || m.role == c.requester.role;
    EXPECT_TRUE(found) << test_name(c);
    EXPECT_EQ(c.layout.members.front().role, "primary") << test_name(c);
    EXPECT_FALSE(c.layout.scenario.empty()) << test_name(c);
  }
  EXPECT_EQ(names.size(), 9u);
}

}  // namespace
}  // namespace mpdts::rollback
