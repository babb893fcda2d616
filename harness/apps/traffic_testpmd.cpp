#include "apps/traffic_testpmd.hpp"

#include <sstream>

#include <boost/regex.hpp>
#include <fmt/format.h>

#include "core/error.hpp"

namespace mpdts {
namespace {

// Runs a command and requires `expected` in its response.
std::string require(TestpmdBackend& backend, std::string_view command, std::string_view expected) {
  std::string response = backend.command(command);
  if (response.find(expected) == std::string::npos)
    throw HarnessError(
        fmt::format("testpmd did not confirm '{}' (expected '{}'); it printed:\n{}", command, expected, response));
  return response;
}

template <class OnLine>
void for_each_line(const std::string& text, OnLine on_line) {
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) on_line(line);
}

}  // namespace

void TestpmdTraffic::start_txonly() {
  require(backend_, "set fwd txonly", "Set txonly packet forwarding mode");
  require(backend_, "start", "txonly packet forwarding");
  mode_ = "txonly";
}

void TestpmdTraffic::start_flowgen() {
  require(backend_, "set fwd flowgen", "Set flowgen packet forwarding mode");
  require(backend_, "start", "flowgen packet forwarding");
  mode_ = "flowgen";
}

void TestpmdTraffic::forward_on(const std::vector<int>& ports) {
  if (ports.empty()) throw HarnessError("forward_on: no testpmd port given");
  std::string list;
  for (int p : ports) list += (list.empty() ? "" : ",") + std::to_string(p);
  stop();
  const std::string reply = backend_.command("set portlist " + list);
  for (const char* refused : {"Invalid", "invalid", "Bad ", "bad ", "error", "Error"})
    if (reply.find(refused) != std::string::npos)
      throw HarnessError(fmt::format("testpmd refused 'set portlist {}':\n{}", list, reply));
  // "<mode> packet forwarding - ports=<n>": testpmd confirms how many ports it now forwards on.
  require(backend_, "start", fmt::format("{} packet forwarding - ports={} ", mode_, ports.size()));
}

void TestpmdTraffic::stop() { require(backend_, "stop", "Done."); }

void TestpmdTraffic::clear_stats() { require(backend_, "clear port stats all", "NIC statistics for port"); }

std::map<std::string, int> TestpmdTraffic::port_ids() {
  return parse_port_summary(backend_.command("show port summary all"));
}

QueueCounts TestpmdTraffic::tx_queue_packets() {
  // Only the counters that moved: a vhost port lists about a hundred extended statistics.
  if (!hide_zero_set_) {
    backend_.command("set xstats-hide-zero on");
    hide_zero_set_ = true;
  }
  return parse_tx_queue_xstats(backend_.command("show port xstats all"));
}

std::map<int, std::uint64_t> TestpmdTraffic::tx_packets() { return parse_tx_packets(port_stats()); }

TestpmdTraffic::PortPackets TestpmdTraffic::port_packets() { return parse_port_packets(port_stats()); }

std::optional<std::map<int, std::uint64_t>> TestpmdTraffic::settled_rx(Deadline deadline, Seconds interval) {
  auto last = port_packets().rx;
  int unchanged = 0;
  while (unchanged < 2) {
    if (deadline.expired()) return std::nullopt;
    if (const auto status = backend_.session().process().wait_exit(Deadline::in(interval).earliest(deadline)))
      throw HarnessError("testpmd " + status->describe() + " while its counters were being read");
    auto now = port_packets().rx;
    unchanged = now == last ? unchanged + 1 : 0;
    last = std::move(now);
  }
  return last;
}

std::string TestpmdTraffic::port_stats() { return backend_.command("show port stats all"); }

std::map<std::string, int> TestpmdTraffic::parse_port_summary(const std::string& text) {
  // "0    56:48:4F:53:54:00 net_vhost0   net_vhost      down     10 Gbps"
  static const boost::regex row(R"(^\s*(\d+)\s+[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5}\s+(\S+)\s+\S+)");
  std::map<std::string, int> ids;
  for_each_line(text, [&](const std::string& line) {
    boost::smatch m;
    if (boost::regex_search(line, m, row)) ids[m[2].str()] = std::stoi(m[1].str());
  });
  return ids;
}

QueueCounts TestpmdTraffic::parse_tx_queue_xstats(const std::string& text) {
  // "###### NIC extended statistics for port 0" then "name: value" lines. The generic per-queue
  // counters are tx_q<n>_packets (drivers add their own, e.g. vhost's tx_q<n>_good_packets).
  static const boost::regex header(R"(NIC extended statistics for port (\d+))");
  static const boost::regex counter(R"(^\s*tx_q(\d+)_packets:\s*(\d{1,20})\s*$)");
  QueueCounts counts;
  int port = -1;
  for_each_line(text, [&](const std::string& line) {
    boost::smatch m;
    if (boost::regex_search(line, m, header)) {
      port = std::stoi(m[1].str());
    } else if (line.find("Cannot get") != std::string::npos) {
      port = -1;  // e.g. vhost not connected yet
    } else if (port >= 0 && boost::regex_match(line, m, counter)) {
      counts[port][std::stoi(m[1].str())] = std::stoull(m[2].str());
    }
  });
  return counts;
}

std::map<int, std::uint64_t> TestpmdTraffic::parse_tx_packets(const std::string& text) {
  return parse_port_packets(text).tx;
}

TestpmdTraffic::PortPackets TestpmdTraffic::parse_port_packets(const std::string& text) {
  // "######## NIC statistics for port 0 ########", then "  RX-packets: 12  RX-missed: 0  RX-bytes: 768"
  // and "  TX-packets: 34  TX-errors: 0  TX-bytes: 2176" (the block's first line of each).
  static const boost::regex header(R"(NIC statistics for port (\d+))");
  static const boost::regex rx(R"(^\s*RX-packets:\s*(\d{1,20})(?:\s|$))");
  static const boost::regex tx(R"(^\s*TX-packets:\s*(\d{1,20})(?:\s|$))");
  PortPackets packets;
  int port = -1;
  for_each_line(text, [&](const std::string& line) {
    boost::smatch m;
    if (boost::regex_search(line, m, header)) {
      port = std::stoi(m[1].str());
    } else if (port >= 0 && boost::regex_search(line, m, rx)) {
      if (!packets.rx.count(port)) packets.rx[port] = std::stoull(m[1].str());
    } else if (port >= 0 && boost::regex_search(line, m, tx)) {
      if (!packets.tx.count(port)) packets.tx[port] = std::stoull(m[1].str());
      port = -1;
    }
  });
  return packets;
}

}  // namespace mpdts
