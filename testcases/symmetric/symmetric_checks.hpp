// The plan's verdict on a stopped set of symmetric_mp processes, strictly: every process exits
// cleanly on SIGINT and prints exactly one count line per port of the mask; every process
// received on every port and sent on its pair what it received; within a process what came in on a
// port went out (or was dropped) on its paired port; and all processes together received no more on
// a port than testpmd sent to it.
//
// Then the wire: what the processes say they sent on a port is what testpmd received on the
// vhost-user port connected to it — exactly, but for the packets still in a ring when the port
// went away (bounded by the rings' size) — and in a one-way probe (testpmd sends to one port only)
// nothing comes back on the port it was sent to. So a forwarder that drops, forwards one way only,
// sends out of the wrong port or prints counts it did not forward fails, however consistent its
// counts look. Pure functions of the numbers, so unit tests can show each check catching what it must.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "apps/symmetric_app.hpp"

namespace mpdts::symmetric {

// What one process left when it was stopped.
struct ProcessCounts {
  std::string who;                   // "secondary1 (--proc-id 1)"
  std::optional<ExitStatus> status;  // nullopt: it did not exit
  std::vector<PortCountLine> lines;
};

// The ports of a hexadecimal port mask, ascending ("3" → {0, 1}).
std::vector<int> mask_ports(unsigned long mask);
// Ports forward to each other in pairs, in mask order: {0,1} → {(0,1)}, {0,1,2,3} → {(0,1),(2,3)}.
std::vector<std::pair<int, int>> port_pairs(const std::vector<int>& ports);

// Each check returns what is wrong, one indented line per problem, or "" when nothing is.
std::string check_exit(const ProcessCounts& p);
std::string check_one_line_per_port(const ProcessCounts& p, const std::vector<int>& ports);
std::string check_received(const ProcessCounts& p, const std::vector<int>& ports);
std::string check_pairs(const ProcessCounts& p, const std::vector<int>& ports);
// sent: per port of the application, what testpmd sent to the vhost port connected to it.
std::string check_sent(const std::vector<ProcessCounts>& processes, const std::vector<int>& ports,
                       const std::map<int, std::uint64_t>& sent);

// Within a process, for each direction of a port pair: it received on one port and sent nothing
// (nor dropped anything) on the other — it does not forward its share.
std::string check_forwarded_share(const ProcessCounts& p, const std::vector<int>& ports);

// One per-process check over every process: its problems grouped by process, each group followed by
// the lines that process printed; "" when no process has a problem.
std::string per_process(const std::vector<ProcessCounts>& processes,
                        const std::function<std::string(const ProcessCounts&)>& check);

// Every check for every process, grouped by process and followed by the lines it printed; "" when
// the set passes.
std::string check_forwarding(const std::vector<ProcessCounts>& processes, const std::vector<int>& ports,
                             const std::map<int, std::uint64_t>& sent);

// What testpmd saw on the wire, per port of the application (the vhost-user port connected to it).
struct WireCounts {
  std::map<int, std::uint64_t> returned;  // RX-packets: what came back from the application's port
  std::uint64_t in_flight_limit = 0;      // per port: sent by a process, still unread when it stopped
};
// Per port: the processes' TX counts together against what testpmd received from that port.
// Testpmd may have received less, by at most in_flight_limit; never more.
std::string check_wire(const std::vector<ProcessCounts>& processes, const std::vector<int>& ports,
                       const WireCounts& wire);

// A one-way probe: testpmd sent `sent` packets to application port `port` only (no other port was
// sent to, nor read), and `came_back` packets arrived back on `port` meanwhile. A forwarder sends
// them out of `pair`: at most in_flight_limit may come back on `port` (packets forwarded from `pair`
// before the probe began and still in the rings).
struct ProbeCounts {
  int port = -1;
  int pair = -1;
  std::uint64_t sent = 0;
  std::uint64_t came_back = 0;
  std::uint64_t in_flight_limit = 0;
};
std::string check_probe(const ProbeCounts& probe);

}  // namespace mpdts::symmetric
