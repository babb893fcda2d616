// The port hotplug framework's rules, checked through dpdk-testpmd's interactive port commands.
// Each case reads like the rule's steps: start testpmd, attach, check the port summary of every
// running testpmd strictly after every step, detach, quit. A check that a DPDK release is recorded to
// fail (a known finding of the case table) passes only when it fails exactly as recorded, on a DPDK of
// the finding's range: the version the case's testpmd printed at start-up (EAL `-v`).
#include <gtest/gtest.h>

#include <algorithm>
#include <iostream>
#include <optional>

#include <fmt/format.h>

#include "case_catalog.hpp"
#include "case_record.hpp"
#include "core/error.hpp"
#include "mpdts/report/record_keys.hpp"
#include "phase_clock.hpp"
#include "suite_context.hpp"
#include "testpmd/testpmd_bench.hpp"
#include "testpmd/testpmd_checks.hpp"
#include "testpmd/testpmd_plan.hpp"
#include "vm/lab_case.hpp"

namespace mpdts::testpmd {
namespace {

struct CaseAbort {};  // a check failed unexpectedly (already reported): the case stops there
struct CaseEnd {};    // a recorded finding occurred whose later steps depend on the check: the case ends

using Mode = TestpmdBench::Mode;

class PortHotplug : public testing::TestWithParam<TestpmdCase> {
 public:
  void SetUp() override {
    const auto& c = GetParam();
    suite::record_catalogued_case();
    ledger_.emplace(c.known_findings);
  }

  // The VM lab of a VM topology serves this suite's physical cases; it goes with the suite.
  static void TearDownTestSuite() { vm::release_lab(); }

  void TearDown() override {
    // Processes first; in the guest then the port back on its kernel driver, the guest sandbox gone — checked.
    if (bench_) {
      phases_.enter("cleanup");
      for (const auto& problem : bench_->finish())
        MPDTS_CHECK_FAILED("vm.lab-clean") << "after the case: " << problem;
    }
    suite::end_case(bench_, transcript_, &phases_);
  }

  // The case's steps. A failed check or a harness error ends the case as FAIL; a recorded finding
  // that ends the case still quits the processes. At the end every recorded finding must have occurred.
  void run_case(void (PortHotplug::*steps)()) {
    try {
      try {
        (this->*steps)();
      } catch (const CaseEnd&) {
        quit_all();
      }
    } catch (const CaseAbort&) {
      return;
    } catch (const std::exception& e) {
      suite::harness_error(e);
      return;
    }
    for (const auto& f : ledger_->missing())
      MPDTS_CHECK_FAILED("testpmd.finding-occurred")
          << "[" << f.check << "] the finding recorded on " << f.seen_on.describe() << " did not occur on "
          << ledger_->running_text() << " (its check passed, or the case ended before it): " << f.finding
          << "\nThe DPDK under test behaves as the rule says: narrow the finding's range (seen_on) in the "
          << "case table (testcases/testpmd/testpmd_plan.cpp) so that it ends before this release.";
  }

  // One check: `problem` is "" when it passed.
  void check(const std::string& id, const std::string& step, const std::string& problem) {
    if (problem.empty()) return;
    if (const auto* f = ledger_->failed(id, problem)) {
      record_finding(*f, step, problem);
      if (f->ends_case) throw CaseEnd{};
      return;
    }
    const auto why = ledger_->why_not_finding(id, problem);
    MPDTS_CHECK_FAILED("testpmd." + id) << step << " " << problem << (why.empty() ? "" : "\n(" + why + ")")
                  << "\n-- transcript tail:\n" << transcript_.tail(30);
    throw CaseAbort{};
  }

