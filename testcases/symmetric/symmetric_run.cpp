#include "symmetric/symmetric_run.hpp"

#include <gtest/gtest.h>

#include <fmt/format.h>

#include "check_ids.hpp"
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
// A one-way probe sends this many packets per queue to one port alone: far more than can be in the
// rings from before the probe, so a process that sends them back out of the same port shows.
constexpr std::uint64_t kProbePerQueue = 16 * SymmetricBench::kRingSize;
// Packets a process may have sent that testpmd never reads, per queue: a ring's worth still queued
// towards testpmd when the process stops and its port goes away.
constexpr std::uint64_t kInFlightPerQueue = SymmetricBench::kRingSize;
// In a probe, per queue: what was queued towards testpmd on the probed port, plus what the process
// still had to forward from its pair (its receive ring and a burst in hand, twice).
constexpr std::uint64_t kProbeInFlightPerQueue = 2 * SymmetricBench::kRingSize + 64;

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
      MPDTS_CHECK_FAILED("case.process-ended") << w.exited;
    else
      MPDTS_CHECK_FAILED("symmetric.forwarding-starts") << fmt::format(
          "{} is not forwarding: in {} (deadline {}) testpmd's TX queue {} took only {} packets; a queue holds {} "
          "unread, so nothing receives from RX queue {} of the application's ports",
          who(app), format_seconds(w.waited), format_seconds(options_.start_timeout), q, queue_counts(w.last, q),
          SymmetricBench::kRingSize, q);
    return false;
  }

  // Every process forwards: let a bounded amount of traffic through every queue. False (reported)
  // when it does not get through in time.
  bool run_traffic() {
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
    if (w.reached) {
      transcript_.note("case", fmt::format("{} packets more on every queue after {}:{}", kTrafficPerQueue,
                                           format_seconds(w.waited), per_queue));
      return true;
    }
    if (!w.exited.empty())
      MPDTS_CHECK_FAILED("case.process-ended") << w.exited;
    else
      MPDTS_CHECK_FAILED("symmetric.traffic-completes")
          << fmt::format("traffic did not reach {} more packets on every queue in {}; testpmd counts:{}",
                         kTrafficPerQueue, format_seconds(w.waited), per_queue);
    return false;
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

  // testpmd's per-port counts, as seen from the application's ports: what testpmd sent to each
  // (through the vhost port connected to it) and what came back from it.
  struct Wire {
    std::map<int, std::uint64_t> sent, returned;
  };
  Wire read_wire(const std::optional<std::map<int, std::uint64_t>>& settled) {
    Wire wire;
    TestpmdTraffic::PortPackets counts;
    // The processes' exits make testpmd log vhost disconnections in the middle of its replies: a
    // garbled reply is asked again, a few times.
    for (int attempt = 0; attempt < 3; ++attempt) {
      counts = bench_.traffic().port_packets();
      bool complete = true;
      for (int p : bench_.ports())
        complete = complete && counts.tx.count(bench_.vhost_port(p)) && counts.rx.count(bench_.vhost_port(p));
      if (complete) break;
    }
    std::string note;
    for (int p : bench_.ports()) {
      const int vp = bench_.vhost_port(p);
      if (const auto it = counts.tx.find(vp); it != counts.tx.end()) wire.sent[p] = it->second;
      if (const auto it = counts.rx.find(vp); it != counts.rx.end()) wire.returned[p] = it->second;
      note += fmt::format("\n  port {} (net_vhost{}): testpmd sent {}, received back {}", p, p,
                          wire.sent.count(p) ? std::to_string(wire.sent[p]) : "?",
                          wire.returned.count(p) ? std::to_string(wire.returned[p]) : "?");
    }
    transcript_.note("case", std::string("testpmd's counts") +
                                 (settled ? " (settled: nothing more arrived)" : " (still moving at the deadline)") +
                                 ":" + note);
    return wire;
  }

  // The one-way probe of application port `port`: testpmd sends to it alone (and reads only it)
  // until every queue took kProbePerQueue more; what came back on that port meanwhile must be no
  // more than what was already in flight. Then testpmd forwards on all its ports again.
  void probe(int port, int pair) {
    auto& traffic = bench_.traffic();
    const int vp = bench_.vhost_port(port);
    const ProgressStep progress(fmt::format("one-way probe: testpmd sends to port {} only", port));
    traffic.forward_on({vp});
    const auto before = traffic.port_packets();
    const auto base = bench_.queue_packets();
    const auto w = bench_.watch(
        [&](const QueueCounts& c) {
          for (int q = 0; q < processes_; ++q)
            if (queue_count(c, vp, q) < queue_count(base, vp, q) + kProbePerQueue) return false;
          return true;
        },
        Deadline::in(options_.traffic_budget));
    const auto after = traffic.port_packets();
    traffic.forward_on(all_testpmd_ports_);
    if (!w.reached) {
      if (!w.exited.empty())
        MPDTS_CHECK_FAILED("case.process-ended") << w.exited;
      else
        MPDTS_CHECK_FAILED("symmetric.traffic-completes") << fmt::format(
            "one-way probe of port {}: testpmd could not send {} packets per queue to it in {} (the processes stopped "
            "receiving from it?)",
            port, kProbePerQueue, format_seconds(w.waited));
      return;
    }
    ProbeCounts counts{port, pair, delta(after.tx, before.tx, vp), delta(after.rx, before.rx, vp),
                       static_cast<std::uint64_t>(processes_) * kProbeInFlightPerQueue};
    transcript_.note("case", fmt::format("one-way probe of port {}: testpmd sent {} to it alone in {}, {} came back on "
                                         "port {} (at most {} may)",
                                         port, counts.sent, format_seconds(w.waited), counts.came_back, port,
                                         counts.in_flight_limit));
    if (const auto problem = check_probe(counts); !problem.empty())
      MPDTS_CHECK_FAILED("symmetric.one-way-probe") << "what the wire saw does not hold up:\n" << problem;
  }

  static std::uint64_t delta(const std::map<int, std::uint64_t>& after, const std::map<int, std::uint64_t>& before,
                             int port) {
    const auto a = after.find(port);
    const auto b = before.find(port);
    const std::uint64_t x = a == after.end() ? 0 : a->second;
    const std::uint64_t y = b == before.end() ? 0 : b->second;
    return x >= y ? x - y : 0;
  }

  RunResult run() {
    RunResult result;
    auto& traffic = bench_.traffic();
    // testpmd sends on every queue of every port and counts what comes back ("set fwd flowgen":
    // the plan's txonly never reads its ports, so the return path would go unchecked).
    for (const auto& [name, id] : traffic.port_ids()) all_testpmd_ports_.push_back(id);
    traffic.start_flowgen();

    bool all_forward = true;
    for (int id = 0; id < processes_ && all_forward; ++id)
      all_forward = wait_forwarding(bench_.start(id, options_.app_args));
    const bool traffic_ok = all_forward && run_traffic();
    if (traffic_ok)
      for (const auto& [a, b] : port_pairs(bench_.ports())) {
        probe(a, b);
        probe(b, a);
      }
    result.all_forwarded = all_forward;

    stop_all(result);
    // What the processes sent before they stopped is still arriving: read it before testpmd stops.
    const auto settled = traffic.settled_rx(Deadline::in(options_.quit_timeout));
    traffic.stop();
    const auto wire = read_wire(settled);

    // Each check of the counts on its own, so that a failure names the check (its id) that failed.
    const auto& ports = bench_.ports();
    const std::string lead = "the counts after SIGINT do not hold up:\n";
    if (const auto r = per_process(result.counts, [](const ProcessCounts& p) { return check_exit(p); }); !r.empty())
      MPDTS_CHECK_FAILED("symmetric.exit-clean") << lead << r;
    if (const auto r = per_process(result.counts, [&](const ProcessCounts& p) { return check_one_line_per_port(p, ports); });
        !r.empty())
      MPDTS_CHECK_FAILED("symmetric.one-line-per-port") << lead << r;
    if (const auto r = per_process(result.counts, [&](const ProcessCounts& p) { return check_received(p, ports); });
        !r.empty())
      MPDTS_CHECK_FAILED("symmetric.received-on-every-port") << lead << r;
    if (const auto r = per_process(result.counts, [&](const ProcessCounts& p) { return check_pairs(p, ports); });
        !r.empty())
      MPDTS_CHECK_FAILED("symmetric.pair-balance") << lead << r;
    if (const auto r = per_process(result.counts, [&](const ProcessCounts& p) { return check_forwarded_share(p, ports); });
        !r.empty())
      MPDTS_CHECK_FAILED("symmetric.every-process-forwards") << lead << r;
    if (const auto r = check_sent(result.counts, ports, wire.sent); !r.empty())
      MPDTS_CHECK_FAILED("symmetric.not-more-than-sent") << lead << "all processes together:\n" << r;
    if (all_forward) {
      const auto on_wire = check_wire(
          result.counts, bench_.ports(),
          WireCounts{wire.returned, static_cast<std::uint64_t>(processes_) * kInFlightPerQueue});
      if (!on_wire.empty())
        MPDTS_CHECK_FAILED("symmetric.wire-agrees") << "what the processes say they sent is not what the wire saw:\n"
                                                    << on_wire;
    }
    return result;
  }

 private:
  SymmetricBench& bench_;
  int processes_;
  Transcript& transcript_;
  const RunOptions& options_;
  std::vector<int> all_testpmd_ports_;  // testpmd forwards on all of them but during a probe
};

}  // namespace

RunResult run_forwarding_case(SymmetricBench& bench, int processes, Transcript& transcript, const RunOptions& options) {
  return Steps(bench, processes, transcript, options).run();
}

}  // namespace mpdts::symmetric
