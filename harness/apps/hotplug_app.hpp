// A running hotplug_mp process driven through its prompt and read through the topology's output
// contract only — so the same code drives the project's target, DPDK's example or any other build.
#pragma once

#include <boost/regex.hpp>
#include <memory>
#include <string>
#include <vector>

#include "process/prompt_session.hpp"
#include "topology/topology.hpp"

namespace mpdts {

struct ListedPort {
  int port = -1;
  std::string name;
  bool operator==(const ListedPort&) const = default;
};
// "{0 net_null0, 1 net_ring0}", or "{} (no device)": how checks show a list.
std::string to_string(const std::vector<ListedPort>& ports);

// What one attach or detach printed, judged against the contract's result patterns.
struct HotplugReply {
  std::string text;       // everything printed in response
  bool success = false;   // a line matched the success pattern
  bool failure = false;   // a line matched the failure pattern
};

class HotplugApp {
 public:
  HotplugApp(std::unique_ptr<Interactive> process, const HotplugContract& contract, const Timeouts& timeouts);

  // Waits for the first prompt (EAL init done).
  void wait_ready();
  std::vector<ListedPort> list();
  HotplugReply attach(const std::string& devargs);
  HotplugReply detach(const std::string& devargs);
  // quit, and wait for the process to exit.
  ExitStatus quit();

  const std::string& name() const { return session_.name(); }
  Interactive& process() { return session_.process(); }

  // Parses a `list` response; throws HarnessError when the header is missing.
  static std::vector<ListedPort> parse_list(const std::string& response, const HotplugContract& contract,
                                            const std::string& who);

 private:
  HotplugReply judge(std::string text, const boost::regex& ok, const boost::regex& failed) const;

  PromptSession session_;
  HotplugContract contract_;
  Timeouts timeouts_;
  boost::regex attach_ok_, attach_failed_, detach_ok_, detach_failed_;
};

}  // namespace mpdts