  void record_finding(const KnownFinding& f, const std::string& step, const std::string& problem) {
    const std::string observed = fmt::format("{} {}", step, problem);
    const std::string seen = fmt::format("Seen on {}; this run: {}.", f.seen_on.describe(), ledger_->running_text());
    testing::Test::RecordProperty(
        fmt::format("{}{}]", report::property::kKnownFindingPrefix, f.check),
        fmt::format("{}\n{}\nEvidence: {}\nObserved: {}", f.finding, seen, f.evidence, observed));
    transcript_.note("case", fmt::format("KNOWN FINDING [{}] (expected failure, recorded): {} {} Evidence: {}", f.check,
                                         f.finding, seen, f.evidence));
    const auto* info = testing::UnitTest::GetInstance()->current_test_info();
    std::cout << "[ FINDING  ] " << info->test_suite_name() << "." << info->name() << " [" << f.check << "] ("
              << f.seen_on.describe() << "): " << f.finding << std::endl;
  }

  void build_bench() {
    bench_.emplace(suite::topology(), GetParam().device, transcript_);
    // In the guest: the record says TCG or KVM and how the guest came up; its boot is a phase.
    if (auto* lab_case = bench_->lab_case()) vm::record_lab(*lab_case, phases_);
  }
  const PortDevice& dev() const { return bench_->device(); }

  TestpmdSession& start(const std::string& role, Mode mode) {
    auto& s = bench_->start(role, mode);
    processes_.push_back(&s);
    note_dpdk_version(s);
    return s;
  }

  // The DPDK that runs the case, as its testpmd's EAL said (`-v`, from the sandbox): the findings apply
  // only to their releases. Every process of a case must say the same version, or the version is
  // unknown. (The case record's dpdk_version property is read from the same lines of the transcript.)
  void note_dpdk_version(const TestpmdSession& s) {
    const auto& v = s.dpdk_version();
    transcript_.note("case", fmt::format("the {} runs {}", s.name(),
                                         v ? v->text : "an unknown DPDK (its EAL printed no \"RTE Version\" line): "
                                                       "no recorded finding applies"));
    if (processes_.size() == 1) {
      ledger_->set_running(v);
    } else if (ledger_->running() && (!v || v->text != ledger_->running()->text)) {
      transcript_.note("case", fmt::format("the processes run different DPDKs ({} and {}): no recorded finding "
                                           "applies", ledger_->running()->text, v ? v->text : "unknown"));
      ledger_->set_running(std::nullopt);
    }
  }
  TestpmdSession& side(Side s) { return s == Side::Primary ? *processes_.at(0) : *processes_.at(1); }
  std::string in(TestpmdSession& s) const { return "in the " + s.name(); }

  // "show port summary all" in EVERY running testpmd lists exactly `expected`.
  void expect_lists(const ExpectedPorts& expected, const std::string& after_step) {
    std::string problems;
    for (auto* p : processes_) problems += listing_problems(*p, p->summary(), expected);
    check("lists-expected-ports", "after " + after_step + ":", problems.empty() ? "" : "\n" + problems);
  }
  static std::string listing_problems(const TestpmdSession& p, const PortSummary& summary,
                                      const ExpectedPorts& expected) {
    const auto pr = summary_problems(summary, expected);
    return pr.empty() ? "" : fmt::format("the {}'s `show port summary all`:\n{}", p.name(), pr);
  }

  // `port attach <devargs>` that must add one port; returns its id.
  int attach(TestpmdSession& s, const PortDevice& d, const std::string& check_id = "attach-adds-port") {
    const auto reply = s.attach(d.devargs);
    int port = -1;
    check(check_id, fmt::format("`port attach {}` {}", d.devargs, in(s)), attach_problems(reply, &port));
    return port;
  }

  void port_command(TestpmdSession& s, const std::string& command, int port) {
    PortCommandReply r = command == "start" ? s.start_port(port) : command == "stop" ? s.stop_port(port)
                                                                                      : s.close_port(port);
    check("port-" + command, fmt::format("`port {} {}` {}", command, port, in(s)),
          port_command_problems(r, command, port));
  }

  // One testpmd, with no port yet: how each single-process rule starts.
  TestpmdSession& start_single() {
    auto& tp = start("testpmd", Mode::Single);
    expect_lists({}, "start-up (no port yet)");
    return tp;
  }

