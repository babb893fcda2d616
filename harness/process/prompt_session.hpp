// Expect-style conversation with an interactive program: wait for its prompt, send a command, take
// everything it printed up to the next prompt as the command's response. Every wait has a deadline;
// a timeout or the program's exit raises HarnessError carrying the end of the transcript.
#pragma once

#include <boost/regex.hpp>
#include <memory>
#include <string>
#include <vector>

#include "process/interactive.hpp"

namespace mpdts {

class PromptSession {
 public:
  PromptSession(std::unique_ptr<Interactive> process, std::string prompt, Seconds command_timeout);

  // Waits for the prompt; returns what came before it (the program's start-up output).
  std::string wait_prompt(Deadline deadline);
  // Sends a line and returns the response: the text printed before the next prompt. The echo of the
  // command, when the terminal or the program echoes it, is part of that text.
  std::string command(std::string_view line);
  std::string command(std::string_view line, Deadline deadline);
  // Waits for a line matching `pattern` (searched in output not consumed yet); consumes up to the
  // end of the match and returns the whole match and its groups (index 0 is the whole match).
  std::vector<std::string> expect(const boost::regex& pattern, Deadline deadline);

  // Sends a line that should make the program exit (e.g. "quit") and waits for the exit.
  ExitStatus send_and_wait_exit(std::string_view line, Deadline deadline);

  Interactive& process() { return *process_; }
  const std::string& name() const { return process_->name(); }
  Seconds command_timeout() const { return command_timeout_; }

 private:
  [[noreturn]] void fail(std::string_view waiting_for, Deadline deadline);

  std::unique_ptr<Interactive> process_;
  std::string prompt_;
  Seconds command_timeout_;
};

}  // namespace mpdts
