// Rollback of a hotplug that fails in exactly one process. Each case reads like its steps: start the
// processes in their namespaces, show the device works where its interface is, attach an unrelated
// device (so "as before" is not just "empty"), then the hotplug that must fail — the requester must
// report the failure and every process must be exactly as before — then show the group still works
// (a further hotplug succeeds everywhere) and quit. Which steps of the EAL commit's IPC scenarios
// each case walks through is in rollback_plan.cpp.
#include <gtest/gtest.h>

#include <optional>

#include <fmt/format.h>

#include "case_catalog.hpp"
#include "case_record.hpp"
#include "core/error.hpp"
#include "rollback/rollback_bench.hpp"
#include "rollback/rollback_checks.hpp"
#include "rollback/rollback_plan.hpp"
#include "phase_clock.hpp"
#include "suite_context.hpp"

namespace mpdts::rollback {
namespace {

// A device every process can probe: the one attached before the fault, and the one after it.
const std::string kUnrelated = "net_null0";
const std::string kAfterwards = "net_null1";

class FailedHotplug : public testing::TestWithParam<CaseParam> {
 public:
  void SetUp() override {
    suite::record_catalogued_case();
  }

  void TearDown() override {
    if (bench_) phases_.enter("cleanup");
    suite::end_case(bench_, transcript_, &phases_);  // every process stopped, both namespaces and the sandbox removed
  }

  void run(void (FailedHotplug::*steps)()) {
    try {
      (this->*steps)();
    } catch (const CaseAbort&) {
    } catch (const std::exception& e) {
      suite::harness_error(e);
    }
  }

  void build_bench() { bench_.emplace(suite::topology(), transcript_); }

  HotplugApp& member(const std::string& role) {
    for (auto* p : bench_->processes())
      if (p->name() == role) return *p;
    throw HarnessError("no running process is the " + role);
  }
  HotplugApp& requester() { return member(GetParam().requester.role); }
  std::string from() { return "from the " + bench_->describe(requester()); }

  Lists snapshot() {
    Lists lists;
    for (auto* p : bench_->processes()) lists.emplace_back(bench_->describe(*p), p->list());
    return lists;
  }

  // Every running process lists exactly `devices`, at one port id per device.
  void expect_every_list(const std::vector<std::string>& devices, const std::string& after_step) {
    const auto lists = snapshot();
    const auto problems = compare_with_expected(lists, std::vector<std::vector<std::string>>(lists.size(), devices));
    if (problems.empty()) return;
    MPDTS_CHECK_FAILED("rollback.list-exact") << "after " << after_step << ":\n" << problems;
    throw CaseAbort{};
  }

  void start(const Member& m) {
    bench_->start(m);
    transcript_.note("case", fmt::format("started {}", bench_->describe(member(m.role))));
  }

  void attach(HotplugApp& who, const std::string& devargs, const std::string& name, std::vector<std::string>& now) {
    require_success(who.attach(devargs), fmt::format("attach {} from the {}", devargs, bench_->describe(who)));
    now.push_back(name);
    expect_every_list(now, fmt::format("attaching {} from the {}", name, bench_->describe(who)));
  }

  void detach(HotplugApp& who, const std::string& name, std::vector<std::string>& now) {
    require_success(who.detach(name), fmt::format("detach {} from the {}", name, bench_->describe(who)));
    std::erase(now, name);
    expect_every_list(now, fmt::format("detaching {} from the {}", name, bench_->describe(who)));
  }

  // After the failed hotplug: every process as before, or the case fails naming who kept what.
  void expect_as_before(const Lists& before, const std::string& failed_step) {
    const auto problems = compare_with_before(before, snapshot());
    if (problems.empty()) return;
    MPDTS_CHECK_FAILED("rollback.list-unchanged")
        << "after " << failed_step << ", not every process is back to its state before it:\n" << problems;
    throw CaseAbort{};
  }

  // Secondaries first (newest first), the primary last: no secondary outlives its primary.
  void quit_all() {
    auto all = bench_->processes();
    for (auto it = all.rbegin(); it != all.rend(); ++it) {
      suite::expect_clean_quit((*it)->quit(), "the " + bench_->describe(**it));
    }
  }

