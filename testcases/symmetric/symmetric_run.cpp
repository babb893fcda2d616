#include "symmetric/symmetric_run.hpp"

#include <gtest/gtest.h>

#include <fmt/format.h>

#include "core/progress.hpp"

namespace mpdts::symmetric {
namespace {

// Process n forwards once testpmd got this many packets through queue n of every port.
constexpr std::uint64_t kForwardingProof = 4 * SymmetricBench::kRingSize;
// How much traffic the case runs once every process forwards: this many more packets on every
// queue of every port, many rings' worth through every process at once. A bounded amount, not a
// time: a slow queue makes the case wait, up to the traffic budget, and fail if it never gets
// there. (Not a throughput test: the processes share the host's few CPUs.)
constexpr std::uint64_t kTrafficPerQueue = 256 * SymmetricBench::kRingSize;

std::string who(const SymmetricApp& app) { return fmt::format("{} (--proc-id {})", app.name(), app.proc_id()); }

class Steps {
 public:
  Steps(SymmetricBench& bench, int processes, Transcript& transcript, const RunOptions& options)
      : bench_(bench), processes_(processes), transcript_(transcript), options_(options) {}

  // testpmd's count on queue `q` of every vhost port, as "net_vhost0 Q, net_vhost1 Q".
  std::string queue_counts(const QueueCounts& counts, int q) const {
    std::string s;
    for (int p : bench_.ports())
      s += fmt::format("{}net_vhost{} {}", s.empty() ? "" : ", ", p, queue_count(counts, bench_.vhost_port(p), q));
    return s;
  }

  // Waits until process `app` receives from its queue on every port; false (reported) if it never does.
  bool wait_forwarding(SymmetricApp& app) {
    const int q = app.proc_id();
    const auto w = bench_.watch(
        [&](const QueueCounts& c) {
          for (int p : bench_.ports())
            if (queue_count(c, bench_.vhost_port(p), q) <= kForwardingProof) return false;
          return true;
        },
        Deadline::in(options_.start_timeout));
    if (w.reached) {
      transcript_.note("case", fmt::format("{} forwards: testpmd's TX queue {} counts {} after {}", who(app), q,
                                           queue_counts(w.last, q), format_seconds(w.waited)));
      return true;
    }
    if (!w.exited.empty())
      ADD_FAILURE() << w.exited;
    else
      ADD_FAILURE() << fmt::format(
          "{} is not forwarding: in {} (deadline {}) testpmd's TX queue {} took only {} packets; a queue holds {} "
          "unread, so nothing receives from RX queue {} of the application's ports",
          who(app), format_seconds(w.waited), format_seconds(options_.start_timeout), q, queue_counts(w.last, q),
          SymmetricBench::kRingSize, q);
    return false;
  }

  // Every process forwards: let a bounded amount of traffic through every queue.
  void run_traffic() {
    const ProgressStep progress(
        fmt::format("traffic: {} packets per queue through {} processes", kTrafficPerQueue, processes_));
    const auto base = bench_.queue_packets();
    const auto w = bench_.watch(
        [&](const QueueCounts& c) {
          for (int p : bench_.ports())
            for (int q = 0; q < processes_; ++q) {
              const int vp = bench_.vhost_port(p);
              if (queue_count(c, vp, q) < queue_count(base, vp, q) + kTrafficPerQueue) return false;
            }
          return true;
        },
        Deadline::in(options_.traffic_budget));
    std::string per_queue;
    for (int q = 0; q < processes_; ++q) per_queue += fmt::format("\n  TX queue {}: {}", q, queue_counts(w.last, q));
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
  void stop_all(RunResult& result) {
    auto apps = bench_.processes();
    result.counts.resize(apps.size());
    result.outputs.resize(apps.size());
    for (std::size_t i = apps.size(); i-- > 0;) {
      auto stopped = apps[i]->interrupt(Deadline::in(options_.quit_timeout));
      result.counts[i] = ProcessCounts{who(*apps[i]), stopped.status, std::move(stopped.lines)};
      result.outputs[i] = std::move(stopped.output);
    }
  }

  // What testpmd sent to each application port (through the vhost port connected to it).
  std::map<int, std::uint64_t> sent_per_port() {
    std::map<int, std::uint64_t> sent;
    // The processes' exits make testpmd log vhost disconnections in the middle of its replies: a
    // garbled reply is asked again, a few times.
    for (int attempt = 0; attempt < 3 && sent.size() < bench_.ports().size(); ++attempt) {
      const auto by_vhost = bench_.sent_packets();
      for (int p : bench_.ports())
        if (const auto it = by_vhost.find(bench_.vhost_port(p)); it != by_vhost.end()) sent[p] = it->second;
    }
    std::string note;
    for (const auto& [p, n] : sent) note += fmt::format(" port {} (net_vhost{}) {}", p, p, n);
    transcript_.note("case", "testpmd sent:" + note);
    return sent;
  }

  RunResult run() {
    RunResult result;
    auto& traffic = bench_.traffic();
    traffic.start_txonly();  // "set fwd txonly", "start": testpmd sends as soon as a virtio ring has room

    bool all_forward = true;
    for (int id = 0; id < processes_ && all_forward; ++id)
      all_forward = wait_forwarding(bench_.start(id, options_.app_args));
    if (all_forward) run_traffic();
    result.all_forwarded = all_forward;

    stop_all(result);
    traffic.stop();
    const auto sent = sent_per_port();

    const auto problems = check_forwarding(result.counts, bench_.ports(), sent);
    EXPECT_TRUE(problems.empty()) << "the counts after SIGINT do not hold up:\n" << problems;
    return result;
  }

 private:
  SymmetricBench& bench_;
  int processes_;
  Transcript& transcript_;
  const RunOptions& options_;
};

}  // namespace

RunResult run_forwarding_case(SymmetricBench& bench, int processes, Transcript& transcript, const RunOptions& options) {
  return Steps(bench, processes, transcript, options).run();
}

}  // namespace mpdts::symmetric
