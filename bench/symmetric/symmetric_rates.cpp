#include "symmetric/symmetric_rates.hpp"

#include <boost/regex.hpp>
#include <sstream>

#include <fmt/format.h>

#include "core/error.hpp"
#include "output/csv.hpp"
#include "symmetric/symmetric_bench.hpp"
#include "symmetric/symmetric_checks.hpp"

namespace mpdts::bench {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_between(Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double>(b - a).count(); }

std::uint64_t queue_sum(const QueueCounts& c, const symmetric::SymmetricBench& bench, int q) {
  std::uint64_t sum = 0;
  for (int p : bench.ports()) sum += symmetric::queue_count(c, bench.vhost_port(p), q);
  return sum;
}

}  // namespace

std::map<int, std::uint64_t> parse_tx_pps(const std::string& text) {
  static const boost::regex header(R"(NIC statistics for port (\d+))");
  static const boost::regex pps(R"(^\s*Tx-pps:\s*(\d{1,20})(?:\s|$))");
  std::map<int, std::uint64_t> out;
  std::istringstream in(text);
  int port = -1;
  for (std::string line; std::getline(in, line);) {
    boost::smatch m;
    if (boost::regex_search(line, m, header)) {
      port = std::stoi(m[1].str());
    } else if (port >= 0 && boost::regex_search(line, m, pps)) {
      out[port] = std::stoull(m[1].str());
      port = -1;
    }
  }
  return out;
}

SymmetricRates measure_symmetric_rates(const Topology& topology, const SymmetricRatesOptions& options,
                                       Transcript& transcript) {
  symmetric::SymmetricBench bench(topology, options.processes, transcript);
  auto& traffic = bench.traffic();
  traffic.start_txonly();
  const std::uint64_t proof = 4 * symmetric::SymmetricBench::kRingSize;
  std::vector<Clock::time_point> started;
  for (int id = 0; id < options.processes; ++id) {
    started.push_back(Clock::now());
    bench.start(id);
    const auto w = bench.watch(
        [&](const QueueCounts& c) {
          for (int p : bench.ports())
            if (symmetric::queue_count(c, bench.vhost_port(p), id) <= proof) return false;
          return true;
        },
        Deadline::in(Seconds(topology.timeouts.start)));
    if (!w.reached)
      throw HarnessError(fmt::format("symmetric_mp process {} does not forward{}", id,
                                     w.exited.empty() ? "" : ": " + w.exited));
  }

  // The window: testpmd's "since last show" rates restart here and its counters are read...
  traffic.port_stats();
  const auto base = traffic.tx_queue_packets();
  const auto t0 = Clock::now();
  // ...and it ends when every queue took packets_per_queue more.
  const auto w = bench.watch(
      [&](const QueueCounts& c) {
        for (int q = 0; q < options.processes; ++q)
          for (int p : bench.ports())
            if (symmetric::queue_count(c, bench.vhost_port(p), q) <
                symmetric::queue_count(base, bench.vhost_port(p), q) + options.packets_per_queue)
              return false;
        return true;
      },
      Deadline::in(Seconds(120)));
  const auto t1 = Clock::now();
  const auto pps = parse_tx_pps(traffic.port_stats());  // testpmd's own rate over the window
  if (!w.reached) throw HarnessError("the measured window did not end within 120 s" + (w.exited.empty() ? "" : ": " + w.exited));

  SymmetricRates r;
  r.window_s = seconds_between(t0, t1);
  for (int p : bench.ports())
    if (auto it = pps.find(bench.vhost_port(p)); it != pps.end()) r.testpmd_tx_pps += static_cast<double>(it->second);
  for (int q = 0; q < options.processes; ++q) {
    ProcessRate pr;
    pr.proc_id = q;
    pr.window_pps = static_cast<double>(queue_sum(w.last, bench, q) - queue_sum(base, bench, q)) / r.window_s;
    r.sum_window_pps += pr.window_pps;
    r.processes.push_back(pr);
  }
  // Stop them, secondaries first; each says what it received.
  std::vector<symmetric::ProcessCounts> counts;
  auto apps = bench.processes();
  for (auto it = apps.rbegin(); it != apps.rend(); ++it) {
    auto stopped = (*it)->interrupt(Deadline::in(Seconds(topology.timeouts.quit)));
    auto& pr = r.processes.at(static_cast<std::size_t>((*it)->proc_id()));
    pr.name = (*it)->name();
    pr.own_life_s = seconds_between(started.at(static_cast<std::size_t>(pr.proc_id)), Clock::now());
    for (const auto& l : stopped.lines) pr.own_rx += l.rx;
    counts.insert(counts.begin(), {fmt::format("{} (--proc-id {})", pr.name, pr.proc_id), stopped.status, stopped.lines});
  }
  traffic.stop();
  // A rate is only worth something when the forwarding was right: the case's own checks.
  std::map<int, std::uint64_t> sent;
  const auto by_vhost = traffic.tx_packets();
  for (int p : bench.ports())
    if (auto it = by_vhost.find(bench.vhost_port(p)); it != by_vhost.end()) sent[p] = it->second;
  if (auto problems = symmetric::check_forwarding(counts, bench.ports(), sent); !problems.empty())
    throw HarnessError("symmetric_mp forwarded wrongly, the rates are not valid:\n" + problems);
  for (auto& pr : r.processes) {
    pr.share_of_testpmd = r.testpmd_tx_pps > 0 ? pr.window_pps / r.testpmd_tx_pps : 0;
    pr.own_average_pps = pr.own_life_s > 0 ? static_cast<double>(pr.own_rx) / pr.own_life_s : 0;
  }
  return r;
}

std::string symmetric_rates_csv(const SymmetricRates& r) {
  std::string out = csv_line({"process", "proc_id", "window_pps", "testpmd_tx_pps", "share_of_testpmd", "own_rx_packets",
                              "own_life_s", "own_average_pps", "window_s"});
  for (const auto& p : r.processes)
    out += csv_line({p.name, std::to_string(p.proc_id), csv_number(p.window_pps, 0), csv_number(r.testpmd_tx_pps, 0),
                     csv_number(p.share_of_testpmd), std::to_string(p.own_rx), csv_number(p.own_life_s),
                     csv_number(p.own_average_pps, 0), csv_number(r.window_s)});
  out += csv_line({"all", "", csv_number(r.sum_window_pps, 0), csv_number(r.testpmd_tx_pps, 0),
                   csv_number(r.testpmd_tx_pps > 0 ? r.sum_window_pps / r.testpmd_tx_pps : 0), "", "", "",
                   csv_number(r.window_s)});
  return out;
}

std::string symmetric_rates_table(const SymmetricRates& r) {
  std::string out = fmt::format("window {:.2f} s; testpmd's own Tx-pps (both vhost ports): {:.0f}\n", r.window_s,
                                r.testpmd_tx_pps);
  out += fmt::format("{:<12} {:>12} {:>9} {:>14} {:>14}\n", "process", "window pps", "share", "own RX", "own avg pps");
  for (const auto& p : r.processes)
    out += fmt::format("{:<12} {:>12.0f} {:>9.3f} {:>14} {:>14.0f}\n", p.name, p.window_pps, p.share_of_testpmd,
                       p.own_rx, p.own_average_pps);
  out += fmt::format("{:<12} {:>12.0f} {:>9.3f}\n", "all", r.sum_window_pps,
                     r.testpmd_tx_pps > 0 ? r.sum_window_pps / r.testpmd_tx_pps : 0);
  return out;
}

}  // namespace mpdts::bench
