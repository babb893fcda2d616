// A program the harness started: in a session (and so a process group) of its own, with its output
// read continuously on a thread (so a chatty process never blocks on a full terminal buffer while
// the case talks to another one), and killed as a group when its owner goes away, whatever happened.
#pragma once

#include <sys/types.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/cleanup_stack.hpp"
#include "core/deadline.hpp"
#include "process/interactive.hpp"
#include "process/output_pump.hpp"
#include "process/transcript.hpp"

namespace mpdts {

struct SpawnOptions {
  std::vector<std::string> argv;               // argv[0] is the program path; never run through a shell
  std::string name;                            // how the transcript calls it ("primary", "testpmd"...)
  bool terminal = true;                        // stdin/stdout/stderr on a pseudo-terminal, else pipes
  std::optional<std::string> netns;            // run inside /run/netns/<netns>
  std::map<std::string, std::string> env_set;  // added to the harness's environment
};

class ChildProcess : public Interactive {
 public:
  // Starts the program; throws HarnessError if it cannot be started (e.g. no such file).
  ChildProcess(SpawnOptions options, Transcript& transcript);
  ~ChildProcess() override;
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  const std::string& name() const override { return options_.name; }
  Transcript& transcript() override { return transcript_; }

  void send_line(std::string_view line) override;
  // Closes its standard input (end of file for a pipe, EOT for a terminal).
  void close_input();

  bool wait_output(const std::function<bool(const std::string&)>& pred, Deadline deadline) override {
    return output_->wait(pred, deadline);
  }
  std::string consume(std::size_t n) override { return output_->consume(n); }
  std::string unconsumed() const override { return output_->unconsumed(); }
  bool output_closed() const override { return output_->closed(); }

  // Waits until the process has exited (and reaps it); nullopt if the deadline passed first.
  std::optional<ExitStatus> wait_exit(Deadline deadline) override;
  std::optional<ExitStatus> exit_status() override;  // reaps it if it has exited
  void signal(int sig) override;                      // to the process only, not its group
  // SIGTERM to the group, then SIGKILL to the group when it has not exited within `grace`; reaps.
  ExitStatus stop(Seconds grace);

 private:
  SpawnOptions options_;
  Transcript& transcript_;
  pid_t pid_ = -1;
  int input_fd_ = -1;   // pty master or the write end of the stdin pipe
  int output_fd_ = -1;  // pty master (same fd) or the read end of the stdout/stderr pipe
  int pidfd_ = -1;
  std::optional<ExitStatus> exit_;
  std::unique_ptr<OutputPump> output_;
  ScopedCleanup cleanup_;  // kills the group if the harness is interrupted
};

// Runs a program to completion (no terminal, output captured), with a deadline.
struct CommandResult {
  ExitStatus status;
  std::string output;  // stdout and stderr together
  bool ok() const { return status.signal == 0 && status.code == 0; }
};
CommandResult run_command(const std::vector<std::string>& argv, Deadline deadline, Transcript* transcript = nullptr,
                          std::optional<std::string> netns = std::nullopt);
// Same, but throws HarnessError (with the command and its output) unless it exits 0.
std::string run_checked(const std::vector<std::string>& argv, Deadline deadline, Transcript* transcript = nullptr,
                        std::optional<std::string> netns = std::nullopt);

std::string join_argv(const std::vector<std::string>& argv);

}  // namespace mpdts