  // A port that stays attached while the rule's device comes and goes (so a reused port id shows),
  // then the device bound to its DPDK driver; returns the anchor's port id.
  int attach_anchor(TestpmdSession& tp, const PortDevice& anchor) {
    const int port = attach(tp, anchor);
    expect_lists({{port, anchor.name}}, "attaching " + anchor.name);
    bench_->bind_physical_port();
    return port;
  }

  // The device bound to its DPDK driver, attached as the only port, and started; returns its id.
  int attach_and_start_device(TestpmdSession& tp) {
    bench_->bind_physical_port();
    const int port = attach(tp, dev());
    expect_lists({{port, dev().name}}, "attaching " + dev().name);
    port_command(tp, "start", port);
    return port;
  }

  // Secondary first, so that no secondary outlives its primary; each must exit with code 0.
  void quit_all() {
    for (auto it = processes_.rbegin(); it != processes_.rend(); ++it) {
      suite::expect_clean_quit((*it)->quit(), "the " + (*it)->name());
    }
    processes_.clear();
  }

  // Rule: attach returns the new port's id, which the summary lists; a duplicate fails and changes nothing.
  void attach_case() {
    auto& tp = start_single();
    const auto anchor = anchor_device();
    const int anchor_port = attach_anchor(tp, anchor);
    const int port = attach(tp, dev());
    check("new-port-id", fmt::format("`port attach {}`", dev().devargs),
          port == anchor_port ? fmt::format("gave port {}, the id of {} which is still attached", port, anchor.name)
                              : "");
    expect_lists({{anchor_port, anchor.name}, {port, dev().name}}, "attaching " + dev().name);

    const auto before = tp.summary();
    const auto duplicate = tp.attach(dev().devargs);
    check("duplicate-attach-fails", fmt::format("the duplicate `port attach {}`", dev().devargs),
          refused_attach_problems(duplicate));
    check("duplicate-changes-nothing", "after the duplicate attach:", unchanged_problems(before, tp.summary()));
    quit_all();
  }

  // Rule: a started port cannot be detached; once stopped and closed it can, and the device is free again.
  void detach_after_stop_close_case() {
    auto& tp = start_single();
    const int port = attach_and_start_device(tp);

    const auto started = tp.summary();
    check("detach-started-refused", fmt::format("`port detach {}` of the started port", port),
          refused_detach_problems(tp.detach(port)));
    check("started-port-unchanged", "after the refused detach:", unchanged_problems(started, tp.summary()));

    port_command(tp, "stop", port);
    port_command(tp, "close", port);
    check("detach-after-close", fmt::format("`port detach {}` of the stopped and closed port", port),
          detach_problems(tp.detach(port)));
    expect_lists({}, "stopping, closing and detaching port " + std::to_string(port));

    const auto again = tp.attach(dev().devargs);
    int again_port = -1;
    check("device-free-after-detach", fmt::format("attaching {} again after its detach:", dev().devargs),
          attach_problems(again, &again_port));
    if (again_port >= 0) expect_lists({{again_port, dev().name}}, "attaching " + dev().name + " again");
    quit_all();
  }

  // Rule: a port is closed before its device is removed; testpmd closes a stopped port itself.
  void detach_stopped_port_case() {
    auto& tp = start_single();
    const int port = attach_and_start_device(tp);
    port_command(tp, "stop", port);

    const auto reply = tp.detach(port);
    const std::string step = fmt::format("`port detach {}` of the stopped port", port);
    check("detach-stopped-port", step, detach_problems(reply));
    check("closed-before-detach", step, closed_before_detach_problems(reply, port));
    expect_lists({}, "detaching port " + std::to_string(port));

    const int again = attach(tp, dev(), "device-free-after-detach");
    expect_lists({{again, dev().name}}, "attaching " + dev().name + " again");
    quit_all();
  }

