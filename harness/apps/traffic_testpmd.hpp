// dpdk-testpmd as the traffic source of a case: it transmits on every queue of its ports and says,
// per port and per TX queue, how many packets the other side took. On a vhost-user port a queue
// takes packets only while its virtio ring has free buffers, so a queue count that keeps growing past
// the ring size proves that someone receives from it.
//
// `set fwd txonly` (the plan's mode) only sends. `set fwd flowgen` also receives on every queue and
// counts what comes back (RX-packets), so what a forwarder claims can be checked against the wire;
// `set portlist` restricts sending and receiving to some ports (a one-way probe).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "apps/testpmd_backend.hpp"
#include "core/deadline.hpp"

namespace mpdts {

// TX queue → packets sent on it, per testpmd port id.
using QueueCounts = std::map<int, std::map<int, std::uint64_t>>;

class TestpmdTraffic {
 public:
  explicit TestpmdTraffic(TestpmdBackend& backend) : backend_(backend) {}

  // `set fwd txonly`, `start`; throws HarnessError when testpmd does not confirm.
  void start_txonly();
  // `set fwd flowgen`, `start`: sends on every queue of the forwarding ports and receives (and
  // counts, then drops) what arrives on them. Throws HarnessError when testpmd does not confirm.
  void start_flowgen();
  // Forwarding stopped, `set portlist <ports>`, forwarding started again in the same mode: only
  // these testpmd ports send and receive from now on (a port left out is not polled at all).
  void forward_on(const std::vector<int>& ports);
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
  // RX-packets and TX-packets of every port, from one `show port stats all`.
  struct PortPackets {
    std::map<int, std::uint64_t> rx, tx;
  };
  PortPackets port_packets();
  // Once nothing more arrives: RX-packets of every port, sampled until two samples in a row, taken
  // `interval` apart, are the same (packets still queued towards testpmd are read meanwhile).
  // nullopt when the counts still moved at the deadline. Between samples it waits for testpmd's
  // exit, which would end the wait at once (HarnessError).
  std::optional<std::map<int, std::uint64_t>> settled_rx(Deadline deadline, Seconds interval = Seconds(0.05));
  // `show port stats all` as printed: totals and testpmd's own rates since the previous call.
  std::string port_stats();

  // Parsers of testpmd 22.11 output, exposed for unit tests. Lines testpmd prints asynchronously
  // (link and queue events, vhost logs) may be mixed in and are ignored.
  static std::map<std::string, int> parse_port_summary(const std::string& text);
  static QueueCounts parse_tx_queue_xstats(const std::string& text);              // `show port xstats all`
  static std::map<int, std::uint64_t> parse_tx_packets(const std::string& text);  // `show port stats all`
  static PortPackets parse_port_packets(const std::string& text);                  // `show port stats all`

 private:
  TestpmdBackend& backend_;
  bool hide_zero_set_ = false;
  std::string mode_ = "txonly";  // the mode start_*() set, for forward_on()
};

}  // namespace mpdts
