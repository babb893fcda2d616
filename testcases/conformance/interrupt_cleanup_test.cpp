// Ctrl-C in the middle of a case: the harness stops every process it started and undoes every side
// effect (hugetlbfs mount, DPDK runtime dir, scratch dir, netns and veth, the testpmd backend) before
// it exits — checked against what the interrupted run itself says it made.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <boost/regex.hpp>
#include <filesystem>
#include <fstream>
#include <set>

#include "core/host_mounts.hpp"
#include "core/proc_stat.hpp"
#include "conformance/stopped_suite.hpp"

namespace mpdts {
namespace {

namespace fs = std::filesystem;

class InterruptCleanup : public testing::TestWithParam<const char*> {};

TEST_P(InterruptCleanup, CtrlCMidCaseLeavesNothingBehind) {
  // The interrupted run's reports are not what this test judges: they go to a scratch dir it removes.
  const fs::path results = fs::temp_directory_path() / ("mpdts-interrupt-results-" + std::to_string(::getpid()));
  struct RemoveResults {
    fs::path dir;
    ~RemoveResults() { std::error_code ec; fs::remove_all(dir, ec); }
  } remove_results{results};
  conformance::StoppedSuite suite({std::string("--gtest_filter=") + GetParam(), "--results=" + results.string()});

  // Mid-case: both hotplug_mp processes are up, with their devices, mounts and backends.
  suite.wait_mid_case(Seconds(60));
  const auto status = suite.stop(SIGINT, Seconds(60));
  ASSERT_TRUE(status.has_value()) << "the harness did not exit after SIGINT:\n" << suite.transcript().tail(30);
  EXPECT_EQ(status->code, 128 + SIGINT) << status->describe();
  const std::string out = suite.text();

  // What the interrupted run says it made.
  const auto prefixes = suite.mentions(R"(EAL prefix (mpdts[0-9]+-[0-9]+-[a-z]+))");
  const auto pids = suite.pids_started();
  ASSERT_FALSE(prefixes.empty()) << out;
  ASSERT_GE(pids.size(), 2u) << out;
  EXPECT_NE(out.find("caught signal 2"), std::string::npos) << out;

  for (const auto& p : prefixes) {
    EXPECT_FALSE(fs::exists("/var/run/dpdk/" + p)) << "runtime dir of " << p << " left";
    EXPECT_FALSE(fs::exists("/tmp/mpdts/" + p)) << "scratch dir of " << p << " left";
    EXPECT_FALSE(hugetlbfs_mounted("/tmp/mpdts/" + p, /*prefix=*/true)) << "hugetlbfs of " << p << " left mounted";
    EXPECT_FALSE(fs::exists("/run/netns/" + p)) << "netns " << p << " left";
  }
  for (int pid : pids) EXPECT_FALSE(process_alive(pid)) << "process " << pid << " survived the interrupt";
}

INSTANTIATE_TEST_SUITE_P(DuringACase, InterruptCleanup,
                         testing::Values("HotplugMp/Plan.Case/RepeatVirtual_FromPrimary",      // netns + veth
                                         "HotplugMp/Plan.Case/RepeatVirtioUser_FromSecondary"),  // testpmd backend
                         [](const testing::TestParamInfo<const char*>& i) {
                           return std::string(i.param).find("Virtio") != std::string::npos ? "VirtioUserWithBackend"
                                                                                            : "AfPacketInNetns";
                         });

}  // namespace
}  // namespace mpdts
