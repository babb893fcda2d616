#include "symmetric/symmetric_checks.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace mpdts::symmetric {
namespace {

// The port's line when the process printed exactly one for it.
const PortCountLine* unique_line(const ProcessCounts& p, int port) {
  const PortCountLine* found = nullptr;
  for (const auto& l : p.lines) {
    if (l.port != port) continue;
    if (found) return nullptr;
    found = &l;
  }
  return found;
}

std::string render_lines(const ProcessCounts& p) {
  if (p.lines.empty()) return "    (it printed no port count line)\n";
  std::string s;
  for (const auto& l : p.lines) s += "    " + l.line + "\n";
  return s;
}

}  // namespace

std::vector<int> mask_ports(unsigned long mask) {
  std::vector<int> ports;
  for (int p = 0; mask != 0; ++p, mask >>= 1)
    if (mask & 1) ports.push_back(p);
  return ports;
}

std::vector<std::pair<int, int>> port_pairs(const std::vector<int>& ports) {
  std::vector<std::pair<int, int>> pairs;
  for (std::size_t i = 0; i + 1 < ports.size(); i += 2) pairs.emplace_back(ports[i], ports[i + 1]);
  return pairs;
}

std::string check_exit(const ProcessCounts& p) {
  if (!p.status) return "  did not exit after SIGINT\n";
  if (p.status->signal != 0 || p.status->code != 0)
    return fmt::format("  {} (expected: exit code 0 on SIGINT)\n", p.status->describe());
  return "";
}

std::string check_one_line_per_port(const ProcessCounts& p, const std::vector<int>& ports) {
  std::string problems;
  std::map<int, int> count;
  for (const auto& l : p.lines) ++count[l.port];
  for (int port : ports) {
    if (count[port] == 0) problems += fmt::format("  printed no count line for port {}\n", port);
    if (count[port] > 1)
      problems += fmt::format("  printed {} count lines for port {} (expected one)\n", count[port], port);
  }
  for (const auto& [port, n] : count)
    if (std::find(ports.begin(), ports.end(), port) == ports.end())
      problems += fmt::format("  printed a count line for port {}, which is not in the port mask\n", port);
  return problems;
}

std::string check_received(const ProcessCounts& p, const std::vector<int>& ports) {
  std::string problems;
  for (int port : ports)
    if (const auto* l = unique_line(p, port); l && l->rx == 0)
      problems += fmt::format("  received nothing on port {}: it forwards nothing from that port\n", port);
  return problems;
}

std::string check_pairs(const ProcessCounts& p, const std::vector<int>& ports) {
  std::string problems;
  for (const auto& [a, b] : port_pairs(ports)) {
    for (const auto& [in, out] : {std::pair{a, b}, std::pair{b, a}}) {
      const auto* rx = unique_line(p, in);
      const auto* tx = unique_line(p, out);
      if (!rx || !tx) continue;  // reported by check_one_line_per_port
      if (rx->rx != tx->tx + tx->drop)
        problems += fmt::format(
            "  port {} RX {} != port {} TX {} + Drop {} (= {}): what a port receives must be sent "
            "or dropped on its paired port\n",
            in, rx->rx, out, tx->tx, tx->drop, tx->tx + tx->drop);
    }
  }
  return problems;
}

std::string check_forwarded_share(const ProcessCounts& p, const std::vector<int>& ports) {
  std::string problems;
  for (const auto& [a, b] : port_pairs(ports)) {
    for (const auto& [in, out] : {std::pair{a, b}, std::pair{b, a}}) {
      const auto* rx = unique_line(p, in);
      const auto* tx = unique_line(p, out);
      if (!rx || !tx || rx->rx == 0) continue;  // reported by check_one_line_per_port / check_received
      if (tx->tx == 0)
        problems += fmt::format("  received {} on port {} but sent none of it on port {} (TX 0): it forwards nothing "
                                "from port {} to port {}\n",
                                rx->rx, in, out, in, out);
    }
  }
  return problems;
}