  // Rule: attach/detach repeated gives the same port id every round and leaves no port behind.
  void repeat_case() {
    auto& tp = start_single();
    const auto anchor = anchor_device();
    const int anchor_port = attach_anchor(tp, anchor);

    int first = -1;
    for (int round = 1; round <= kRepeatRounds; ++round) {
      const auto which = fmt::format("round {} of {}", round, kRepeatRounds);
      transcript_.note("case", which);
      SCOPED_TRACE(which);
      const int port = attach(tp, dev());
      if (round == 1) first = port;
      check("same-port-id", which + ":",
            port == first ? "" : fmt::format("the attach gave port {}, round 1 gave port {} (freed since)", port, first));
      expect_lists({{anchor_port, anchor.name}, {port, dev().name}}, which + ", attaching " + dev().name);
      port_command(tp, "start", port);
      port_command(tp, "stop", port);
      check("detach", fmt::format("{}: `port detach {}`", which, port), detach_problems(tp.detach(port)));
      expect_lists({{anchor_port, anchor.name}}, which + ", detaching port " + std::to_string(port));
    }
    quit_all();
  }

  // Rule: in a primary + secondary pair, a port attached or detached by one is listed or gone in both.
  void multi_process_case() {
    const auto& dir = *GetParam().direction;
    start("primary", Mode::Primary);
    start("secondary", Mode::Secondary);
    expect_lists({}, "start-up (no port yet)");
    bench_->bind_physical_port();

    int first = -1;
    for (int round = 1; round <= kMultiProcessRounds; ++round) {
      const auto which = fmt::format("round {} of {}", round, kMultiProcessRounds);
      transcript_.note("case", which);
      SCOPED_TRACE(which);
      auto& attacher = side(dir.attach_from);
      auto& detacher = side(dir.detach_from);
      const int port = attach(attacher, dev());
      if (round == 1) first = port;
      check("same-port-id", which + ":",
            port == first ? "" : fmt::format("the attach gave port {}, round 1 gave port {} (freed since)", port, first));
      expect_lists({{port, dev().name}}, fmt::format("{}, attaching {} {}", which, dev().name, in(attacher)));

      // The detaching process stops the port first, as the rule asks (a no-op for a port never started).
      port_command(detacher, "stop", port);
      const bool across = &attacher != &detacher;
      check(across ? "detach-from-other-process" : "detach",
            fmt::format("{}: `port detach {}` {}", which, port, in(detacher)), detach_problems(detacher.detach(port)));
      expect_lists({}, fmt::format("{}, detaching port {} {}", which, port, in(detacher)));
    }
    quit_all();
  }

  // Rule (multi-process): an attach reports the one port it added, even when the other process
  // attached a port before.
  void multi_process_attach_reply_case() {
    const auto& dir = *GetParam().direction;
    start("primary", Mode::Primary);
    start("secondary", Mode::Secondary);
    expect_lists({}, "start-up (no port yet)");
    auto& attacher = side(dir.attach_from);
    auto& other = side(dir.attach_from == Side::Primary ? Side::Secondary : Side::Primary);

    const auto anchor = anchor_device();
    const int anchor_port = attach(other, anchor);
    expect_lists({{anchor_port, anchor.name}}, fmt::format("attaching {} {}", anchor.name, in(other)));
    bench_->bind_physical_port();

    const auto reply = attacher.attach(dev().devargs);
    int port = -1;
    check("attach-reports-only-its-port", fmt::format("`port attach {}` {}", dev().devargs, in(attacher)),
          attach_problems(reply, &port));
    // The new port is the one the reply names that is not the other process's (also when it names both).
    for (int p : reply.attached)
      if (p != anchor_port) port = p;
    check("new-port-id", "the attach:", port < 0 ? "named no new port" : "");
    expect_lists({{anchor_port, anchor.name}, {port, dev().name}},
                 fmt::format("attaching {} {}", dev().name, in(attacher)));
    quit_all();
  }