  void attach_rollback_case() {
    const auto& layout = GetParam().layout;
    const auto& pcap = bench_->pcap_attach_args();
    const auto& name = bench_->pcap_name();
    std::vector<std::string> now;  // what every process lists

    // The processes beside the interface first (when the primary is one of them): the device attaches
    // and detaches there, so the failure that follows comes from the namespace, not from the device.
    std::size_t next = 0;
    while (next < layout.members.size() && layout.members[next].netns == Netns::WithIface) start(layout.members[next++]);
    if (next > 0) {
      transcript_.note("case", "control: the device works where its interface is");
      attach(member("primary"), pcap, name, now);
      detach(member("primary"), name, now);
    }
    while (next < layout.members.size()) start(layout.members[next++]);
    expect_every_list(now, "start-up (no device yet)");
    attach(member("primary"), kUnrelated, kUnrelated, now);

    // The attach that fails in one process.
    const auto before = snapshot();
    const auto step = fmt::format("the failed attach of {} {}", pcap, from());
    transcript_.note("case", step);
    std::string why;
    for (const auto& m : layout.members)
      if (m.netns == Netns::WithoutIface)
        why += (why.empty() ? "its probe fails in the " : ", and in the ") + bench_->describe(member(m.role));
    expect_failure_result(requester().attach(pcap), fmt::format("the attach of {} {}", pcap, from()), why);
    expect_as_before(before, step);

    // The group still works: no half-made port stands in the way of the next device.
    attach(requester(), kAfterwards, kAfterwards, now);
    quit_all();
  }

  void detach_rollback_case() {
    const auto& layout = GetParam().layout;
    const auto& pcap = bench_->pcap_attach_args();
    const auto& name = bench_->pcap_name();
    std::vector<std::string> now;

    for (const auto& m : layout.members)
      if (!m.late) start(m);
    expect_every_list(now, "start-up (no device yet)");
    attach(member("primary"), kUnrelated, kUnrelated, now);
    attach(member("primary"), pcap, name, now);

    // The late process's start-up probe of the device fails: it lists only the unrelated device.
    for (const auto& m : layout.members)
      if (m.late) {
        start(m);
        const Lists lists{{bench_->describe(member(m.role)), member(m.role).list()}};
        const auto problems = compare_with_expected(lists, {{kUnrelated}});
        if (!problems.empty()) {
          MPDTS_CHECK_FAILED("rollback.fault-took-effect")
              << "the fault did not take effect: the " << bench_->describe(member(m.role)) << " cannot open "
              << bench_->iface() << ", so its start-up probe of " << name
              << " must fail and leave it without that device; instead:\n"
              << problems << "(the detach rollback cannot be shown)";
          throw CaseAbort{};
        }
      }

    // The detach that fails in one process.
    const auto before = snapshot();
    const auto step = fmt::format("the failed detach of {} {}", name, from());
    transcript_.note("case", step);
    std::string why;
    for (const auto& m : layout.members)
      if (m.late)
        why += (why.empty() ? "" : ", ") + fmt::format("the {} never probed it", bench_->describe(member(m.role)));
    expect_failure_result(requester().detach(name), fmt::format("the detach of {} {}", name, from()), why);
    expect_as_before(before, step);

    // Once the processes that cannot hold the device are gone, the same detach works everywhere.
    for (const auto& m : layout.members)
      if (m.late) {
        auto& app = member(m.role);
        suite::expect_clean_quit(app.quit(), "the " + bench_->describe(app));
        bench_->retire(app);
      }
    detach(requester(), name, now);
    quit_all();
  }

  Transcript transcript_;
  suite::PhaseClock phases_;
  std::optional<RollbackBench> bench_;
};

TEST_P(FailedHotplug, Case) {
  const auto& c = GetParam();
  if (auto why = suite::missing_requirement(); !why.empty()) GTEST_SKIP() << why;
  transcript_.note("case", fmt::format("{} — {} (scenario: {})", c.layout.title, c.requester.id, c.layout.scenario));
  phases_.enter("start");  // the bench; the processes start within the steps
  run(&FailedHotplug::build_bench);
  if (!bench_) return;
  phases_.enter("steps");
  switch (c.layout.kind) {
    case Kind::AttachRollback: run(&FailedHotplug::attach_rollback_case); break;
    case Kind::DetachRollback: run(&FailedHotplug::detach_rollback_case); break;
  }
}

const bool kCatalogued = suite::catalogue_params("Rollback", "FailedHotplug", "Case", all_cases(), test_name, [](const CaseParam& c) {
  return suite::CatalogEntry{"hotplug_mp rollback", c.layout.title, {"rollback"}, missing_fault_reason};
});
INSTANTIATE_TEST_SUITE_P(Rollback, FailedHotplug, testing::ValuesIn(all_cases()),
                         [](const testing::TestParamInfo<CaseParam>& info) { return test_name(info.param); });

}  // namespace
}  // namespace mpdts::rollback
