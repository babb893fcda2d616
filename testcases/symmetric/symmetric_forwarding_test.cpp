// The symmetric_mp case of the vdev primary/secondary plan, with real traffic on this host:
// testpmd sends on every queue of two vhost-user ports; a primary and its secondaries forward
// between the two virtio-user ports at the other end, each from its own queue; SIGINT stops them
// and their count lines must add up, per process and against what testpmd sent.
//
// When a process is up is read from the traffic, not from the application's own start-up lines
// (the plan shows none): a virtio ring holds kRingSize packets, so once testpmd has put more than
// a few rings' worth on queue n of both ports, process n is receiving from it.
#include <gtest/gtest.h>

#include <optional>

#include <fmt/format.h>

#include "core/progress.hpp"
#include "case_catalog.hpp"
#include "case_record.hpp"
#include "core/error.hpp"
#include "phase_clock.hpp"
#include "suite_context.hpp"
#include "symmetric/symmetric_bench.hpp"
#include "symmetric/symmetric_checks.hpp"
#include "symmetric/symmetric_plan.hpp"

namespace mpdts::symmetric {
namespace {

// Process n forwards once testpmd got this many packets through queue n of every port.
constexpr std::uint64_t kForwardingProof = 4 * SymmetricBench::kRingSize;
// How much traffic the case runs once every process forwards: this many more packets on every
// queue of every port, many rings' worth through every process at once. A bounded amount, not a
// time: a slow queue makes the case wait, up to kTrafficBudget, and fail if it never gets there.
// (Not a throughput test: the processes share the host's few CPUs.)
constexpr std::uint64_t kTrafficPerQueue = 256 * SymmetricBench::kRingSize;
constexpr Seconds kTrafficBudget{30};

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
      ADD_FAILURE() << e.what();
    }
  }

  void build_bench() { bench_.emplace(suite::topology(), GetParam().processes, transcript_); }

  static std::string who(const SymmetricApp& app) {
    return fmt::format("{} (--proc-id {})", app.name(), app.proc_id());
  }

  // testpmd's count on queue `q` of every vhost port, as "net_vhost0 Q, net_vhost1 Q".
  std::string queue_counts(const QueueCounts& counts, int q) const {
    std::string s;
    for (int p : bench_->ports())
      s += fmt::format("{}net_vhost{} {}", s.empty() ? "" : ", ", p, queue_count(counts, bench_->vhost_port(p), q));
    return s;
  }

  // Waits until process `app` receives from its queue on every port; false (reported) if it never does.
  bool wait_forwarding(SymmetricApp& app) {
    const int q = app.proc_id();
    const auto w = bench_->watch(
        [&](const QueueCounts& c) {
          for (int p : bench_->ports())
            if (queue_count(c, bench_->vhost_port(p), q) <= kForwardingProof) return false;
          return true;
        },
        Deadline::in(Seconds(suite::topology().timeouts.start)));
    if (w.reached) {
      transcript_.note("case", fmt::format("{} forwards: testpmd's TX queue {} counts {} after {}", who(app), q,
                                           queue_counts(w.last, q), format_seconds(w.waited)));
      return true;
    }
    if (!w.exited.empty())
      ADD_FAILURE() << w.exited;
    else
      ADD_FAILURE() << fmt::format(
          "{} is not forwarding: in {} (deadline {}s) testpmd's TX queue {} took only {} packets; a queue holds {} "
          "unread, so nothing receives from RX queue {} of the application's ports",
          who(app), format_seconds(w.waited), suite::topology().timeouts.start, q, queue_counts(w.last, q), SymmetricBench::kRingSize, q);
    return false;
  }

  // Every process forwards: let a bounded amount of traffic through every queue.
  void run_traffic() {
    const int n = GetParam().processes;
    const ProgressStep progress(fmt::format("traffic: {} packets per queue through {} processes", kTrafficPerQueue, n));
    const auto base = bench_->traffic().tx_queue_packets();
    const auto w = bench_->watch(
        [&](const QueueCounts& c) {
          for (int p : bench_->ports())
            for (int q = 0; q < n; ++q) {
              const int vp = bench_->vhost_port(p);
              if (queue_count(c, vp, q) < queue_count(base, vp, q) + kTrafficPerQueue) return false;
            }
          return true;
        },
        Deadline::in(kTrafficBudget));
    std::string per_queue;
    for (int q = 0; q < n; ++q) per_queue += fmt::format("\n  TX queue {}: {}", q, queue_counts(w.last, q));
    if (w.reached)
      transcript_.note("case", fmt::format("{} packets more on every queue after {}:{}", kTrafficPerQueue,
                                           format_seconds(w.waited), per_queue));
    else if (!w.exited.empty())
      ADD_FAILURE() << w.exited;
    else
      ADD_FAILURE() << fmt::format("traffic did not reach {} more packets on every queue in {}; testpmd counts:{}",
                                   kTrafficPerQueue, format_seconds(w.waited), per_queue);
  }

  // Stops every process with SIGINT, secondaries first (newest first), so none outlives its primary.
  std::vector<ProcessCounts> stop_all() {
    std::vector<ProcessCounts> counts;
    auto apps = bench_->processes();
    for (auto it = apps.rbegin(); it != apps.rend(); ++it) {
      auto stopped = (*it)->interrupt(Deadline::in(Seconds(suite::topology().timeouts.quit)));
      counts.insert(counts.begin(), ProcessCounts{who(**it), stopped.status, std::move(stopped.lines)});
    }
    return counts;
  }

  // What testpmd sent to each application port (through the vhost port connected to it).
  std::map<int, std::uint64_t> sent_per_port() {
    std::map<int, std::uint64_t> sent;
    // The processes' exits make testpmd log vhost disconnections in the middle of its replies: a
    // garbled reply is asked again, a few times.
    for (int attempt = 0; attempt < 3 && sent.size() < bench_->ports().size(); ++attempt) {
      const auto by_vhost = bench_->traffic().tx_packets();
      for (int p : bench_->ports())
        if (const auto it = by_vhost.find(bench_->vhost_port(p)); it != by_vhost.end()) sent[p] = it->second;
    }
    std::string note;
    for (const auto& [p, n] : sent) note += fmt::format(" port {} (net_vhost{}) {}", p, p, n);
    transcript_.note("case", "testpmd sent:" + note);
    return sent;
  }

  void forwarding_case() {
    const int n = GetParam().processes;
    auto& traffic = bench_->traffic();
    traffic.start_txonly();  // testpmd sends as soon as a virtio ring has room

    bool all_forward = true;
    for (int id = 0; id < n && all_forward; ++id) all_forward = wait_forwarding(bench_->start(id));
    if (all_forward) run_traffic();

    const auto counts = stop_all();
    traffic.stop();
    const auto sent = sent_per_port();

    const auto problems = check_forwarding(counts, bench_->ports(), sent);
    EXPECT_TRUE(problems.empty()) << "the counts after SIGINT do not hold up:\n" << problems;
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