std::string check_sent(const std::vector<ProcessCounts>& processes, const std::vector<int>& ports,
                       const std::map<int, std::uint64_t>& sent) {
  std::string problems;
  for (int port : ports) {
    std::uint64_t total = 0;
    bool wrapped = false;  // 64-bit counters: their sum may not fit
    std::string parts;
    for (const auto& p : processes)
      if (const auto* l = unique_line(p, port)) {
        wrapped = wrapped || __builtin_add_overflow(total, l->rx, &total);
        parts += fmt::format("{}{} {}", parts.empty() ? "" : ", ", p.who, l->rx);
      }
    const auto it = sent.find(port);
    if (it == sent.end()) {
      problems += fmt::format("  port {}: testpmd's count of what it sent to this port is missing\n", port);
      continue;
    }
    if (wrapped || total > it->second)
      problems += fmt::format("  port {}: the processes received {} in all ({}), more than testpmd sent to it ({})\n",
                              port, wrapped ? std::string("more than 2^64") : std::to_string(total), parts, it->second);
  }
  return problems;
}

std::string per_process(const std::vector<ProcessCounts>& processes,
                        const std::function<std::string(const ProcessCounts&)>& check) {
  std::string report;
  for (const auto& p : processes)
    if (const auto problems = check(p); !problems.empty())
      report += fmt::format("{}:\n{}  its count lines:\n{}", p.who, problems, render_lines(p));
  return report;
}

std::string check_forwarding(const std::vector<ProcessCounts>& processes, const std::vector<int>& ports,
                             const std::map<int, std::uint64_t>& sent) {
  std::string report;
  for (const auto& p : processes) {
    const std::string problems =
        check_exit(p) + check_one_line_per_port(p, ports) + check_received(p, ports) + check_pairs(p, ports) +
        check_forwarded_share(p, ports);
    if (!problems.empty()) report += fmt::format("{}:\n{}  its count lines:\n{}", p.who, problems, render_lines(p));
  }
  if (const auto problems = check_sent(processes, ports, sent); !problems.empty())
    report += "all processes together:\n" + problems;
  return report;
}

std::string check_wire(const std::vector<ProcessCounts>& processes, const std::vector<int>& ports,
                       const WireCounts& wire) {
  std::string problems;
  for (int port : ports) {
    std::uint64_t claimed = 0;
    bool wrapped = false;
    std::string parts;
    for (const auto& p : processes)
      if (const auto* l = unique_line(p, port)) {
        wrapped = wrapped || __builtin_add_overflow(claimed, l->tx, &claimed);
        parts += fmt::format("{}{} TX {}", parts.empty() ? "" : ", ", p.who, l->tx);
      }
    if (parts.empty()) parts = "no process printed a count line for it";
    const auto it = wire.returned.find(port);
    if (it == wire.returned.end()) {
      problems += fmt::format("  port {}: testpmd's count of what it received from this port is missing\n", port);
      continue;
    }
    const std::uint64_t seen = it->second;
    if (wrapped) {
      problems += fmt::format("  port {}: the processes say they sent more than 2^64 packets ({}); testpmd received {}\n",
                              port, parts, seen);
    } else if (seen > claimed) {
      problems += fmt::format(
          "  port {}: testpmd received {} packets from it, more than the processes say they sent on it ({} in all: "
          "{}): {} packets no process counted\n",
          port, seen, claimed, parts, seen - claimed);
    } else if (claimed - seen > wire.in_flight_limit) {
      problems += fmt::format(
          "  port {}: the processes say they sent {} packets on it ({}), but testpmd received only {}: {} missing, "
          "more than the {} that can still be in the rings when the processes stop\n",
          port, claimed, parts, seen, claimed - seen, wire.in_flight_limit);
    }
  }
  return problems;
}

std::string check_probe(const ProbeCounts& probe) {
  if (probe.came_back <= probe.in_flight_limit) return "";
  return fmt::format(
      "  one-way probe of port {}: testpmd sent {} packets to port {} alone and {} came back on port {} itself (at "
      "most {} can be packets forwarded from port {} before the probe): a process sends port {}'s traffic back out "
      "of port {} instead of its pair, port {}\n",
      probe.port, probe.sent, probe.port, probe.came_back, probe.port, probe.in_flight_limit, probe.pair, probe.port,
      probe.port, probe.pair);
}

}  // namespace mpdts::symmetric
