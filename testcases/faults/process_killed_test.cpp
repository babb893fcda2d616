// Process faults in the middle of a hotplug case: the case itself kills one of its processes with
// SIGKILL, by PID, in the middle of the plan's repeat loop (af_packet, the embedded default's device),
// then goes on with the plan's next step. The case must end as FAIL within its deadlines, saying
// which process died and how, with its transcript; nothing may hang on the dead process. Then the
// case shows the prefix is usable again: a new secondary joins the surviving primary, or — the
// primary killed — the orphaned secondary quits and a new primary (a new process, the same prefix,
// --proc-type=auto) starts and serves a new secondary.
//
// These cases fail by design, so they are not part of the suite (mpdts_cases): they live in
// mpdts_fault_cases, which FaultVerdict (fault_verdict_test.cpp) runs and judges, together with a
// regular case after them that must start clean and pass.
#include <gtest/gtest.h>
#include <signal.h>

#include <optional>

#include <fmt/format.h>

#include "case_record.hpp"
#include "core/error.hpp"
#include "hotplug/hotplug_bench.hpp"
#include "hotplug/hotplug_checks.hpp"
#include "process/child_process.hpp"
#include "suite_context.hpp"

namespace mpdts::faults {
namespace {

using hotplug::CaseAbort;
using hotplug::Device;
using hotplug::expect_every_list;
using hotplug::expect_refused;
using hotplug::HotplugBench;
using hotplug::require_success;

enum class Victim { Secondary, Primary };

class ProcessKilled : public testing::TestWithParam<Victim> {
 public:
  void SetUp() override {
    suite::record_case("harness faults", victim_name() + " killed mid-loop", "faults");
  }

  void TearDown() override {
    suite::end_case(bench_, transcript_);
  }

  std::string victim_name() const { return GetParam() == Victim::Primary ? "primary" : "secondary"; }

  void run(void (ProcessKilled::*steps)()) {
    try {
      (this->*steps)();
    } catch (const CaseAbort&) {
    } catch (const std::exception& e) {
      ADD_FAILURE() << e.what();
    }
  }

  std::string dev() const { return bench_->device().listed_name; }

  // The fault: SIGKILL to the process itself, by its PID, as a crash or an OOM kill would end it.
  void kill_by_pid(HotplugApp& app) {
    auto* child = dynamic_cast<ChildProcess*>(&app.process());
    if (!child) throw HarnessError("the " + app.name() + " is not a host process");
    transcript_.note("case", fmt::format("fault: SIGKILL to the {} (pid {})", app.name(), child->pid()));
    child->signal(SIGKILL);
    // Its death is an event: wait for it, so the next step meets a dead process, not a dying one.
    if (!child->wait_exit(Deadline::in(Seconds(10))))
      throw HarnessError(fmt::format("the {} (pid {}) survived SIGKILL", app.name(), child->pid()));
  }

  // Every process of the case that has ended although nobody told it to quit: a failure of its own.
  void report_ended(const std::vector<HotplugApp*>& processes) {
    for (auto* p : processes)
      if (auto st = p->process().exit_status()) {
        auto* child = dynamic_cast<ChildProcess*>(&p->process());
        ADD_FAILURE() << "the " << p->name() << " (pid " << (child ? child->pid() : -1)
                      << ") ended during the case: " << st->describe();
      }
  }

  void quit(HotplugApp& app) {
    const auto status = app.quit();
    EXPECT_TRUE(status.code == 0 && status.signal == 0) << "the " << app.name() << " " << status.describe() << " on quit";
  }

