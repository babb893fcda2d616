// Ctrl-C in the middle of a VM case: the harness stops QEMU and the host testpmd behind the
// guest's vhost-user ports, and removes every socket and file it made for the guest (the lab's
// scratch directory with the vhost-user sockets, QEMU's directory with its console sockets,
// testpmd's EAL files) before it exits — checked against what the interrupted run says it made.
// (The guest itself, an initramfs in QEMU's memory, goes with QEMU; the cached image stays.)
#include <gtest/gtest.h>
#include <signal.h>

#include <boost/regex.hpp>
#include <filesystem>
#include <fstream>
#include <set>

#include "conformance/stopped_suite.hpp"
#include "core/proc_stat.hpp"

namespace mpdts {
namespace {

namespace fs = std::filesystem;

TEST(VmInterruptCleanup, CtrlCDuringAGuestCaseLeavesNoQemuTestpmdSocketOrFile) {
  if (geteuid() != 0) GTEST_SKIP() << "the VM lab needs root";
  const fs::path results = fs::temp_directory_path() / "mpdts-vm-interrupt-results";
  conformance::StoppedSuite suite({"--topology=" MPDTS_SOURCE_DIR "/topologies/vm.yaml",
                                   "--gtest_filter=VdevPlan/InVm.Case/Case2_HotplugMp", "--results=" + results.string()});
  const Transcript& t = suite.transcript();

  // Mid-case: the guest is up, its ports are bound, hotplug_mp runs in it as primary and secondary.
  suite.wait_mid_case(Seconds(900));
  const auto status = suite.stop(SIGINT, Seconds(120));
  ASSERT_TRUE(status.has_value()) << "the harness did not exit after SIGINT:\n" << t.tail(30);
  EXPECT_EQ(status->code, 128 + SIGINT) << status->describe();
  const std::string out = suite.text();
  EXPECT_NE(out.find("caught signal 2"), std::string::npos) << t.tail(40);

  // What the interrupted run says it made: processes (QEMU, testpmd), the lab's and QEMU's
  // directories (sockets inside), testpmd's EAL prefix.
  const auto pids = suite.pids_started();
  const auto dirs = suite.mentions(R"((/tmp/mpdts/vm(?:lab)?-[0-9]+-[0-9]+))");
  const auto prefixes = suite.mentions(R"(EAL prefix (mpdts[0-9]+-[0-9]+-vhost))");
  ASSERT_GE(pids.size(), 2u) << "expected QEMU and testpmd to have been started:\n" << t.tail(40);
  ASSERT_EQ(dirs.size(), 2u) << "expected the lab's scratch directory and QEMU's:\n" << t.tail(40);
  ASSERT_EQ(prefixes.size(), 1u) << t.tail(40);

  for (int pid : pids) EXPECT_FALSE(process_alive(pid)) << "process " << pid << " survived the interrupt";
  for (const auto& d : dirs) EXPECT_FALSE(fs::exists(d)) << d << " (sockets, guest files) was left";
  for (const auto& p : prefixes) {
    EXPECT_FALSE(fs::exists("/var/run/dpdk/" + p)) << "testpmd's runtime dir " << p << " was left";
    EXPECT_FALSE(fs::exists("/tmp/mpdts/" + p)) << "testpmd's scratch dir " << p << " was left";
  }
  // No unix socket of the run anywhere under the scratch root.
  std::error_code ec;
  for (const auto& d : dirs)
    for (auto it = fs::recursive_directory_iterator(fs::path(d).parent_path(), ec); !ec && it != fs::end(it);
         it.increment(ec))
      if (it->path().string().rfind(d, 0) == 0) ADD_FAILURE() << it->path() << " was left";
  fs::remove_all(results, ec);
}

}  // namespace
}  // namespace mpdts
