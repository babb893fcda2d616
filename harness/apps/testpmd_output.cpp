#include "apps/testpmd_output.hpp"

#include <boost/regex.hpp>
#include <fmt/format.h>

#include "core/error.hpp"

namespace mpdts {
namespace {

// Calls on_line(line, offset of the line in text) for every line (without its newline).
template <class OnLine>
void for_each_line(const std::string& text, OnLine on_line) {
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.pop_back();
    on_line(line, start);
    start = end + 1;
  }
}

// testpmd prints its own error logs as "testpmd: <message>"; plain stderr messages have no prefix.
std::string without_log_prefix(const std::string& line) {
  static const std::string prefix = "testpmd: ";
  return line.rfind(prefix, 0) == 0 ? line.substr(prefix.size()) : line;
}

// Lines of cmdline itself: the command did not run at all.
bool cmdline_error(const std::string& line) {
  return line == "Bad arguments" || line == "Command not found" || line == "Ambiguous command";
}

}  // namespace

PortSummary parse_port_summary(const std::string& text) {
  static const boost::regex count(R"(^Number of available ports: (\d+)$)");
  static const boost::regex header(R"(^Port\s+MAC Address\s+Name\s+Driver\s+Status\s+Link$)");
  static const boost::regex row(
      R"(^(\d+)\s+([0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5})\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S.*)$)");
  PortSummary s;
  bool header_seen = false;
  for_each_line(text, [&](const std::string& line, std::size_t) {
    boost::smatch m;
    if (boost::regex_match(line, m, count)) {
      s.available = std::stoi(m[1].str());
    } else if (boost::regex_match(line, header)) {
      header_seen = true;
    } else if (header_seen && boost::regex_match(line, m, row)) {
      s.rows.push_back({std::stoi(m[1].str()), m[2].str(), m[3].str(), m[4].str(), m[5].str(), m[6].str()});
    }
  });
  if (s.available < 0 || !header_seen)
    throw HarnessError(fmt::format("testpmd printed no port summary ({} missing); it printed:\n{}",
                                   s.available < 0 ? "'Number of available ports: N'" : "the column header", text));
  return s;
}

AttachReply parse_attach_reply(const std::string& text) {
  static const boost::regex attached(R"(^Port (\d+) is attached\. Now total ports is (\d+)$)");
  static const boost::regex failure(R"(^(Failed to attach port .*|Invalid parameters are specified)$)");
  AttachReply r;
  r.text = text;
  for_each_line(text, [&](const std::string& line, std::size_t) {
    const std::string body = without_log_prefix(line);
    boost::smatch m;
    if (line == "Attaching a new port...") {
      r.attaching = true;
    } else if (boost::regex_match(line, m, attached)) {
      r.attached.push_back(std::stoi(m[1].str()));
      r.total = std::stoi(m[2].str());
    } else if (line == "Done") {
      ++r.done;
    } else if (boost::regex_match(body, failure) || cmdline_error(line)) {
      r.failures.push_back(line);
    }
  });
  return r;
}

DetachReply parse_detach_reply(const std::string& text) {
  static const boost::regex closed(R"(^Port (\d+) is closed$)");
  static const boost::regex detached(R"(^Device (\S+ )?is detached$)");
  static const boost::regex total(R"(^Now total ports is (\d+)$)");
  // testpmd 22.11's refusals of `port detach` / `device detach`.
  static const boost::regex refusal(
      R"(^(Port (\d+ )?not stopped|Invalid port_id=\d+|Invalid port \d+|Device already removed|)"
      R"(Failed to detach device .*|Failed to get device info for port \d+.*)$)");
  DetachReply r;
  r.text = text;
  for_each_line(text, [&](const std::string& line, std::size_t at) {
    const std::string body = without_log_prefix(line);
    boost::smatch m;
    if (line == "Port was not closed") {
      r.not_closed_notice = true;
    } else if (line == "Removing a device...") {
      r.removing = true;
    } else if (boost::regex_match(line, m, closed)) {
      r.closed.push_back(std::stoi(m[1].str()));
      if (r.closed_at == std::string::npos) r.closed_at = at;
    } else if (boost::regex_match(line, detached)) {
      r.detached = true;
      if (r.detached_at == std::string::npos) r.detached_at = at;
    } else if (boost::regex_match(line, m, total)) {
      r.total = std::stoi(m[1].str());
    } else if (line == "Done") {
      r.done = true;
    } else if (boost::regex_match(body, refusal) || cmdline_error(line)) {
      r.refusals.push_back(line);
    }
  });
  return r;
}

PortCommandReply parse_port_command_reply(const std::string& text) {
  static const boost::regex closed(R"(^Port (\d+) is closed$)");
  static const boost::regex error(R"(^(Fail(ed)? to .*|Invalid port \d+|Port \d+ can not be .*|Port \d+ is now not stopped)$)");
  PortCommandReply r;
  r.text = text;
  for_each_line(text, [&](const std::string& line, std::size_t) {
    const std::string body = without_log_prefix(line);
    boost::smatch m;
    if (line == "Done") {
      r.done = true;
    } else if (boost::regex_match(line, m, closed)) {
      r.closed.push_back(std::stoi(m[1].str()));
    } else if (boost::regex_match(body, error) || cmdline_error(line)) {
      r.errors.push_back(line);
    }
  });
  return r;
}

}  // namespace mpdts
