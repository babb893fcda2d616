// Reads a program's output from a file descriptor on a thread of its own, as it comes, into a
// buffer the case consumes and into the transcript — so a chatty program never blocks on a full
// terminal or socket buffer while the case talks to another one.
#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "core/deadline.hpp"
#include "process/terminal_text.hpp"

namespace mpdts {

class Transcript;

class OutputPump {
 public:
  // Starts reading `fd` (not owned) on behalf of `name`.
  OutputPump(int fd, std::string name, Transcript& transcript);
  ~OutputPump();  // stops reading and joins the thread
  OutputPump(const OutputPump&) = delete;
  OutputPump& operator=(const OutputPump&) = delete;

  bool wait(const std::function<bool(const std::string&)>& pred, Deadline deadline);
  std::string consume(std::size_t n);
  std::string unconsumed() const;
  bool closed() const;  // end of file (or EIO on a pty whose every holder has gone)

 private:
  void run();

  int fd_;
  int wake_fd_;
  std::string name_;
  Transcript& transcript_;
  TerminalText text_;
  mutable std::mutex mutex_;
  std::condition_variable cv_;
  std::string unconsumed_;
  bool closed_ = false;
  std::thread thread_;
};

}  // namespace mpdts
