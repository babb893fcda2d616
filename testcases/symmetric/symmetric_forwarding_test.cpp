// The symmetric_mp case of the vdev primary/secondary plan, with real traffic on this host:
// testpmd sends on every queue of two vhost-user ports; a primary and its secondaries forward
// between the two virtio-user ports at the other end, each from its own queue; SIGINT stops them
// and their count lines must add up, per process and against what testpmd sent (symmetric_run).
#include <gtest/gtest.h>

#include <optional>

#include <fmt/format.h>

#include "case_catalog.hpp"
#include "case_record.hpp"
#include "core/error.hpp"
#include "phase_clock.hpp"
#include "suite_context.hpp"
#include "symmetric/symmetric_bench.hpp"
#include "symmetric/symmetric_checks.hpp"
#include "symmetric/symmetric_plan.hpp"
#include "symmetric/symmetric_run.hpp"

namespace mpdts::symmetric {
namespace {

class Forwarding : public testing::TestWithParam<ForwardingCase> {
 public:
  void SetUp() override { suite::record_catalogued_case(); }

  void TearDown() override {
    std::vector<std::string> made;
    if (bench_) made = bench_->made();
    if (bench_) phases_.enter("cleanup");
    bench_.reset();  // processes, then testpmd, then sockets, page files, mount and runtime dirs
    phases_.record();
    suite::expect_nothing_left(made);
    suite::write_transcript(transcript_);
  }

  void run(void (Forwarding::*steps)()) {
    try {
      (this->*steps)();
    } catch (const std::exception& e) {
      suite::harness_error(e);
    }
  }

  void build_bench() { bench_.emplace(suite::topology(), GetParam().processes, transcript_); }

  void forwarding_case() {
    RunOptions options;
    options.start_timeout = Seconds(suite::topology().timeouts.start);
    options.quit_timeout = Seconds(suite::topology().timeouts.quit);
    // The bounded traffic takes well under a second here; a forwarder that stops reading is given
    // as long as a process is given to start.
    options.traffic_budget = Seconds(suite::topology().timeouts.start);
    run_forwarding_case(*bench_, GetParam().processes, transcript_, options);
  }

  Transcript transcript_;
  suite::PhaseClock phases_;
  std::optional<SymmetricBench> bench_;
};

TEST_P(Forwarding, Case) {
  if (auto why = suite::missing_requirement(); !why.empty()) GTEST_SKIP() << why;
  transcript_.note(
      "case", fmt::format("{}: {} processes, -p {:x}", kPlanCase, GetParam().processes, SymmetricBench::kPortMask));
  phases_.enter("start");  // sandbox and testpmd; the processes start within the steps
  run(&Forwarding::build_bench);
  if (!bench_) return;
  phases_.enter("steps");
  run(&Forwarding::forwarding_case);
}

const bool kCatalogued = suite::catalogue_params(
    "SymmetricMp", "Forwarding", "Case", forwarding_cases(), [](const ForwardingCase& c) { return c.id; },
    [](const ForwardingCase&) {
      return suite::CatalogEntry{kPlan, kPlanCase, {"symmetric"},
                                 [](const Topology& t) { return missing_device_reason(t); }};
    });
INSTANTIATE_TEST_SUITE_P(SymmetricMp, Forwarding, testing::ValuesIn(forwarding_cases()),
                         [](const testing::TestParamInfo<ForwardingCase>& info) { return info.param.id; });

}  // namespace
}  // namespace mpdts::symmetric
