// The rollback cases can fail: run against a hotplug_mp that reports success for a hotplug a peer
// could not do (testcases/rollback/fake/), every rollback case must FAIL, for exactly two reasons —
// the requester printed the success result, and the processes that could open the device are left
// with it (attach) or without it (detach) — naming each such process. Nothing may be left behind.
#include <gtest/gtest.h>

#include <iostream>
#include <sstream>

#include "faults/suite_run.hpp"

namespace mpdts::selftest {
namespace {

namespace fs = std::filesystem;

TEST(RollbackVerdict, TargetIgnoringFailureFailsEveryRollbackCase) {
  const SuiteRun run({MPDTS_CASES, fs::path(MPDTS_SOURCE_DIR) / "testcases/rollback/fake/ignores_failure.yaml",
                      "Rollback/*", {}, Seconds(900)});
  ASSERT_EQ(run.cases().size(), 9u) << run.output();
  EXPECT_EQ(run.status().code, 1) << run.status().describe();

  // Which processes could open the device and so must be named, per case layout.
  const std::map<std::string, std::vector<std::string>> named{
      {"AttachFailsInSecondary", {"the primary (netns with mpdts0) is left with net_pcap0"}},
      {"AttachFailsInPrimary", {"the secondary (netns with mpdts0) is left with net_pcap0"}},
      {"AttachFailsInOneOfTwoSecondaries",
       {"the primary (netns with mpdts0) is left with net_pcap0",
        "the secondary1 (netns with mpdts0) is left with net_pcap0"}},
      {"DetachFailsInSecondary",
       {"the primary (netns with mpdts0) is left without net_pcap0",
        "the secondary1 (netns with mpdts0) is left without net_pcap0"}},
  };
  for (const auto& c : run.cases()) {
    SCOPED_TRACE(c.name);
    EXPECT_FALSE(c.passed || c.skipped) << "passed against a target that ignores failure";
    ASSERT_EQ(c.failures.size(), 2u) << c.all_failures();
    EXPECT_NE(c.failures[0].find("must fail ("), std::string::npos) << c.failures[0];
    EXPECT_NE(c.failures[0].find("but it printed the success result"), std::string::npos) << c.failures[0];
    EXPECT_NE(c.failures[1].find("not every process is back to its state before it"), std::string::npos)
        << c.failures[1];
    const auto layout = c.name.substr(c.name.find("Case/") + 5, c.name.rfind('_') - c.name.find("Case/") - 5);
    ASSERT_TRUE(named.contains(layout)) << layout;
    for (const auto& s : named.at(layout)) EXPECT_NE(c.failures[1].find(s), std::string::npos) << c.failures[1];
    std::cout << "[ verdict  ] " << c.name << ": FAIL in " << c.seconds << " s\n";
    std::istringstream lines(c.failures[1]);
    for (std::string line; std::getline(lines, line);)
      if (line.rfind("  the ", 0) == 0) std::cout << "[ verdict  ] " << line << "\n";
  }
  EXPECT_GE(run.prefixes().size(), 9u);
  for (const auto& l : run.leftovers()) ADD_FAILURE() << l;
}

}  // namespace
}  // namespace mpdts::selftest
