// The hotplug_mp cases on a node reached over SSH, for real: an sshd this test starts on loopback
// (keys, host key and known_hosts made here), the virtual-device cases run once on the local node
// and once on the "remote" node through that sshd, with the same verdict; and a run interrupted in
// the middle of a case leaves no process on the remote side.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/syscall.h>
#include <poll.h>
#include <unistd.h>

#include <boost/regex.hpp>
#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "faults/suite_run.hpp"
#include "node/remote_process.hpp"
#include "node/ssh_node.hpp"
#include "process/prompt_session.hpp"
#include "remote/sshd_server.hpp"

namespace mpdts {
namespace {

namespace fs = std::filesystem;
using selftest::SuiteRun;
using sshtest::SshServer;

const char* kVirtualCases = "HotplugMp/*Virtual_*";

// The same target and device on either node; only where they run differs. `repeat` rounds of the
// plan's loops (a long case is still running whenever it is interrupted).
fs::path write_topology(const SshServer& sshd, bool remote, int repeat = 2) {
  const auto file = sshd.dir() / (remote ? "remote.yaml" : "local.yaml");
  std::ofstream out(file);
  out << fmt::format("name: ssh-{}\n", remote ? "remote" : "local");
  if (remote)
    out << fmt::format(
        "nodes:\n  - name: sut\n    type: ssh\n    host: 127.0.0.1\n    port: {}\n    user: root\n"
        "    key: {}\n    known_hosts: {}\n",
        sshd.port(), sshd.client_key().string(), sshd.known_hosts().string());
  out << "targets:\n  hotplug_mp:\n    path: " MPDTS_HOTPLUG_MP "\n    eal_args: [\"-l\", \"0\"]\n";
  if (remote) out << "    node: sut\n";
  out << "devices:\n  af_packet:\n    veth: true\n";
  if (remote) out << "    node: sut\n";
  out << "plan:\n  repeat: " << repeat << "\n";
  return file;
}

std::set<long> remote_pids(const std::string& text) {
  std::set<long> out;
  const boost::regex re(R"(remote pid ([0-9]+) on node sut)");
  for (boost::sregex_iterator it(text.begin(), text.end(), re), end; it != end; ++it) out.insert(std::stol((*it)[1]));
  return out;
}

// What runs on the "remote" side, asked through the server itself (as a lab would ask its SUT).
std::string remote_process_table(const SshServer& sshd) {
  return run_checked({"ssh", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes", "-o",
                      "UserKnownHostsFile=" + sshd.known_hosts().string(), "-o", "IdentitiesOnly=yes", "-i",
                      sshd.client_key().string(), "-p", std::to_string(sshd.port()), "-l", "root", "-T", "127.0.0.1",
                      "ps -e -o pid=,pgid=,args="},
                     Deadline::in(Seconds(30)));
}

// Waits (pidfd, with a deadline) for every process the server started to end; returns the survivors.
std::vector<std::string> server_processes_left(const SshServer& sshd, Seconds within) {
  const auto deadline = Deadline::in(within);
  for (pid_t pid : sshd.descendants()) {
    const int fd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
    if (fd < 0) continue;  // already gone
    pollfd p{fd, POLLIN, 0};
    ::poll(&p, 1, deadline.poll_ms());
    ::close(fd);
  }
  std::vector<std::string> left;
  for (pid_t pid : sshd.descendants()) left.push_back(fmt::format("{}: {}", pid, sshtest::cmdline_of(pid)));
  return left;
}

// The lines of a process table that name one of `needles` (the whole table holds unrelated processes).
std::string lines_naming(const std::string& table, const std::vector<std::string>& needles) {
  std::istringstream in(table);
  std::string line, out;
  while (std::getline(in, line))
    for (const auto& n : needles)
      if (line.find(n) != std::string::npos) {
        out += line + "\n";
        break;
      }
  return out;
}

std::string join(const std::vector<std::string>& lines) {
  std::string s;
  for (const auto& l : lines) s += l + "\n";
  return s;
}

TEST(SshNode, VirtualHotplugCasesGiveTheSameVerdictOverSsh) {
  SshServer sshd;
  SuiteRun local({MPDTS_CASES, write_topology(sshd, false), kVirtualCases, {}, Seconds(300)});
  SuiteRun remote({MPDTS_CASES, write_topology(sshd, true), kVirtualCases, {}, Seconds(420)});

  // Every virtual case of the plan, in both runs, with the same verdict case by case.
  ASSERT_EQ(local.cases().size(), 10u) << local.output();
  ASSERT_EQ(remote.cases().size(), local.cases().size()) << remote.output();
  for (const auto& l : local.cases()) {
    const auto* r = remote.find(l.name);
    ASSERT_NE(r, nullptr) << l.name << " did not run on the ssh node";
    EXPECT_EQ(r->passed, l.passed) << l.name << ": local " << (l.passed ? "PASS" : "FAIL") << ", over ssh "
                                   << (r->passed ? "PASS" : "FAIL") << "\n" << r->all_failures() << l.all_failures()
                                   << remote.transcript(l.name);
    EXPECT_FALSE(r->skipped) << l.name;
    // The project's target conforms: a run that failed everywhere would also "agree".
    EXPECT_TRUE(l.passed) << l.name << "\n" << l.all_failures();
  }
  EXPECT_EQ(local.status().code, 0) << local.output();
  EXPECT_EQ(remote.status().code, 0) << remote.output();

  // The remote run really went through this sshd: each case's primary and secondary were started
  // there (their remote process ids are in the transcript), and the server saw our key.
  for (const auto& r : remote.cases()) {
    const auto transcript = remote.transcript(r.name);
    EXPECT_GE(remote_pids(transcript).size(), 2u) << r.name << " did not start its processes over ssh:\n" << transcript;
    EXPECT_NE(transcript.find("EAL prefix"), std::string::npos) << transcript;
  }
  for (const auto& l : local.cases())
    EXPECT_EQ(local.transcript(l.name).find("on node"), std::string::npos) << l.name << " ran remotely";
  EXPECT_NE(sshd.log().find("Accepted publickey for root"), std::string::npos) << sshd.log();

  EXPECT_TRUE(local.leftovers().empty()) << join(local.leftovers());
  EXPECT_TRUE(remote.leftovers().empty()) << join(remote.leftovers());
  const auto left = server_processes_left(sshd, Seconds(15));
  EXPECT_TRUE(left.empty()) << "still running on the remote side:\n" << join(left);
}

TEST(SshNode, InterruptMidCaseLeavesNoRemoteProcess) {
  SshServer sshd;
  Transcript t;
  const auto results = sshd.dir() / "results";
  SpawnOptions opts{{MPDTS_CASES, "--topology=" + write_topology(sshd, true, 1000).string(),
                     "--gtest_filter=HotplugMp/Plan.Case/RepeatVirtual_FromPrimary", "--results=" + results.string()},
                    "suite",
                    false,
                    std::nullopt,
                    {{"MPDTS_ECHO_TRANSCRIPT", "1"}}};
  PromptSession suite(std::make_unique<ChildProcess>(opts, t), "(no prompt)", Seconds(60));

  // Mid-case: both hotplug_mp processes are up on the remote side, in a loop of 1000 rounds.
  suite.expect(boost::regex(R"(secondary +\| example> )"), Deadline::in(Seconds(90)));
  const auto before = remote_process_table(sshd);
  suite.process().signal(SIGINT);
  const auto status = suite.process().wait_exit(Deadline::in(Seconds(60)));
  ASSERT_TRUE(status.has_value()) << "the harness did not exit after SIGINT:\n" << t.tail(40);
  EXPECT_EQ(status->code, 128 + SIGINT) << status->describe();
  suite.process().wait_output([](const std::string&) { return false; }, Deadline::in(Seconds(10)));
  const std::string out = t.text();

  const auto pids = remote_pids(out);
  ASSERT_EQ(pids.size(), 2u) << out;  // the primary and the secondary
  std::set<std::string> prefixes;
  const boost::regex prefix_re(R"(EAL prefix (mpdts[0-9]+-[0-9]+-[a-z]+))");
  for (boost::sregex_iterator it(out.begin(), out.end(), prefix_re), end; it != end; ++it) prefixes.insert((*it)[1]);
  ASSERT_EQ(prefixes.size(), 1u) << out;
  const auto prefix = *prefixes.begin();

  // They were running on the remote side when the harness was interrupted...
  const std::vector<std::string> needles{prefix, "hotplug_mp"};
  for (long pid : pids)
    EXPECT_TRUE(boost::regex_search(before, boost::regex(fmt::format(R"((^|\n) *{} +{} +.*--file-prefix={})", pid, pid,
                                                                     prefix))))
        << "remote pid " << pid << " was not a group leader running the case before SIGINT:\n"
        << lines_naming(before, needles);
  // ...and nothing of theirs is there after it: no member of their groups, nothing of the case.
  const auto after = remote_process_table(sshd);
  for (long pid : pids)
    EXPECT_FALSE(boost::regex_search(after, boost::regex(fmt::format(R"((^|\n) *[0-9]+ +{} )", pid))))
        << "a process of remote group " << pid << " survived:\n"
        << lines_naming(after, {prefix, "hotplug_mp", fmt::format(" {} ", pid)});
  EXPECT_EQ(after.find(prefix), std::string::npos) << "a process of the case survived:\n" << lines_naming(after, needles);
  const auto left = server_processes_left(sshd, Seconds(15));
  EXPECT_TRUE(left.empty()) << "still running on the remote side:\n" << join(left);

  // The case's other side effects on the node are undone as well.
  EXPECT_FALSE(fs::exists("/var/run/dpdk/" + prefix));
  EXPECT_FALSE(fs::exists("/tmp/mpdts/" + prefix));
  EXPECT_FALSE(fs::exists("/run/netns/" + prefix));
  std::ifstream mounts("/proc/mounts");
  const std::string all((std::istreambuf_iterator<char>(mounts)), std::istreambuf_iterator<char>());
  EXPECT_EQ(all.find("/tmp/mpdts/" + prefix), std::string::npos) << all;
  // Ended by a second ssh command, not only by ending the local ssh client.
  for (long pid : pids)
    EXPECT_NE(out.find(fmt::format("on node sut: $ kill -s KILL -- -{}", pid)), std::string::npos) << out;
}

NodeSpec node_of(const SshServer& sshd) {
  NodeSpec spec;
  spec.name = "sut";
  spec.type = NodeSpec::Type::Ssh;
  spec.host = "127.0.0.1";
  spec.port = sshd.port();
  spec.user = "root";
  spec.key = sshd.client_key();
  spec.known_hosts = sshd.known_hosts();
  return spec;
}

// A remote target that ignores both hangup and SIGTERM: ending the local ssh client leaves it
// running; ending its RemoteProcess does not (SIGTERM to its group, then SIGKILL after the grace).
TEST(SshNode, EndsARemoteGroupThatIgnoresHangupAndTerm) {
  SshServer sshd;
  SshNode node(node_of(sshd));
  Transcript t;
  const std::string stubborn = "trap '' HUP TERM; echo mpdts-stubborn-ready; exec sleep 1000";
  const auto ready = [](const std::string& out) { return out.find("mpdts-stubborn-ready") != std::string::npos; };
  const auto group_in = [](const std::string& table, long pgid) {
    return boost::regex_search(table, boost::regex(fmt::format(R"((^|\n) *[0-9]+ +{} )", pgid)));
  };

  ASSERT_TRUE(node.exists("/"));  // connected: the master connection carries the client below too

  // Only the local client ended: the remote process is still there.
  {
    auto argv = node.ssh_argv(true, "echo mpdts-remote-pid=$$; " + stubborn);
    ChildProcess client(SpawnOptions{argv, "client-only", true, std::nullopt, {}}, t);
    ASSERT_TRUE(client.wait_output(ready, Deadline::in(Seconds(60)))) << t.text();
    const boost::regex pid_re(R"(mpdts-remote-pid=([0-9]+))");
    boost::smatch m;
    const auto out = client.unconsumed();
    ASSERT_TRUE(boost::regex_search(out, m, pid_re)) << out;
    const long pgid = std::stol(m[1].str());
    client.stop(Seconds(5));  // the local ssh client's group, as a harness without nodes would
    EXPECT_TRUE(group_in(remote_process_table(sshd), pgid))
        << "expected the remote process to outlive its local ssh client (it ignores SIGHUP)";
    EXPECT_TRUE(node.kill(-pgid, SIGKILL, &t)) << t.text();  // what RemoteProcess does for it
    EXPECT_FALSE(group_in(remote_process_table(sshd), pgid));
  }

  // Through the node: gone when its owner goes.
  auto process = node.spawn(SpawnOptions{{"sh", "-c", stubborn}, "stubborn", true, std::nullopt, {}}, t);
  ASSERT_TRUE(process->wait_output(ready, Deadline::in(Seconds(60)))) << t.text();
  const long pgid = dynamic_cast<RemoteProcess&>(*process).remote_pgid();
  const auto before = remote_process_table(sshd);
  EXPECT_TRUE(boost::regex_search(before, boost::regex(fmt::format(R"((^|\n) *{} +{} +sleep 1000)", pgid, pgid))))
      << lines_naming(before, {"sleep 1000"});
  process.reset();
  const auto after = remote_process_table(sshd);
  EXPECT_FALSE(group_in(after, pgid)) << lines_naming(after, {"sleep 1000"});
  const auto text = t.text();
  EXPECT_NE(text.find(fmt::format("kill -s TERM -- -{}", pgid)), std::string::npos) << text;
  EXPECT_NE(text.find(fmt::format("still running after 5.000s: SIGKILL to remote process group {}", pgid)),
            std::string::npos)
      << text;
}

}  // namespace
}  // namespace mpdts