  // The plan's repeat loop (af_packet), with the victim killed in round 1.
  void steps() {
    bench_.emplace(suite::topology(), Device::AfPacket, transcript_);
    primary_ = &bench_->start("primary");
    secondary_ = &bench_->start("secondary");
    expect_every_list({primary_, secondary_}, {}, "start-up (no device yet)");

    const auto& d = bench_->device();
    if (GetParam() == Victim::Secondary) {
      // RepeatVirtual from the primary; the secondary dies after round 1's attach.
      transcript_.note("case", "round 1 of 2");
      require_success(primary_->attach(d.attach_args), "attach " + d.attach_args + " from the primary");
      expect_every_list({primary_, secondary_}, {dev()}, "attaching " + dev() + " from the primary");
      kill_by_pid(*secondary_);
      expect_refused(primary_->attach(d.attach_args), "the duplicate attach " + d.attach_args + " from the primary");
      expect_every_list({primary_, secondary_}, {dev()}, "the duplicate attach from the primary");
    } else {
      // RepeatVirtual from the secondary; the primary dies before round 1's detach, which the
      // secondary can only do through its primary: it must answer, not hang.
      transcript_.note("case", "round 1 of 2");
      require_success(secondary_->attach(d.attach_args), "attach " + d.attach_args + " from the secondary");
      expect_every_list({primary_, secondary_}, {dev()}, "attaching " + dev() + " from the secondary");
      expect_refused(secondary_->attach(d.attach_args), "the duplicate attach " + d.attach_args + " from the secondary");
      kill_by_pid(*primary_);
      require_success(secondary_->detach(d.detach_args), "detach " + d.detach_args + " from the secondary");
      expect_every_list({primary_, secondary_}, {}, "detaching " + dev() + " from the secondary");
    }
    ADD_FAILURE() << "the case went on as if the " << victim_name() << " had not been killed";
  }

  // After the fault: the prefix serves a new process group member again.
  void recovery() {
    SCOPED_TRACE("recovery after the fault");
    transcript_.note("case", "recovery");
    const auto& d = bench_->device();
    if (GetParam() == Victim::Secondary) {
      // A new secondary joins the surviving primary and sees its device; the group works.
      auto& fresh = bench_->start("new secondary");
      expect_every_list({primary_, &fresh}, {dev()}, "a new secondary joined the primary");
      require_success(primary_->detach(d.detach_args), "detach " + d.detach_args + " from the primary");
      expect_every_list({primary_, &fresh}, {}, "detaching " + dev() + " from the primary");
      quit(fresh);
      quit(*primary_);
    } else {
      // A secondary cannot outlive its primary for long (it shares memory the primary owned; EAL
      // refuses a new primary while an old secondary holds it): the orphan quits first.
      const auto orphan = secondary_->quit();
      transcript_.note("case", "the orphaned secondary " + orphan.describe() + " on quit");
      auto& primary = bench_->start("new primary");
      auto& secondary = bench_->start("new secondary");
      expect_every_list({&primary, &secondary}, {}, "a new primary and secondary started on the same prefix");
      require_success(primary.attach(d.attach_args), "attach " + d.attach_args + " from the new primary");
      expect_every_list({&primary, &secondary}, {dev()}, "attaching " + dev() + " from the new primary");
      require_success(primary.detach(d.detach_args), "detach " + d.detach_args + " from the new primary");
      quit(secondary);
      quit(primary);
    }
  }

  Transcript transcript_;
  std::optional<HotplugBench> bench_;
  HotplugApp* primary_ = nullptr;
  HotplugApp* secondary_ = nullptr;
};

TEST_P(ProcessKilled, MidLoop) {
  if (auto why = hotplug::missing_device_reason(suite::topology(), Device::AfPacket); !why.empty()) GTEST_SKIP() << why;
  transcript_.note("case", "the " + victim_name() + " is killed (SIGKILL, by PID) in the middle of the repeat loop");
  run(&ProcessKilled::steps);
  if (!primary_ || !secondary_) return;  // the fault was never injected: the bench failed first
  report_ended({primary_, secondary_});
  run(&ProcessKilled::recovery);
}

INSTANTIATE_TEST_SUITE_P(Faults, ProcessKilled, testing::Values(Victim::Secondary, Victim::Primary),
                         [](const testing::TestParamInfo<Victim>& i) {
                           return i.param == Victim::Primary ? "Primary" : "Secondary";
                         });

}  // namespace
}  // namespace mpdts::faults
