// The floor under the prompt engine: the fake interactive program on a pseudo-terminal, driven with
// bare write(2)/poll(2)/read(2) and a substring search for the prompt — no thread, no transcript,
// no terminal-text cleaning. What a prompt round-trip costs with no harness at all.
#pragma once

#include <sys/types.h>

#include <string>

namespace mpdts::bench {

class RawPtyFake {
 public:
  explicit RawPtyFake(const std::string& fake_program);  // starts it and reads up to its first prompt
  ~RawPtyFake();  // sends quit, closes the terminal, reaps it
  RawPtyFake(const RawPtyFake&) = delete;
  RawPtyFake& operator=(const RawPtyFake&) = delete;

  // Writes `line` and reads until the prompt; returns the bytes read (echo, reply, prompt).
  std::size_t round_trip(const std::string& line);

 private:
  void read_until_prompt();

  int master_ = -1;
  pid_t pid_ = -1;
  std::string buffer_;
};

}  // namespace mpdts::bench
