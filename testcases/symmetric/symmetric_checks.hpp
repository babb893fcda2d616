// The plan's verdict on a stopped set of symmetric_mp processes, strictly: every process exits
// cleanly on SIGINT and prints exactly one count line per port of the mask; every process
// received on every port; within a process what came in on a port went out (or was dropped) on
// its paired port; and all processes together received no more on a port than testpmd sent to it.
// Pure functions of the numbers, so unit tests can show each check catching what it must.
#pragma once

#include <cstdint>
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

// Every check for every process, grouped by process and followed by the lines it printed; "" when
// the set passes.
std::string check_forwarding(const std::vector<ProcessCounts>& processes, const std::vector<int>& ports,
                             const std::map<int, std::uint64_t>& sent);

}  // namespace mpdts::symmetric
