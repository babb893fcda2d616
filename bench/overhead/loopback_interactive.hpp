// An Interactive with no process behind it: each line sent is answered at once, in the caller's
// thread, with a fixed reply and the prompt. The prompt engine over it costs only the engine itself
// (predicate, consume, transcript) — no terminal, no thread hand-off, no scheduler.
#pragma once

#include <string>

#include "process/interactive.hpp"
#include "process/transcript.hpp"

namespace mpdts::bench {

class LoopbackInteractive : public Interactive {
 public:
  LoopbackInteractive(std::string reply, std::string prompt) : reply_(std::move(reply)), prompt_(std::move(prompt)) {
    pending_ = prompt_;
  }

  const std::string& name() const override { return name_; }
  Transcript& transcript() override { return transcript_; }
  void send_line(std::string_view line) override {
    transcript_.sent(name_, line);
    const std::string out = std::string(line) + "\r\n" + reply_ + "\r\n" + prompt_;  // as a terminal echoes it
    transcript_.output(name_, out);
    pending_ += out;
  }
  bool wait_output(const std::function<bool(const std::string&)>& pred, Deadline) override { return pred(pending_); }
  std::string consume(std::size_t n) override {
    std::string out = pending_.substr(0, n);
    pending_.erase(0, n);
    return out;
  }
  std::string unconsumed() const override { return pending_; }
  bool output_closed() const override { return false; }
  std::optional<ExitStatus> wait_exit(Deadline) override { return std::nullopt; }
  std::optional<ExitStatus> exit_status() override { return std::nullopt; }
  void signal(int) override {}

 private:
  std::string name_ = "loopback";
  std::string reply_, prompt_, pending_;
  Transcript transcript_;
};

}  // namespace mpdts::bench
