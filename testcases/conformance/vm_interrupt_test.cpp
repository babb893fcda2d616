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

#include "process/child_process.hpp"
#include "process/prompt_session.hpp"

namespace mpdts {
namespace {

namespace fs = std::filesystem;

bool alive_and_not_zombie(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat;
  if (!std::getline(in, stat)) return false;
  const auto close = stat.rfind(')');
  return close != std::string::npos && stat.size() > close + 2 && stat[close + 2] != 'Z';
}

std::set<std::string> all_matches(const std::string& text, const char* pattern) {
  std::set<std::string> out;
  const boost::regex re(pattern);
  for (boost::sregex_iterator it(text.begin(), text.end(), re), end; it != end; ++it) out.insert((*it)[1]);
  return out;
}

TEST(VmInterruptCleanup, CtrlCDuringAGuestCaseLeavesNoQemuTestpmdSocketOrFile) {
  if (geteuid() != 0) GTEST_SKIP() << "the VM lab needs root";
  Transcript t;
  const fs::path results = fs::temp_directory_path() / "mpdts-vm-interrupt-results";
  SpawnOptions opts{{MPDTS_CASES, "--topology=" MPDTS_SOURCE_DIR "/topologies/vm.yaml",
                     "--gtest_filter=VdevPlan/InVm.Case/Case2_HotplugMp", "--results=" + results.string()},
                    "suite",
                    false,
                    std::nullopt,
                    {{"MPDTS_ECHO_TRANSCRIPT", "1"}}};
  PromptSession suite(std::make_unique<ChildProcess>(opts, t), "(no prompt)", Seconds(60));

  // Mid-case: the guest is up, its ports are bound, hotplug_mp runs in it as primary and secondary.
  suite.expect(boost::regex(R"(secondary +\| example> )"), Deadline::in(Seconds(900)));
  suite.process().signal(SIGINT);
  const auto status = suite.process().wait_exit(Deadline::in(Seconds(120)));
  ASSERT_TRUE(status.has_value()) << "the harness did not exit after SIGINT:\n" << t.tail(30);
  EXPECT_EQ(status->code, 128 + SIGINT) << status->describe();
  suite.process().wait_output([](const std::string&) { return false; }, Deadline::in(Seconds(10)));
  const std::string out = t.text();
  EXPECT_NE(out.find("caught signal 2"), std::string::npos) << t.tail(40);

  // What the interrupted run says it made: processes (QEMU, testpmd), the lab's and QEMU's
  // directories (sockets inside), testpmd's EAL prefix.
  std::set<int> pids;
  for (const auto& p : all_matches(out, R"(started, pid ([0-9]+))")) pids.insert(std::stoi(p));
  const auto dirs = all_matches(out, R"((/tmp/mpdts/vm(?:lab)?-[0-9]+-[0-9]+))");
  const auto prefixes = all_matches(out, R"(EAL prefix (mpdts[0-9]+-[0-9]+-vhost))");
  ASSERT_GE(pids.size(), 2u) << "expected QEMU and testpmd to have been started:\n" << t.tail(40);
  ASSERT_EQ(dirs.size(), 2u) << "expected the lab's scratch directory and QEMU's:\n" << t.tail(40);
  ASSERT_EQ(prefixes.size(), 1u) << t.tail(40);

  for (int pid : pids) EXPECT_FALSE(alive_and_not_zombie(pid)) << "process " << pid << " survived the interrupt";
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
