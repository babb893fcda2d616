// The checks the plan cases rely on, shown to catch what they must: a stale device, a missing one,
// a device listed twice, port ids that differ between processes, a list without its header.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "hotplug/hotplug_checks.hpp"
#include "hotplug/hotplug_plan.hpp"

namespace mpdts::hotplug {
namespace {

using Lists = std::vector<std::pair<std::string, std::vector<ListedPort>>>;

TEST(CompareLists, AcceptsTheExpectedSetInEveryProcess) {
  EXPECT_EQ(compare_lists({{"primary", {{0, "net_af_packet"}}}, {"secondary", {{0, "net_af_packet"}}}}, {"net_af_packet"}),
            "");
  EXPECT_EQ(compare_lists({{"primary", {}}, {"secondary", {}}}, {}), "");
}

TEST(CompareLists, CatchesAStaleDeviceInOneProcess) {
  const auto p = compare_lists({{"primary", {}}, {"secondary", {{0, "net_vhost0"}}}}, {});
  EXPECT_EQ(p, "  the secondary lists {0 net_vhost0}, expected exactly {} (no device)\n");
}

TEST(CompareLists, CatchesAMissingDevice) {
  const auto p = compare_lists({{"primary", {{0, "net_vhost0"}}}, {"secondary", {}}}, {"net_vhost0"});
  EXPECT_EQ(p, "  the secondary lists {} (no device), expected exactly {net_vhost0}\n");
}

TEST(CompareLists, CatchesADeviceListedTwice) {
  const auto p = compare_lists({{"primary", {{0, "net_vhost0"}, {1, "net_vhost0"}}}}, {"net_vhost0"});
  EXPECT_NE(p.find("the primary lists {0 net_vhost0, 1 net_vhost0}"), std::string::npos) << p;
}

TEST(CompareLists, CatchesAnExtraDeviceBesideTheExpectedOne) {
  const auto p = compare_lists({{"primary", {{0, "net_vhost0"}, {1, "net_null0"}}}}, {"net_vhost0"});
  EXPECT_NE(p.find("expected exactly {net_vhost0}"), std::string::npos) << p;
}

TEST(CompareLists, CatchesPortIdsThatDifferBetweenProcesses) {
  const auto p = compare_lists({{"primary", {{0, "net_vhost0"}}}, {"secondary", {{1, "net_vhost0"}}}}, {"net_vhost0"});
  EXPECT_EQ(p, "  net_vhost0 is port 0 in the primary but port 1 in the secondary: a shared device has one port id\n");
}

TEST(ParseList, ReadsDpdkStyleOutputAfterTheEcho) {
  HotplugContract c;
  const auto ports = HotplugApp::parse_list("list\nlist all etherdev\n0\tnet_af_packet\n1\t0000:00:05.0\n", c, "p");
  ASSERT_EQ(ports.size(), 2u);
  EXPECT_EQ(ports[0], (ListedPort{0, "net_af_packet"}));
  EXPECT_EQ(ports[1], (ListedPort{1, "0000:00:05.0"}));
}

TEST(ParseList, IgnoresLinesBeforeTheHeaderAndLogLines) {
  HotplugContract c;
  const auto ports =
      HotplugApp::parse_list("0\tstale line before header\nlist all etherdev\nEAL: something\n", c, "p");
  EXPECT_TRUE(ports.empty());
}

TEST(ParseList, FailsWithoutTheHeader) {
  HotplugContract c;
  EXPECT_THROW(HotplugApp::parse_list("0\tnet_af_packet\n", c, "p"), HarnessError);
}

TEST(ReplyJudgement, DpdkExampleFailureStringIsNotASuccess) {
  // "failed to attached device X" contains "attached device X": the success pattern is line-anchored.
  HotplugContract c;
  const boost::regex ok(c.attach_ok), failed(c.attach_failed);
  EXPECT_FALSE(boost::regex_search(std::string("failed to attached device net_null0\n"), ok));
  EXPECT_TRUE(boost::regex_search(std::string("failed to attached device net_null0\n"), failed));
  EXPECT_TRUE(boost::regex_search(std::string("attach x\nattached device net_null0\n"), ok));
  // EAL's own log line on a primary's duplicate is not the application's failure result.
  EXPECT_FALSE(boost::regex_search(std::string("EAL: Failed to attach device on primary process\n"), failed));
}

TEST(PlanTable, HasEveryCaseOfThePlanInEveryDirection) {
  const auto cases = all_cases();
  // 2 attach cases × 2 sides, physical detach × 2, virtual detach × 4, 4 repeat cases × 4 directions.
  EXPECT_EQ(cases.size(), 4u + 2u + 4u + 16u);
  std::set<std::string> names;
  for (const auto& c : cases) names.insert(test_name(c));
  EXPECT_EQ(names.size(), cases.size()) << "test names are unique";
  EXPECT_TRUE(names.count("RepeatVirtioUser_AttachSecondaryDetachPrimary"));
  EXPECT_TRUE(names.count("DetachPhysical_FromSecondary"));
  EXPECT_FALSE(names.count("DetachPhysical_AttachPrimaryDetachSecondary"));
}

}  // namespace
}  // namespace mpdts::hotplug