  // Rule (multi-process): after the primary stops and closes a port, the secondary still answers
  // `show port summary all` with its prompt, and both list the same ports (none).
  void secondary_after_primary_close_case() {
    auto& primary = start("primary", Mode::Primary);
    auto& secondary = start("secondary", Mode::Secondary);
    expect_lists({}, "start-up (no port yet)");
    bench_->bind_physical_port();

    const int port = attach(primary, dev());
    expect_lists({{port, dev().name}}, fmt::format("attaching {} {}", dev().name, in(primary)));
    port_command(primary, "stop", port);
    port_command(primary, "close", port);
    const auto step = fmt::format("after the primary's `port close {}`:", port);
    const auto listed = listing_problems(primary, primary.summary(), {});
    check("lists-expected-ports", step, listed.empty() ? "" : "\n" + listed);

    const auto answer = secondary.summary_or_exit();
    if (answer.exit) {
      // It is gone: record how, and leave it out of the processes still to check and quit.
      const auto how = exit_text(*answer.exit);
      testing::Test::RecordProperty("secondary_exit", how);
      transcript_.note("case", fmt::format("the secondary died running `show port summary all`: {} ({})", how,
                                           answer.exit->describe()));
      processes_.erase(std::find(processes_.begin(), processes_.end(), &secondary));
    }
    check("secondary-answers-after-close", "`show port summary all` in the secondary " + step,
          answered_problems(answer.exit, answer.printed));
    const auto secondary_listed = listing_problems(secondary, *answer.summary, {});
    check("lists-expected-ports", step, secondary_listed.empty() ? "" : "\n" + secondary_listed);
    quit_all();
  }

  Transcript transcript_;
  suite::PhaseClock phases_;
  std::optional<TestpmdBench> bench_;
  std::optional<FindingLedger> ledger_;
  std::vector<TestpmdSession*> processes_;  // running, in start order (primary first)
};

TEST_P(PortHotplug, Case) {
  const auto& c = GetParam();
  if (auto why = suite::missing_requirement(); !why.empty()) GTEST_SKIP() << why;
  transcript_.note("case", fmt::format("{} — {}", c.title, test_name(c)));
  phases_.enter("start");  // the bench; testpmd starts within the steps
  try {
    build_bench();
  } catch (const std::exception& e) {
    MPDTS_CHECK_FAILED(suite::harness_error_check(e.what())) << "setting up the bench: " << e.what();
    return;
  }
  phases_.enter("steps");
  switch (c.rule) {
    case Rule::Attach: run_case(&PortHotplug::attach_case); break;
    case Rule::DetachAfterStopClose: run_case(&PortHotplug::detach_after_stop_close_case); break;
    case Rule::DetachStoppedPort: run_case(&PortHotplug::detach_stopped_port_case); break;
    case Rule::Repeat: run_case(&PortHotplug::repeat_case); break;
    case Rule::MultiProcess: run_case(&PortHotplug::multi_process_case); break;
    case Rule::MultiProcessAttachReply: run_case(&PortHotplug::multi_process_attach_reply_case); break;
    case Rule::SecondaryAfterPrimaryClose: run_case(&PortHotplug::secondary_after_primary_close_case); break;
  }
}

const bool kCatalogued = suite::catalogue_params("Testpmd", "PortHotplug", "Case", all_cases(), test_name, [](const TestpmdCase& c) {
  return suite::CatalogEntry{
      "testpmd_port_hotplug", c.title,
      c.device == Device::Physical ? std::vector<std::string>{"testpmd", "physical"} : std::vector<std::string>{"testpmd"},
      [device = c.device](const Topology& t) { return missing_device_reason(t, device); }};
});
INSTANTIATE_TEST_SUITE_P(Testpmd, PortHotplug, testing::ValuesIn(all_cases()),
                         [](const testing::TestParamInfo<TestpmdCase>& info) { return test_name(info.param); });

}  // namespace
}  // namespace mpdts::testpmd
