// A running symmetric_mp process: started on a terminal, left to forward on its own, stopped with
// SIGINT. Only what the test plan shows of the application's output is read: one
// `Port <p>: RX - <n>, TX - <n>, Drop - <n>` line per port when it stops. Any build of that
// contract fits (the project's target prints 64-bit counters, DPDK's example 32-bit ones).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "process/interactive.hpp"
#include "process/transcript.hpp"

namespace mpdts {

// One `Port p: RX - a, TX - b, Drop - c` line.
struct PortCountLine {
  int port = -1;
  std::uint64_t rx = 0;
  std::uint64_t tx = 0;
  std::uint64_t drop = 0;
  std::string line;  // as printed, for failure messages
};

// What a process left when it was stopped.
struct SymmetricExit {
  std::optional<ExitStatus> status;  // nullopt: still running at the deadline
  std::string output;                // everything it printed
  std::vector<PortCountLine> lines;  // its port count lines, in order
};

class SymmetricApp {
 public:
  // `process` is a host process (ChildProcess) or one in the QEMU guest (GuestProcess).
  SymmetricApp(std::unique_ptr<Interactive> process, int proc_id);

  int proc_id() const { return proc_id_; }
  bool primary() const { return proc_id_ == 0; }
  const std::string& name() const { return process_->name(); }
  Interactive& process() { return *process_; }

  // Exited already? (a process that forwards never exits by itself)
  std::optional<ExitStatus> exited() { return process_->exit_status(); }
  // SIGINT to the process, then waits for its exit and the end of its output (both by `deadline`).
  SymmetricExit interrupt(Deadline deadline);

  // Every port count line of `output` (lines that only look similar, e.g. a port set-up line, are not).
  static std::vector<PortCountLine> parse_port_counts(const std::string& output);

 private:
  std::unique_ptr<Interactive> process_;
  int proc_id_;
};

}  // namespace mpdts
