// The suite judged against a target that is known not to conform: DPDK 22.11's own hotplug_mp
// example, built unchanged, reports success for a duplicate attach. Run against it, the suite must
// fail exactly the duplicate-attach checks — every repeat case, and nothing else — and say so.
// This shows the cases can fail, and fail for the right reason, on an implementation that is not ours.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>

#include <nlohmann/json.hpp>

#include "process/child_process.hpp"

namespace mpdts {
namespace {

namespace fs = std::filesystem;

struct Verdict {
  std::map<std::string, std::vector<std::string>> failures;  // failed test → its failure messages
  int tests = 0;
};

Verdict run_suite(const fs::path& topology, const std::string& filter) {
  const fs::path dir = fs::temp_directory_path() / ("mpdts-reference-" + std::to_string(getpid()));
  fs::create_directories(dir);
  const auto json = dir / "gtest.json";
  const auto r = run_command({MPDTS_CASES, "--topology=" + topology.string(), "--results=" + (dir / "results").string(),
                              "--gtest_filter=" + filter, "--gtest_output=json:" + json.string()},
                             Deadline::in(Seconds(900)));
  Verdict v;
  std::ifstream in(json);
  if (!in) {
    ADD_FAILURE() << "the suite wrote no verdict (" << r.status.describe() << "):\n" << r.output;
    fs::remove_all(dir);
    return v;
  }
  const auto j = nlohmann::json::parse(in);
  for (const auto& suite : j.at("testsuites"))
    for (const auto& t : suite.at("testsuite")) {
      ++v.tests;
      if (!t.contains("failures")) continue;
      auto& msgs = v.failures[suite.at("name").get<std::string>() + "." + t.at("name").get<std::string>()];
      for (const auto& f : t.at("failures")) msgs.push_back(f.at("failure").get<std::string>());
    }
  fs::remove_all(dir);
  return v;
}

TEST(ReferenceVerdict, DpdkExampleFailsExactlyTheDuplicateAttachChecks) {
  if (!fs::exists(MPDTS_REFERENCE_HOTPLUG_MP)) GTEST_SKIP() << "DPDK's example was not built (no dpdk-doc sources)";
  const auto v = run_suite(MPDTS_SOURCE_DIR "/topologies/dpdk-example.yaml", "HotplugMp/*");
  ASSERT_EQ(v.tests, 26);

  std::set<std::string> expected_failing;
  for (const char* device : {"Virtual", "VhostUser", "VirtioUser"})
    for (const char* dir : {"FromPrimary", "FromSecondary", "AttachPrimaryDetachSecondary", "AttachSecondaryDetachPrimary"})
      expected_failing.insert(std::string("HotplugMp/Plan.Case/Repeat") + device + "_" + dir);

  std::set<std::string> failing;
  for (const auto& [name, msgs] : v.failures) failing.insert(name);
  EXPECT_EQ(failing, expected_failing);

  for (const auto& [name, msgs] : v.failures) {
    // One duplicate attach per round, and no other kind of failure.
    EXPECT_EQ(msgs.size(), 2u) << name;
    for (const auto& m : msgs)
      EXPECT_NE(m.find("the duplicate attach"), std::string::npos) << name << " failed for another reason:\n" << m;
    for (const auto& m : msgs)
      EXPECT_NE(m.find("must fail (the device is already attached), but it printed the success result"),
                std::string::npos)
          << name << ":\n" << m;
  }
}

}  // namespace
}  // namespace mpdts
