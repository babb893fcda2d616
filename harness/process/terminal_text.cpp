#include "process/terminal_text.hpp"

namespace mpdts {
namespace {

constexpr char kEsc = '\x1b';

// Length of the escape sequence at s[0] (an ESC), 0 if it is incomplete.
std::size_t escape_length(std::string_view s) {
  if (s.size() < 2) return 0;
  if (s[1] == '[') {  // CSI: ESC [ parameters... final byte in 0x40..0x7e
    for (std::size_t i = 2; i < s.size(); ++i)
      if (s[i] >= 0x40 && s[i] <= 0x7e) return i + 1;
    return 0;
  }
  if (s[1] == '(' || s[1] == ')') return s.size() >= 3 ? 3 : 0;  // charset selection
  return 2;                                                       // two-byte sequences (ESC 7, ESC M...)
}

}  // namespace

std::string TerminalText::feed(std::string_view chunk) {
  std::string in = pending_ + std::string(chunk);
  pending_.clear();
  std::string out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size();) {
    const char c = in[i];
    if (c == kEsc) {
      const auto len = escape_length(std::string_view(in).substr(i));
      if (len == 0) {
        pending_ = in.substr(i);
        break;
      }
      i += len;
      continue;
    }
    if (c != '\r' && c != '\a') out += c;
    ++i;
  }
  return out;
}

}  // namespace mpdts
