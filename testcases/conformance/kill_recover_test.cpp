// SIGKILL of the suite in the middle of a case: it cannot clean up, so its hugetlbfs mount, DPDK
// runtime dir, scratch dir and netns are left. (Its processes run on pseudo-terminals whose master
// died with the suite: the hangup ends them — hotplug_mp quits on SIGHUP, testpmd dies of it — so
// here they are usually gone by themselves; whichever is still there is killed by the recovery, and
// every one is accounted for in what it says. Processes that do outlive a SIGKILLed harness are
// shown killed from the journal in harness/tests/journal_test.cpp.) Its side-effect journal is what `mpdts-recover` — or simply the next run of the
// cases binary — reads to undo all of it, saying one line per thing undone. Each test uses a
// journal directory of its own, so it never sees (or touches) another run's journal.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <boost/regex.hpp>
#include <filesystem>
#include <fstream>
#include <set>

#include <fmt/format.h>

#include "core/host_mounts.hpp"
#include "core/proc_stat.hpp"
#include "conformance/stopped_suite.hpp"
#include "process/child_process.hpp"

namespace mpdts {
namespace {

namespace fs = std::filesystem;

enum class Recoverer { Tool, NextRun };
struct Scenario {
  const char* name;
  const char* gtest_case;
  bool netns;  // the case makes a netns (af_packet on a veth)
  Recoverer recoverer;
};

void PrintTo(const Scenario& s, std::ostream* os) {
  *os << s.gtest_case << (s.recoverer == Recoverer::Tool ? ", then mpdts-recover" : ", then the next run");
}

class KillRecover : public testing::TestWithParam<Scenario> {
 protected:
  void SetUp() override {
    base_ = fs::temp_directory_path() / fmt::format("mpdts-kill-recover-{}-{}", ::getpid(), GetParam().name);
    fs::remove_all(base_);
    journal_dir_ = base_ / "journal";
    fs::create_directories(journal_dir_);
  }
  void TearDown() override { fs::remove_all(base_); }

  std::vector<fs::path> journals() const {
    std::vector<fs::path> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(journal_dir_, ec))
      if (e.path().extension() == ".jsonl") out.push_back(e.path());
    return out;
  }

