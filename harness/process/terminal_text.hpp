// Turns what a program writes to a terminal into plain text lines: drops carriage returns and
// terminal control sequences (DPDK's cmdline library draws its prompt with VT100 codes), and keeps
// an incomplete escape sequence until the rest of it arrives in the next chunk.
#pragma once

#include <string>
#include <string_view>

namespace mpdts {

class TerminalText {
 public:
  // Feed one chunk as read from the terminal; returns its plain-text part.
  std::string feed(std::string_view chunk);

 private:
  std::string pending_;  // an escape sequence cut at the end of the previous chunk
};

}  // namespace mpdts
