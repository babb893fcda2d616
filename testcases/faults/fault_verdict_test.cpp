// The harness reports process faults during a case: a process killed mid-loop (by the case, with
// SIGKILL), a target that never prompts, a target that dies of SIGSEGV. Each runs a cases binary as
// a subprocess and judges its verdict: the faulty case FAILs, saying which process ended and how (or
// what it waited for), within its deadline, with its transcript; the case after it starts clean and
// passes; and nothing of the run is left on the host (processes, DPDK runtime dirs, scratch dirs,
// hugetlbfs mounts, network namespaces).
#include <gtest/gtest.h>

#include <boost/regex.hpp>
#include <iostream>
#include <optional>
#include <sstream>

#include "faults/suite_run.hpp"

namespace mpdts::selftest {
namespace {

namespace fs = std::filesystem;

// The regular case run after a fault, with the project's real target: it must start clean and pass.
const std::string kNextAfPacket = "HotplugMp/Plan.Case/RepeatVirtual_FromPrimary";
const std::string kNextVhost = "HotplugMp/Plan.Case/RepeatVhostUser_FromPrimary";
// The command timeout of the embedded default and of the fake topologies (seconds).
constexpr double kCommandTimeout = 15;

// Seconds from the first transcript line containing `from` to the first later one containing `to`.
std::optional<double> seconds_between(const std::string& transcript, const std::string& from, const std::string& to) {
  const boost::regex stamp(R"(^\+\s*([0-9.]+)s )");
  std::istringstream in(transcript);
  std::string line;
  std::optional<double> start;
  while (std::getline(in, line)) {
    boost::smatch m;
    if (!boost::regex_search(line, m, stamp)) continue;
    const double at = std::stod(m[1]);
    if (!start && line.find(from) != std::string::npos) {
      start = at;
      continue;
    }
    if (start && line.find(to) != std::string::npos) return at - *start;
  }
  return std::nullopt;
}

// The first line of a failure that says something (gtest starts it with file:line and "Failed").
std::string headline(const std::string& failure) {
  const boost::regex noise(R"(^(\S+:[0-9]+(: Failure)?|Failed)$)");
  std::istringstream in(failure);
  for (std::string line; std::getline(in, line);)
    if (!line.empty() && !boost::regex_match(line, noise)) return line;
  return failure;
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// What every fault run must show: the faulty case failed saying `must_say` within `within` seconds,
// with a transcript; the next case ran after it and passed; the suite exited 1; nothing is left.
void expect_reported(const SuiteRun& run, const std::string& faulty, const std::vector<std::string>& must_say,
                     double within, const std::string& next) {
  ASSERT_EQ(run.cases().size(), 2u) << run.output();
  const auto* f = run.find(faulty);
  ASSERT_NE(f, nullptr) << run.output();
  EXPECT_FALSE(f->passed || f->skipped) << faulty << " did not fail:\n" << run.output();
  for (const auto& s : must_say)
    EXPECT_NE(f->all_failures().find(s), std::string::npos) << "the failure does not say '" << s << "':\n"
                                                            << f->all_failures();
  EXPECT_LT(f->seconds, within) << faulty << " took " << f->seconds << " s, over its deadline";
  const auto transcript = run.transcript(faulty);
  EXPECT_NE(transcript.find("EAL sandbox"), std::string::npos) << "no transcript for " << faulty;

  const auto* n = run.find(next);
  ASSERT_NE(n, nullptr) << run.output();
  EXPECT_TRUE(n->passed) << "the case after the fault did not pass:\n" << n->all_failures();
  EXPECT_EQ(&run.cases().back(), n) << "the regular case ran before the faulty one";

  EXPECT_EQ(run.status().code, 1) << run.status().describe() << "\n" << run.output();
  EXPECT_GE(run.prefixes().size(), 2u) << "the transcripts name no EAL prefix: the leftover check saw nothing";
  for (const auto& l : run.leftovers()) ADD_FAILURE() << l;
  std::cout << "[ verdict  ] " << faulty << ": FAIL in " << f->seconds << " s; " << next << ": "
            << (n->passed ? "PASS" : "FAIL") << " in " << n->seconds << " s; whole run " << run.duration().count()
            << " s\n";
  for (const auto& m : f->failures) std::cout << "[ message  ] " << headline(m) << "\n";
}

SuiteRun::Options fault_cases(const std::string& filter) {
  return {MPDTS_FAULT_CASES, std::nullopt, filter, {}, Seconds(600)};
}

SuiteRun::Options fake_target(const std::string& yaml, const std::string& filter) {
  return {MPDTS_CASES, fs::path(MPDTS_SOURCE_DIR) / "testcases/faults/fake" / yaml, filter,
          {{"MPDTS_HOTPLUG_MP", MPDTS_HOTPLUG_MP}}, Seconds(600)};
}

// (a) The case kills its secondary (SIGKILL, by PID) after round 1's attach.
TEST(FaultVerdict, SecondaryKilledMidLoop) {
  const std::string faulty = "Faults/ProcessKilled.MidLoop/Secondary";
  const SuiteRun run(fault_cases(faulty + ":" + kNextAfPacket));
  expect_reported(run, faulty, {"secondary killed by signal 9 (Killed)", "ended during the case: killed by signal 9"},
                  120, kNextAfPacket);
  const auto* f = run.find(faulty);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->all_failures().find("recovery after the fault"), std::string::npos)
      << "a new secondary could not join the surviving primary:\n" << f->all_failures();
  // Nothing waited for a timeout: the death is noticed at the next step.
  const auto t = run.transcript(faulty);
  const auto noticed = seconds_between(t, "fault: SIGKILL to the secondary", "while waiting for");
  ASSERT_TRUE(noticed) << t;
  EXPECT_LT(*noticed, kCommandTimeout) << t;
}

// (b) The case kills its primary (SIGKILL, by PID) before round 1's detach from the secondary.
TEST(FaultVerdict, PrimaryKilledMidLoop) {
  const std::string faulty = "Faults/ProcessKilled.MidLoop/Primary";
  const SuiteRun run(fault_cases(faulty + ":" + kNextAfPacket));
  expect_reported(run, faulty,
                  {"detach net_af_packet from the secondary must succeed, but it printed the failure result",
                   "the primary (pid", "ended during the case: killed by signal 9 (Killed)"},
                  120, kNextAfPacket);
  const auto* f = run.find(faulty);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->all_failures().find("recovery after the fault"), std::string::npos)
      << "no new primary could start on the prefix:\n" << f->all_failures();
  const auto t = run.transcript(faulty);
  // The secondary answered its detach without its primary, well before the command timeout.
  const auto answered = seconds_between(t, "fault: SIGKILL to the primary", "failed to detach device");
  ASSERT_TRUE(answered) << t;
  EXPECT_LT(*answered, kCommandTimeout) << t;
  // A new process on the same prefix became the primary, and a new secondary joined it.
  EXPECT_NE(t.find("new primary"), std::string::npos) << t;
  EXPECT_EQ(count(t, "Auto-detected process type: PRIMARY"), 2u) << t;
}

// (c) A target that never prompts: the case fails once timeouts.start (10 s) has passed.
TEST(FaultVerdict, TargetHangsWithoutPrompt) {
  const std::string faulty = "HotplugMp/Plan.Case/AttachVirtual_FromPrimary";
  const SuiteRun run(fake_target("hangs_without_prompt.yaml", faulty + ":" + kNextVhost));
  expect_reported(run, faulty, {"timed out waiting for the prompt 'example> ' from primary"}, 10 + 20, kNextVhost);
  const auto* f = run.find(faulty);
  ASSERT_NE(f, nullptr);
  EXPECT_GE(f->seconds, 10) << "it gave up before timeouts.start";
}

// (d) A target that dies of SIGSEGV on attach: the case fails at once, not after a timeout.
TEST(FaultVerdict, TargetCrashesOnAttach) {
  const std::string faulty = "HotplugMp/Plan.Case/AttachVirtual_FromPrimary";
  const SuiteRun run(fake_target("crashes_on_attach.yaml", faulty + ":" + kNextVhost));
  expect_reported(run, faulty, {"primary killed by signal 11 (Segmentation fault)"}, 60, kNextVhost);
  // Noticed when its output ended, not when the command's deadline passed.
  const auto t = run.transcript(faulty);
  const auto noticed = seconds_between(t, "> attach", "killed by signal 11");
  ASSERT_TRUE(noticed) << t;
  EXPECT_LT(*noticed, kCommandTimeout) << t;
}

}  // namespace
}  // namespace mpdts::selftest
