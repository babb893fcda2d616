// symmetric_mp forwarding figures, measured in one run: testpmd sends on the vhost side of two
// vhost/virtio-user pairs; each symmetric_mp process (one queue per port each) forwards what reaches
// its queue. Over one measured window (from a counter reading until every queue has taken a fixed
// number of packets more), each process's packets/s comes from testpmd's per-queue counters, and
// testpmd's own rate is its Tx-pps over the same window; the ratio of the two says what share of
// testpmd's rate each process forwards (together they take all of it). Each process's own count
// (its RX lines at SIGINT, over its whole life) is set next to it as a cross-check.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "process/transcript.hpp"
#include "topology/topology.hpp"

namespace mpdts::bench {

struct SymmetricRatesOptions {
  int processes = 2;
  std::uint64_t packets_per_queue = 1u << 18;  // the window ends when every queue took this many more
};

struct ProcessRate {
  std::string name;
  int proc_id = 0;
  double window_pps = 0;        // packets/s through its queue on both ports, from testpmd's per-queue counters
  double share_of_testpmd = 0;  // window_pps / testpmd's own Tx-pps
  std::uint64_t own_rx = 0;     // packets it says it received (its RX lines at SIGINT)
  double own_life_s = 0;        // from its start to its SIGINT
  double own_average_pps = 0;   // own_rx / own_life_s
};

struct SymmetricRates {
  double window_s = 0;
  double testpmd_tx_pps = 0;  // testpmd's Tx-pps summed over both vhost ports, for the window
  double sum_window_pps = 0;  // all processes together
  std::vector<ProcessRate> processes;
};

// Tx-pps per port from testpmd's `show port stats` ("Throughput (since last show)"). Exposed for tests.
std::map<int, std::uint64_t> parse_tx_pps(const std::string& show_port_stats);

SymmetricRates measure_symmetric_rates(const Topology& topology, const SymmetricRatesOptions& options,
                                       Transcript& transcript);

std::string symmetric_rates_csv(const SymmetricRates& r);
std::string symmetric_rates_table(const SymmetricRates& r);

inline constexpr const char* kSymmetricCsv = "symmetric-rates.csv";
inline constexpr const char* kSymmetricTranscript = "symmetric-rates-transcript.log";

}  // namespace mpdts::bench
