// The "Hotplug on multi-processes" test plan, every case × direction. Each case reads like the plan:
// start primary then secondary, check the lists, bind/attach/detach from the side under test, check
// every process after every step, duplicates must fail, quit.
#include <gtest/gtest.h>

#include <optional>

#include <fmt/format.h>

#include "case_catalog.hpp"
#include "case_record.hpp"
#include "core/error.hpp"
#include "hotplug/hotplug_bench.hpp"
#include "hotplug/hotplug_checks.hpp"
#include "hotplug/hotplug_plan.hpp"
#include "phase_clock.hpp"
#include "suite_context.hpp"

namespace mpdts::hotplug {
namespace {

class Plan : public testing::TestWithParam<CaseParam> {
  // Public so the TEST_P body (a subclass) can name the step functions.
 public:
  void SetUp() override {
    suite::record_catalogued_case();
  }

  // The VM lab of a VM topology serves this suite's physical cases; it goes with the suite.
  static void TearDownTestSuite() { vm::release_lab(); }

  void TearDown() override {
    // In the guest: every port back on its kernel driver, the guest sandbox gone — checked.
    if (bench_) {
      phases_.enter("cleanup");
      for (const auto& problem : bench_->finish())
        MPDTS_CHECK_FAILED("vm.lab-clean") << "after the case: " << problem;
    }
    suite::end_case(bench_, transcript_, &phases_);
  }

  // The case's steps; a failed check or a harness error ends the case as FAIL.
  void run(void (Plan::*steps)()) {
    try {
      (this->*steps)();
    } catch (const CaseAbort&) {
    } catch (const std::exception& e) {
      suite::harness_error(e);
    }
  }

  void build_bench() {
    bench_.emplace(suite::topology(), GetParam().plan.device, transcript_);
    // In the guest: the record says TCG or KVM and how the guest came up; its boot is a phase.
    if (auto* lab_case = bench_->lab_case()) vm::record_lab(*lab_case, phases_);
  }

  HotplugApp& side(Side s) { return s == Side::Primary ? *primary_ : *secondary_; }
  std::vector<HotplugApp*> everyone() { return bench_->processes(); }
  std::string from(Side s) const { return "from the " + side_name(s); }

  // "Start sample code as primary then secondary"
  void start_primary_then_secondary() {
    primary_ = &bench_->start("primary");
    secondary_ = &bench_->start("secondary");
    phases_.enter("steps");
  }

  void attach(Side s) {
    const auto& dev = bench_->device();
    require_success(side(s).attach(dev.attach_args), fmt::format("attach {} {}", dev.attach_args, from(s)));
    expect_every_list(everyone(), {dev.listed_name}, fmt::format("attaching {} {}", dev.listed_name, from(s)));
  }

  void attach_again_fails(Side s) {
    const auto& dev = bench_->device();
    expect_refused(side(s).attach(dev.attach_args), fmt::format("the duplicate attach {} {}", dev.attach_args, from(s)));
    expect_every_list(everyone(), {dev.listed_name}, fmt::format("the duplicate attach {}", from(s)));
  }

  void detach(Side s) {
    const auto& dev = bench_->device();
    require_success(side(s).detach(dev.detach_args), fmt::format("detach {} {}", dev.detach_args, from(s)));
    expect_every_list(everyone(), {}, fmt::format("detaching {} {}", dev.detach_args, from(s)));
  }

  void detach_again_fails(Side s) {
    const auto& dev = bench_->device();
    expect_refused(side(s).detach(dev.detach_args), fmt::format("the duplicate detach {} {}", dev.detach_args, from(s)));
    expect_every_list(everyone(), {}, fmt::format("the duplicate detach {}", from(s)));
  }

  // "Quit primary and secondary processes" — secondary first, so no secondary outlives its primary.
  void quit_all() {
    for (auto* app : {secondary_, primary_}) {
      suite::expect_clean_quit(app->quit(), "the " + app->name());
    }
  }

  void attach_case() {
    const auto& c = GetParam();
    start_primary_then_secondary();
    expect_every_list(everyone(), {}, "start-up (no device yet)");
    if (c.plan.device == Device::Physical) bench_->bind_physical_port();  // bound after the processes start
    attach(c.direction.attach_from);
    quit_all();
  }

  void detach_case() {
    const auto& c = GetParam();
    if (c.plan.device == Device::Physical) {
      bench_->bind_physical_port();  // bound before the processes start: both probe it
      start_primary_then_secondary();
      expect_every_list(everyone(), {bench_->device().listed_name}, "start-up (the bound port is probed)");
    } else {
      start_primary_then_secondary();
      expect_every_list(everyone(), {}, "start-up (no device yet)");
      attach(c.direction.attach_from);
    }
    detach(c.direction.detach_from);
    quit_all();
  }

  void repeat_case() {
    const auto& c = GetParam();
    start_primary_then_secondary();
    expect_every_list(everyone(), {}, "start-up (no device yet)");
    if (c.plan.device == Device::Physical) bench_->bind_physical_port();
    for (int round = 1; round <= suite::topology().repeat; ++round) {
      const auto which = fmt::format("round {} of {}", round, suite::topology().repeat);
      transcript_.note("case", which);
      SCOPED_TRACE(which);  // a failure in the loop says which round it came from
      attach(c.direction.attach_from);
      attach_again_fails(c.direction.attach_from);
      detach(c.direction.detach_from);
      detach_again_fails(c.direction.detach_from);
    }
    quit_all();
  }

  Transcript transcript_;
  suite::PhaseClock phases_;
  std::optional<HotplugBench> bench_;
  HotplugApp* primary_ = nullptr;
  HotplugApp* secondary_ = nullptr;
};

TEST_P(Plan, Case) {
  const auto& c = GetParam();
  if (auto why = suite::missing_requirement(); !why.empty()) GTEST_SKIP() << why;
  transcript_.note("case", fmt::format("{} — {}", c.plan.title, c.direction.id));
  phases_.enter("start");
  run(&Plan::build_bench);
  if (!bench_) return;
  switch (c.plan.kind) {
    case Kind::Attach: run(&Plan::attach_case); break;
    case Kind::Detach: run(&Plan::detach_case); break;
    case Kind::Repeat: run(&Plan::repeat_case); break;
  }
}

const bool kCatalogued = suite::catalogue_params("HotplugMp", "Plan", "Case", all_cases(), test_name, [](const CaseParam& c) {
  return suite::CatalogEntry{"hotplug_mp", c.plan.title, {"hotplug", device_label(c.plan.device)},
                             [device = c.plan.device](const Topology& t) { return missing_device_reason(t, device); }};
});
INSTANTIATE_TEST_SUITE_P(HotplugMp, Plan, testing::ValuesIn(all_cases()),
                         [](const testing::TestParamInfo<CaseParam>& info) { return test_name(info.param); });

}  // namespace
}  // namespace mpdts::hotplug
