#include "process/transcript.hpp"

#include <cstdio>
#include <cstdlib>

#include <fmt/format.h>

namespace mpdts {

namespace {
// MPDTS_ECHO_TRANSCRIPT=1 streams every transcript line to stderr as it happens: live progress for
// a person, and an event stream for a test that must act in the middle of a case.
const bool kEcho = [] {
  const char* v = std::getenv("MPDTS_ECHO_TRANSCRIPT");
  return v && *v && std::string_view(v) != "0";
}();
}  // namespace

Transcript::Transcript() : start_(Clock::now()) {}

void Transcript::set_mirror(Transcript* other) {
  std::lock_guard lock(mirror_mutex_);
  mirror_ = other;
}

void Transcript::add(std::string_view who, Kind kind, std::string_view text) {
  std::lock_guard mirror_lock(mirror_mutex_);
  if (mirror_) mirror_->add(who, kind, text);
  const bool echo = kEcho && !mirror_;
  const Seconds at = Clock::now() - start_;
  std::lock_guard lock(mutex_);
  // One entry per line. Programs write a line in pieces (DPDK's cmdline writes its prompt a byte at a
  // time): a piece continues the same process's open line, unless something else came in between.
  while (!text.empty()) {
    const auto nl = text.find('\n');
    const auto piece = text.substr(0, nl);
    const bool ends_line = nl != std::string_view::npos;
    if (!entries_.empty() && entries_.back().open && entries_.back().who == who && kind == Kind::Output) {
      entries_.back().line += piece;
      entries_.back().open = !ends_line && kind == Kind::Output;
    } else {
      entries_.push_back({at, std::string(who), kind, std::string(piece), !ends_line && kind == Kind::Output});
    }
    if (echo) std::fputs(render({at, std::string(who), kind, std::string(piece)}).c_str(), stderr);
    if (!ends_line) break;
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
