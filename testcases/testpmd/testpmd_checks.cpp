#include "testpmd/testpmd_checks.hpp"

#include <cstring>
#include <set>

#include <fmt/format.h>

namespace mpdts::testpmd {
namespace {

std::string evidence(const std::string& text) { return "; it printed:\n" + text; }

// "SIGSEGV" for 11; "signal N" when the C library has no name for it.
std::string signal_name(int sig) {
  const char* abbrev = sigabbrev_np(sig);
  return abbrev ? std::string("SIG") + abbrev : fmt::format("signal {}", sig);
}

std::string join_ids(const std::vector<int>& ids) {
  std::string s;
  for (int id : ids) s += (s.empty() ? "" : ", ") + std::to_string(id);
  return s;
}

}  // namespace

std::string render(const ExpectedPorts& ports) {
  if (ports.empty()) return "{} (no port)";
  std::string s;
  for (const auto& [id, name] : ports) s += fmt::format("{}{} {}", s.empty() ? "{" : ", ", id, name);
  return s + "}";
}

std::string render(const PortSummary& summary) {
  if (summary.rows.empty()) return "{} (no port)";
  std::string s;
  for (const auto& r : summary.rows) s += fmt::format("{}{} {}", s.empty() ? "{" : ", ", r.port, r.name);
  return s + "}";
}

std::string summary_problems(const PortSummary& summary, const ExpectedPorts& expected) {
  std::string problems;
  if (summary.available != static_cast<int>(summary.rows.size()))
    problems += fmt::format("  it says 'Number of available ports: {}' but lists {} port(s)\n", summary.available,
                            summary.rows.size());
  ExpectedPorts listed;
  std::set<int> twice;
  for (const auto& r : summary.rows)
    if (!listed.emplace(r.port, r.name).second) twice.insert(r.port);
  for (int id : twice) problems += fmt::format("  it lists port {} more than once\n", id);
  if (listed != expected)
    problems += fmt::format("  it lists {}, expected exactly {}\n", render(summary), render(expected));
  return problems;
}

std::string unchanged_problems(const PortSummary& before, const PortSummary& after) {
  if (before.rows == after.rows && before.available == after.available) return "";
  auto rows = [](const PortSummary& s) {
    std::string out;
    for (const auto& r : s.rows)
      out += fmt::format("    {} {} {} {} {} {}\n", r.port, r.mac, r.name, r.driver, r.status, r.link);
    return out.empty() ? std::string("    (no port)\n") : out;
  };
  return fmt::format("  the port summary changed; before:\n{}  after:\n{}", rows(before), rows(after));
}

std::string attach_problems(const AttachReply& reply, int* port) {
  std::string what;
  if (!reply.failures.empty())
    what = fmt::format("failed: testpmd printed '{}'", reply.failures.front());
  else if (reply.attached.empty())
    what = "attached no port and printed no failure result";
  else if (reply.attached.size() > 1)
    what = fmt::format("reported ports {} as attached, expected exactly the one new port", join_ids(reply.attached));
  else if (reply.done == 0)
    what = "printed no 'Done'";
  if (what.empty()) {
    if (port) *port = reply.attached.front();
    return "";
  }
  return what + evidence(reply.text);
}

std::string refused_attach_problems(const AttachReply& reply) {
  if (!reply.attached.empty())
    return fmt::format("set up port(s) {}: an attach that must fail added a port", join_ids(reply.attached)) +
           evidence(reply.text);
  if (reply.failures.empty())
    return "printed no failure result (testpmd's 'Failed to attach port <devargs>') and attached no port" +
           evidence(reply.text);
  return "";
}

std::string detach_problems(const DetachReply& reply) {
  std::string what;
  if (!reply.refusals.empty())
    what = fmt::format("did not detach: testpmd printed '{}'", reply.refusals.front());
  else if (!reply.detached)
    what = "printed no 'Device is detached'";
  else if (!reply.done)
    what = "printed no 'Done'";
  return what.empty() ? "" : what + evidence(reply.text);
}

std::string refused_detach_problems(const DetachReply& reply) {
  if (reply.detached) return "detached the device: a detach that must be refused removed it" + evidence(reply.text);
  if (reply.refusals.empty()) return "printed no refusal and did not detach" + evidence(reply.text);
  return "";
}

std::string closed_before_detach_problems(const DetachReply& reply, int port) {
  bool closed = false;
  for (int p : reply.closed) closed = closed || p == port;
  if (!closed) return fmt::format("did not say 'Port {} is closed'", port) + evidence(reply.text);
  if (!reply.detached || reply.closed_at > reply.detached_at)
    return fmt::format("did not close port {} before detaching the device", port) + evidence(reply.text);
  return "";
}

std::string port_command_problems(const PortCommandReply& reply, std::string_view command, int port) {
  std::string what;
  if (!reply.errors.empty())
    what = fmt::format("failed: testpmd printed '{}'", reply.errors.front());
  else if (!reply.done)
    what = "printed no 'Done'";
  else if (command == "close" && (reply.closed.size() != 1 || reply.closed.front() != port))
    what = fmt::format("did not say (only) 'Port {} is closed'", port);
  return what.empty() ? "" : what + evidence(reply.text);
}

std::string answered_problems(const std::optional<ExitStatus>& exit, const std::string& printed) {
  if (!exit) return "";
  const std::string how = exit->signal != 0
                              ? fmt::format("killed by signal {} ({})", exit->signal, signal_name(exit->signal))
                              : fmt::format("exited with code {}", exit->code);
  return fmt::format("died: {} instead of answering with its prompt", how) + evidence(printed);
}

std::string exit_text(const ExitStatus& status) {
  return status.signal != 0 ? "killed by " + signal_name(status.signal)
                            : fmt::format("exited with code {}", status.code);
}

}  // namespace mpdts::testpmd
