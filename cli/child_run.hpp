// Runs a program (the cases binary) with its stdout and stderr merged into one pipe and hands each
// line to the caller as it comes, with a tick every second for progress. The child runs in a
// process group of its own; a SIGINT, SIGTERM or SIGHUP that `mpdts` receives is passed on to it
// once (it undoes everything and exits 128+signal), and the child is always waited for.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace mpdts::cli {

struct ChildOutcome {
  int exit_code = 0;         // the child's exit code, or 128+signal if a signal ended it
  int signal = 0;            // the signal that ended the child (0: it exited)
  int interrupted_by = 0;    // the first signal `mpdts` received and passed on (0: none)
};

struct ChildCallbacks {
  std::function<void(const std::string& line)> on_line;
  std::function<void()> on_tick;  // about once a second while the child runs
};

// Throws std::runtime_error when the child cannot be started.
ChildOutcome run_child(const std::vector<std::string>& argv, const std::vector<std::string>& extra_env,
                       const ChildCallbacks& callbacks);

// Runs a program to its end and returns its stdout (stderr passes through); exit code in *code.
std::string capture_output(const std::vector<std::string>& argv, int* code);

}  // namespace mpdts::cli
