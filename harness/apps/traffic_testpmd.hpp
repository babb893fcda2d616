// dpdk-testpmd as the traffic source of a case: it transmits on every queue of its ports
// (`set fwd txonly`) and says, per port and per TX queue, how many packets the other side took.
// On a vhost-user port a queue takes packets only while its virtio ring has free buffers, so a
// queue count that keeps growing past the ring size proves that someone receives from it.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "apps/testpmd_backend.hpp"

namespace mpdts {

// TX queue → packets sent on it, per testpmd port id.
using QueueCounts = std::map<int, std::map<int, std::uint64_t>>;

class TestpmdTraffic {
 public:
  explicit TestpmdTraffic(TestpmdBackend& backend) : backend_(backend) {}

  // `set fwd txonly`, `start`; throws HarnessError when testpmd does not confirm.
  void start_txonly();
  // `stop`.
  void stop();
  // `clear port stats all`: every port's and queue's counters back to zero.
  void clear_stats();
  // testpmd's port id of each device ("net_vhost0" → 0), from `show port summary all`.
  std::map<std::string, int> port_ids();
  // Packets sent per port and TX queue so far (a port not connected yet has no entry).
  QueueCounts tx_queue_packets();
  // TX-packets of every port, from `show port stats all`.
  std::map<int, std::uint64_t> tx_packets();
  // `show port stats all` as printed: totals and testpmd's own rates since the previous call.
  std::string port_stats();

  // Parsers of testpmd 22.11 output, exposed for unit tests. Lines testpmd prints asynchronously
  // (link and queue events, vhost logs) may be mixed in and are ignored.
  static std::map<std::string, int> parse_port_summary(const std::string& text);
  static QueueCounts parse_tx_queue_xstats(const std::string& text);              // `show port xstats all`
  static std::map<int, std::uint64_t> parse_tx_packets(const std::string& text);  // `show port stats all`

 private:
  TestpmdBackend& backend_;
  bool hide_zero_set_ = false;
};

}  // namespace mpdts
