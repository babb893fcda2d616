#include "conformance/stopped_suite.hpp"

#include <boost/regex.hpp>

#include "process/child_process.hpp"

namespace mpdts::conformance {

StoppedSuite::StoppedSuite(const std::vector<std::string>& args, const std::map<std::string, std::string>& env) {
  SpawnOptions opts{{MPDTS_CASES}, "suite", false, std::nullopt, env};
  opts.argv.insert(opts.argv.end(), args.begin(), args.end());
  opts.env_set["MPDTS_ECHO_TRANSCRIPT"] = "1";
  session_ = std::make_unique<PromptSession>(std::make_unique<ChildProcess>(opts, transcript_), "(no prompt)",
                                             Seconds(60));
}

void StoppedSuite::wait_mid_case(Seconds timeout) {
  session_->expect(boost::regex(R"(secondary +\| example> )"), Deadline::in(timeout));
}

std::optional<ExitStatus> StoppedSuite::stop(int signal, Seconds timeout) {
  session_->process().signal(signal);
  auto status = session_->process().wait_exit(Deadline::in(timeout));
  // The output thread may still hold the last lines: wait until the pipe is drained (closed).
  if (status) session_->process().wait_output([](const std::string&) { return false; }, Deadline::in(Seconds(10)));
  return status;
}

pid_t StoppedSuite::pid() { return dynamic_cast<ChildProcess&>(session_->process()).pid(); }

std::set<std::string> StoppedSuite::mentions(const char* pattern) const {
  const std::string text = transcript_.text();
  std::set<std::string> out;
  const boost::regex re(pattern);
  for (boost::sregex_iterator it(text.begin(), text.end(), re), end; it != end; ++it) out.insert((*it)[1]);
  return out;
}

std::set<int> StoppedSuite::pids_started() const {
  std::set<int> pids;
  for (const auto& p : mentions(R"(started, pid ([0-9]+))")) pids.insert(std::stoi(p));
  return pids;
}

}  // namespace mpdts::conformance
