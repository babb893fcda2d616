#include "process/transcript.hpp"

#include <fmt/format.h>

namespace mpdts {

Transcript::Transcript() : start_(Clock::now()) {}

void Transcript::add(std::string_view who, Kind kind, std::string_view text) {
  const Seconds at = Clock::now() - start_;
  std::lock_guard lock(mutex_);
  // One entry per line; a chunk that ends without a newline (a prompt) is an entry of its own.
  while (!text.empty()) {
    const auto nl = text.find('\n');
    const auto line = text.substr(0, nl);
    entries_.push_back({at, std::string(who), kind, std::string(line)});
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
}

std::string Transcript::render(const Entry& e) {
  const char mark = e.kind == Kind::Sent ? '>' : e.kind == Kind::Output ? '|' : '#';
  return fmt::format("+{:8.3f}s {:<10} {} {}\n", e.at.count(), e.who, mark, e.line);
}

std::string Transcript::text() const {
  std::lock_guard lock(mutex_);
  std::string out;
  for (const auto& e : entries_) out += render(e);
  return out;
}

std::string Transcript::tail(std::size_t n) const {
  std::lock_guard lock(mutex_);
  std::string out;
  const std::size_t from = entries_.size() > n ? entries_.size() - n : 0;
  for (std::size_t i = from; i < entries_.size(); ++i) out += render(entries_[i]);
  return out;
}

}  // namespace mpdts
