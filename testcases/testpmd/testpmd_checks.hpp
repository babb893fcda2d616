// The checks of the testpmd cases, as pure functions of testpmd's parsed answers: each returns ""
// when the answer is what the rule says, else a description of what is wrong (it starts with a
// fixed phrase a known finding can name, and ends with what testpmd printed, as evidence).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "apps/testpmd_output.hpp"
#include "process/interactive.hpp"

namespace mpdts::testpmd {

using ExpectedPorts = std::map<int, std::string>;  // port id → device name (summary's Name column)

std::string render(const ExpectedPorts& ports);  // "{0 net_null0, 1 net_ring0}" / "{} (no port)"
std::string render(const PortSummary& summary);

// The summary lists exactly `expected` (no more, no fewer, none twice), and its count line agrees.
std::string summary_problems(const PortSummary& summary, const ExpectedPorts& expected);
// Every row of `before` is listed unchanged in `after` (same id, MAC, name, driver, status, link)
// and nothing else is.
std::string unchanged_problems(const PortSummary& before, const PortSummary& after);

// An attach that must add one port: exactly one "Port N is attached", "Done", no failure line.
// Sets *port to N when it returns "".
std::string attach_problems(const AttachReply& reply, int* port);
// An attach that must fail: testpmd's failure line and no port set up.
std::string refused_attach_problems(const AttachReply& reply);
// A detach that must work: "Device is detached", "Done", no refusal.
std::string detach_problems(const DetachReply& reply);
// A detach that must be refused: a refusal line and no "Device is detached".
std::string refused_detach_problems(const DetachReply& reply);
// The detach closed `port` ("Port N is closed") before it removed the device.
std::string closed_before_detach_problems(const DetachReply& reply, int port);
// `port start|stop|close`: "Done" and no error line (close: also "Port N is closed").
std::string port_command_problems(const PortCommandReply& reply, std::string_view command, int port);

// A command the process had to answer with its prompt: "" when it did (`exit` is nullopt), else
// "died: killed by signal 11 (SIGSEGV) ..." / "died: exited with code N ...", with what it printed.
std::string answered_problems(const std::optional<ExitStatus>& exit, const std::string& printed);
// How a process ended, for a record: "killed by SIGSEGV", "exited with code 0".
std::string exit_text(const ExitStatus& status);

}  // namespace mpdts::testpmd
