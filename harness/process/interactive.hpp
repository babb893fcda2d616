// What the prompt engine needs of a program it talks to, wherever that program runs: a line in, a
// growing text out, its end. A host process (ChildProcess) and a program in a QEMU guest reached
// over a virtio console are both driven through this, by the same sessions and checks.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/deadline.hpp"

namespace mpdts {

class Transcript;

// How a program ended.
struct ExitStatus {
  int code = -1;    // exit code when it exited
  int signal = 0;   // terminating signal when killed
  std::string describe() const;
};

class Interactive {
 public:
  virtual ~Interactive() = default;

  virtual const std::string& name() const = 0;
  virtual Transcript& transcript() = 0;

  // Writes a line (a newline is added) to its input; recorded in the transcript.
  virtual void send_line(std::string_view line) = 0;

  // Output not consumed yet, as plain text (terminal codes removed). wait_output() returns true as
  // soon as pred(unconsumed) holds, false when the deadline passes or the output ends first.
  virtual bool wait_output(const std::function<bool(const std::string&)>& pred, Deadline deadline) = 0;
  virtual std::string consume(std::size_t n) = 0;  // removes and returns the first n characters
  virtual std::string unconsumed() const = 0;
  virtual bool output_closed() const = 0;

  // Waits for the program to end; nullopt if the deadline passed first.
  virtual std::optional<ExitStatus> wait_exit(Deadline deadline) = 0;
  virtual std::optional<ExitStatus> exit_status() = 0;  // ended already? (does not wait)
  virtual void signal(int sig) = 0;                      // to the program itself
};

}  // namespace mpdts
