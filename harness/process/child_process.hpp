// A program the harness started: in a session (and so a process group) of its own, with its output
// read continuously on a thread (so a chatty process never blocks on a full terminal buffer while
// the case talks to another one), and killed as a group when its owner goes away, whatever happened.
#pragma once

#include <sys/types.h>

#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/cleanup_stack.hpp"
#include "core/deadline.hpp"
#include "process/terminal_text.hpp"
#include "process/transcript.hpp"

namespace mpdts {

struct SpawnOptions {
  std::vector<std::string> argv;               // argv[0] is the program path; never run through a shell
  std::string name;                            // how the transcript calls it ("primary", "testpmd"...)
  bool terminal = true;                        // stdin/stdout/stderr on a pseudo-terminal, else pipes
  std::optional<std::string> netns;            // run inside /run/netns/<netns>
  std::map<std::string, std::string> env_set;  // added to the harness's environment
};

// How a process ended.
struct ExitStatus {
  int code = -1;    // exit code when it exited
  int signal = 0;   // terminating signal when killed
  std::string describe() const;
};

class ChildProcess {
 public:
  // Starts the program; throws HarnessError if it cannot be started (e.g. no such file).
  ChildProcess(SpawnOptions options, Transcript& transcript);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  const std::string& name() const { return options_.name; }
  Transcript& transcript() { return transcript_; }

  // Writes a line (a newline is added) to its standard input; recorded in the transcript.
  void send_line(std::string_view line);
  // Closes its standard input (end of file for a pipe, EOT for a terminal).
  void close_input();

  // Output the case has not consumed yet, as plain text (terminal codes removed).
  // wait_output() blocks until pred(unconsumed) returns npos-free position or the deadline passes or
  // output ends; see PromptSession for the usual use.
  template <class Pred>
  bool wait_output(Pred pred, Deadline deadline) {
    std::unique_lock lock(mutex_);
    return cv_.wait_until(lock, deadline.at(), [&] { return pred(unconsumed_) || output_closed_; }) &&
           pred(unconsumed_);
  }
  // Removes the first n characters of the unconsumed output and returns them.
  std::string consume(std::size_t n);
  std::string unconsumed() const;
  bool output_closed() const;

  // Waits until the process has exited (and reaps it); nullopt if the deadline passed first.
  std::optional<ExitStatus> wait_exit(Deadline deadline);
  // Exited already? (non-blocking; reaps it if so)
  std::optional<ExitStatus> exit_status();
  // Sends a signal to the process only (not its group).
  void signal(int sig);
  // SIGTERM to the group, then SIGKILL to the group when it has not exited within `grace`; reaps.
  ExitStatus stop(Seconds grace);

 private:
  void read_loop();
  void start_reader();

  SpawnOptions options_;
  Transcript& transcript_;
  pid_t pid_ = -1;
  int input_fd_ = -1;   // pty master or the write end of the stdin pipe
  int output_fd_ = -1;  // pty master (same fd) or the read end of the stdout/stderr pipe
  int pidfd_ = -1;
  int wake_fd_ = -1;    // eventfd that tells the reader thread to stop
  std::optional<ExitStatus> exit_;

  mutable std::mutex mutex_;
  std::condition_variable cv_;
  std::string unconsumed_;
  bool output_closed_ = false;
  TerminalText text_;
  std::thread reader_;
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
