#include "apps/hotplug_app.hpp"

#include <sstream>

#include <fmt/format.h>

#include "core/error.hpp"

namespace mpdts {

HotplugApp::HotplugApp(std::unique_ptr<Interactive> process, const HotplugContract& contract,
                       const Timeouts& timeouts)
    : session_(std::move(process), contract.prompt, Seconds(timeouts.command)),
      contract_(contract),
      timeouts_(timeouts),
      attach_ok_(contract.attach_ok),
      attach_failed_(contract.attach_failed),
      detach_ok_(contract.detach_ok),
      detach_failed_(contract.detach_failed) {}

std::string to_string(const std::vector<ListedPort>& ports) {
  if (ports.empty()) return "{} (no device)";
  std::string s;
  for (const auto& p : ports) s += fmt::format("{}{} {}", s.empty() ? "{" : ", ", p.port, p.name);
  return s + "}";
}

void HotplugApp::wait_ready() { session_.wait_prompt(Deadline::in(Seconds(timeouts_.start))); }

std::vector<ListedPort> HotplugApp::parse_list(const std::string& response, const HotplugContract& contract,
                                               const std::string& who) {
  const boost::regex entry(contract.list_entry);
  std::istringstream in(response);
  std::string line;
  bool header = false;
  std::vector<ListedPort> ports;
  while (std::getline(in, line)) {
    if (!header) {
      // The header may follow the echo of the command on the same terminal line in some line editors.
      header = line.size() >= contract.list_header.size() &&
               line.compare(line.size() - contract.list_header.size(), contract.list_header.size(),
                            contract.list_header) == 0;
      continue;
    }
    boost::smatch m;
    if (boost::regex_search(line, m, entry)) ports.push_back({std::stoi(m[1].str()), m[2].str()});
  }
  if (!header)
    throw HarnessError(fmt::format("{}: 'list' did not print the header '{}'; it printed:\n{}", who,
                                   contract.list_header, response));
  return ports;
}

std::vector<ListedPort> HotplugApp::list() { return parse_list(session_.command("list"), contract_, name()); }

HotplugReply HotplugApp::judge(std::string text, const boost::regex& ok, const boost::regex& failed) const {
  HotplugReply r;
  r.success = boost::regex_search(text, ok);
  r.failure = boost::regex_search(text, failed);
  r.text = std::move(text);
  return r;
}

HotplugReply HotplugApp::attach(const std::string& devargs) {
  return judge(session_.command("attach " + devargs), attach_ok_, attach_failed_);
}

HotplugReply HotplugApp::detach(const std::string& devargs) {
  return judge(session_.command("detach " + devargs), detach_ok_, detach_failed_);
}

ExitStatus HotplugApp::quit() {
  return session_.send_and_wait_exit(contract_.quit_command, Deadline::in(Seconds(timeouts_.quit)));
}

}  // namespace mpdts