  fs::path base_, journal_dir_;
};

TEST_P(KillRecover, SigkillMidCaseThenRecoveryUndoesEverything) {
  const auto& sc = GetParam();
  conformance::StoppedSuite suite(
      {std::string("--gtest_filter=") + sc.gtest_case, "--results=" + (base_ / "results").string()},
      {{"MPDTS_JOURNAL_DIR", journal_dir_.string()}});
  const pid_t suite_pid = suite.pid();

  // Mid-case: both hotplug_mp processes are up, with their mount, runtime dir, netns or backend.
  suite.wait_mid_case(Seconds(120));
  const auto live_journals = journals();
  ASSERT_EQ(live_journals.size(), 1u) << "the running suite keeps exactly one journal";
  EXPECT_EQ(live_journals[0].filename().string().rfind(std::to_string(suite_pid) + "-", 0), 0u);

  const auto status = suite.stop(SIGKILL, Seconds(60));
  ASSERT_TRUE(status.has_value()) << "the suite did not die of SIGKILL";
  EXPECT_EQ(status->signal, SIGKILL) << status->describe();
  const std::string out = suite.text();

  // What the killed run says it made.
  const auto prefixes = suite.mentions(R"(EAL prefix (mpdts[0-9]+-[0-9]+-[a-z]+))");
  auto pids = suite.pids_started();
  pids.erase(suite_pid);  // this test's own note about the suite
  std::set<int> targets;  // the case's long-lived processes (the others are `ip` commands, done already)
  const boost::regex target_re(R"((primary|secondary|testpmd) *# started, pid ([0-9]+))");
  for (boost::sregex_iterator it(out.begin(), out.end(), target_re), end; it != end; ++it)
    targets.insert(std::stoi((*it)[2]));
  ASSERT_GE(targets.size(), 2u) << out;
  ASSERT_FALSE(prefixes.empty()) << out;
  ASSERT_GE(pids.size(), 2u) << out;
  const std::string hp = *std::find_if(prefixes.begin(), prefixes.end(),
                                       [](const std::string& p) { return p.ends_with("-hp"); });

  // The leftovers exist: nothing could undo them.
  ASSERT_EQ(journals(), live_journals) << "the killed run's journal must stay";
  EXPECT_TRUE(hugetlbfs_mounted("/tmp/mpdts/" + hp + "/hugepages")) << hp;
  EXPECT_TRUE(fs::exists("/var/run/dpdk/" + hp)) << hp;
  for (const auto& p : prefixes) EXPECT_TRUE(fs::exists("/tmp/mpdts/" + p)) << p;
  if (sc.netns) {
    EXPECT_TRUE(fs::exists("/run/netns/" + hp));
  }
  std::set<int> survivors;  // a process whose terminal hangup did not end it (yet)
  for (int pid : pids)
    if (process_alive(pid)) survivors.insert(pid);

  if (sc.recoverer == Recoverer::Tool) {
    // A dry run says what it would undo, exits 3, and changes nothing.
    Transcript dt;
    ChildProcess dry({{MPDTS_RECOVER, "--dry-run", "--journal-dir", journal_dir_.string()}, "dry-run", false,
                      std::nullopt, {}},
                     dt);
    dry.close_input();
    const auto ds = dry.wait_exit(Deadline::in(Seconds(120)));
    ASSERT_TRUE(ds.has_value()) << dt.text();
    dry.wait_output([](const std::string&) { return false; }, Deadline::in(Seconds(10)));
    EXPECT_EQ(ds->code, 3) << dry.unconsumed();
    EXPECT_NE(dry.unconsumed().find("would unmount /tmp/mpdts/" + hp + "/hugepages\n"), std::string::npos)
        << dry.unconsumed();
    EXPECT_TRUE(hugetlbfs_mounted("/tmp/mpdts/" + hp + "/hugepages"));
    EXPECT_EQ(journals(), live_journals);
  }

  // Recovery.
  std::vector<std::string> argv;
  if (sc.recoverer == Recoverer::Tool)
    argv = {MPDTS_RECOVER, "--journal-dir", journal_dir_.string()};
  else  // the next run of the cases binary recovers before anything else (here: a run of no case)
    argv = {MPDTS_CASES, "--gtest_filter=-*", "--results=" + (base_ / "results-next").string()};
  Transcript rt;
  ChildProcess recoverer({argv, "recover", false, std::nullopt, {{"MPDTS_JOURNAL_DIR", journal_dir_.string()}}}, rt);
  recoverer.close_input();
  const auto rs = recoverer.wait_exit(Deadline::in(Seconds(180)));
  ASSERT_TRUE(rs.has_value()) << "recovery did not finish:\n" << rt.text();
  recoverer.wait_output([](const std::string&) { return false; }, Deadline::in(Seconds(10)));
  const std::string said = recoverer.unconsumed();
  EXPECT_EQ(rs->code, 0) << said;

  // It said what it undid, one line each.
  auto says = [&said](const std::string& what) { return said.find(what) != std::string::npos; };
  EXPECT_TRUE(says(fmt::format("harness pid {} (", suite_pid))) << said;
  EXPECT_TRUE(says("unmounted /tmp/mpdts/" + hp + "/hugepages\n")) << said;
  EXPECT_TRUE(says("removed /var/run/dpdk/" + hp + " (eal_runtime)\n")) << said;
  for (const auto& p : prefixes) EXPECT_TRUE(says("removed /tmp/mpdts/" + p + " (scratch)\n")) << p << "\n" << said;
  if (sc.netns) {
    EXPECT_TRUE(says("deleted netns " + hp + " (and the veths in it)\n")) << said;
  }
  for (int pid : survivors)
    EXPECT_TRUE(says(fmt::format("killed process group {} (", pid)) ||
                says(fmt::format("nothing left: process group {} (", pid)))
        << pid << "\n" << said;
  for (int pid : targets)
    EXPECT_TRUE(says(fmt::format("process group {} (", pid))) << "no word about process " << pid << "\n" << said;
  EXPECT_TRUE(says("removed the journal " + live_journals[0].string())) << said;

  // And it is all gone.
  for (const auto& p : prefixes) {
    EXPECT_FALSE(fs::exists("/var/run/dpdk/" + p)) << "runtime dir of " << p << " left";
    EXPECT_FALSE(fs::exists("/tmp/mpdts/" + p)) << "scratch dir of " << p << " left";
    EXPECT_FALSE(hugetlbfs_mounted("/tmp/mpdts/" + p + "/hugepages")) << "hugetlbfs of " << p << " left";
    EXPECT_FALSE(fs::exists("/run/netns/" + p)) << "netns " << p << " left";
  }
  for (int pid : pids) EXPECT_FALSE(process_alive(pid)) << "process " << pid << " survived the recovery";
  // (After a next run, also: that run ended normally and removed its own journal.)
  EXPECT_TRUE(journals().empty()) << "a journal is left";
}

INSTANTIATE_TEST_SUITE_P(
    MidCase, KillRecover,
    testing::Values(Scenario{"VirtioUserThenTool", "HotplugMp/Plan.Case/RepeatVirtioUser_FromPrimary", false, Recoverer::Tool},
                    Scenario{"AfPacketNetnsThenTool", "HotplugMp/Plan.Case/RepeatVirtual_FromPrimary", true, Recoverer::Tool},
                    Scenario{"VirtioUserThenNextRun", "HotplugMp/Plan.Case/RepeatVirtioUser_FromPrimary", false,
                             Recoverer::NextRun},
                    Scenario{"AfPacketNetnsThenNextRun", "HotplugMp/Plan.Case/RepeatVirtual_FromPrimary", true,
                             Recoverer::NextRun}),
    [](const testing::TestParamInfo<Scenario>& i) { return std::string(i.param.name); });

}  // namespace
}  // namespace mpdts
