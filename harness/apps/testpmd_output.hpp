// What dpdk-testpmd 22.11 prints in answer to its port hotplug commands, read strictly: the lines
// each answer is made of are recognised exactly; every other line (asynchronous events such as
// "Port 0: link state change event" or "Port 0 is closed" from another process's detach, EAL and
// PMD logs, the echo of the command) is ignored. Pure functions, unit-tested on captured output.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace mpdts {

// One row of `show port summary all`:
//   "0    4E:74:35:FB:7F:F6 net_null0    net_null       down     10 Gbps"
struct SummaryRow {
  int port = -1;
  std::string mac;
  std::string name;
  std::string driver;
  std::string status;  // link status: up / down
  std::string link;    // link speed as printed: "10 Gbps", "None"
  bool operator==(const SummaryRow&) const = default;
};

struct PortSummary {
  int available = -1;            // "Number of available ports: N"
  std::vector<SummaryRow> rows;  // in the order printed
};

// `port attach <devargs>`: "Attaching a new port...", then per port it set up
// "Port N is attached. Now total ports is M" and "Done"; or testpmd's own failure
// "testpmd: Failed to attach port <devargs>".
struct AttachReply {
  std::string text;
  bool attaching = false;               // "Attaching a new port..." (the command was taken)
  std::vector<int> attached;            // every "Port N is attached" line, in order
  std::optional<int> total;             // M of the last "Now total ports is M"
  int done = 0;                         // "Done" lines
  std::vector<std::string> failures;    // testpmd's failure lines
};

// `port detach N`: "Removing a device...", "Device is detached", "Now total ports is M", "Done";
// a refusal ("Port not stopped", "Invalid port_id=N", ...) instead.
struct DetachReply {
  std::string text;
  bool not_closed_notice = false;       // "Port was not closed": testpmd closes it itself first
  bool removing = false;                // "Removing a device..."
  std::vector<int> closed;              // "Port N is closed", in order
  bool detached = false;                // "Device is detached" (or "Device <name> is detached")
  std::optional<int> total;             // "Now total ports is M"
  bool done = false;                    // "Done"
  std::vector<std::string> refusals;    // the lines that refused it
  // Position (in text) of the first "Port N is closed" and of "Device ... is detached" (npos: none).
  std::size_t closed_at = std::string::npos;
  std::size_t detached_at = std::string::npos;
};

// `port start|stop|close N`: "Done" and no error line.
struct PortCommandReply {
  std::string text;
  bool done = false;
  std::vector<int> closed;              // "Port N is closed" (port close)
  std::vector<std::string> errors;      // "Fail to start port 0", "Invalid port 3", "Bad arguments", ...
};

// Throws HarnessError (with the text) when the count line or the column header is missing: then the
// output is not a port summary at all.
PortSummary parse_port_summary(const std::string& text);
AttachReply parse_attach_reply(const std::string& text);
DetachReply parse_detach_reply(const std::string& text);
PortCommandReply parse_port_command_reply(const std::string& text);

}  // namespace mpdts
