#include "process/prompt_session.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "process/transcript.hpp"

namespace mpdts {

PromptSession::PromptSession(std::unique_ptr<Interactive> process, std::string prompt, Seconds command_timeout)
    : process_(std::move(process)), prompt_(std::move(prompt)), command_timeout_(command_timeout) {}

void PromptSession::fail(std::string_view waiting_for, Deadline deadline) {
  std::string why;
  // Output ends as the process exits, a moment before it can be reaped: give the exit a moment.
  if (process_->output_closed()) process_->wait_exit(Deadline::in(Seconds(2)));
  if (auto st = process_->exit_status())
    why = fmt::format("{} {} while waiting for {}", name(), st->describe(), waiting_for);
  else if (process_->output_closed())
    why = fmt::format("{} closed its output while waiting for {}", name(), waiting_for);
  else
    why = fmt::format("timed out waiting for {} from {}", waiting_for, name());
  (void)deadline;
  process_->transcript().note(name(), why);
  const std::string pending = process_->unconsumed();
  throw HarnessError(fmt::format("{}\n-- output not yet consumed: [{}]\n-- transcript tail:\n{}", why, pending,
                                 process_->transcript().tail(25)));
}

std::string PromptSession::wait_prompt(Deadline deadline) {
  std::size_t at = std::string::npos;
  const bool found = process_->wait_output(
      [&](const std::string& out) {
        at = out.find(prompt_);
        return at != std::string::npos;
      },
      deadline);
  if (!found) fail(fmt::format("the prompt '{}'", prompt_), deadline);
  std::string before = process_->consume(at + prompt_.size());
  before.resize(at);
  return before;
}

std::string PromptSession::command(std::string_view line) { return command(line, Deadline::in(command_timeout_)); }

std::string PromptSession::command(std::string_view line, Deadline deadline) {
  process_->send_line(line);
  return wait_prompt(deadline);
}

std::vector<std::string> PromptSession::expect(const boost::regex& pattern, Deadline deadline) {
  std::vector<std::string> groups;
  std::size_t end = 0;
  const bool found = process_->wait_output(
      [&](const std::string& out) {
        boost::smatch m;
        if (!boost::regex_search(out, m, pattern)) return false;
        groups.assign(m.begin(), m.end());
        end = static_cast<std::size_t>(m[0].second - out.begin());
        return true;
      },
      deadline);
  if (!found) fail(fmt::format("/{}/", pattern.str()), deadline);
  process_->consume(end);
  return groups;
}

ExitStatus PromptSession::send_and_wait_exit(std::string_view line, Deadline deadline) {
  process_->send_line(line);
  auto st = process_->wait_exit(deadline);
  if (!st) fail("the program to exit", deadline);
  return *st;
}

}  // namespace mpdts
