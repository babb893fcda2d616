// A timestamped record of everything a case sent to and received from its processes, in arrival
// order. It is the evidence attached to every verdict.
#pragma once

#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/deadline.hpp"

namespace mpdts {

class Transcript {
 public:
  enum class Kind { Sent, Output, Note };

  Transcript();

  void sent(std::string_view who, std::string_view line) { add(who, Kind::Sent, line); }
  void output(std::string_view who, std::string_view text) { add(who, Kind::Output, text); }
  void note(std::string_view who, std::string_view text) { add(who, Kind::Note, text); }

  // The whole transcript as text, one line per entry: "+  1.234s primary   | list all etherdev".
  std::string text() const;
  // The last n lines, for failure messages.
  std::string tail(std::size_t n) const;

  // While set, every entry is also added to `other` (with other's timestamps): a transcript that
  // outlives cases (the QEMU guest lab's) shows what happens during a case in that case's
  // transcript. Unset it (nullptr) before `other` goes; unsetting waits for an entry being copied.
  // Only this transcript's own entries echo (MPDTS_ECHO_TRANSCRIPT) while it has no mirror.
  void set_mirror(Transcript* other);

 private:
  struct Entry {
    Seconds at;
    std::string who;
    Kind kind;
    std::string line;
    bool open = false;  // output line still waiting for its newline: the next chunk continues it
  };
  void add(std::string_view who, Kind kind, std::string_view text);
  static std::string render(const Entry& e);

  Clock::time_point start_;
  std::mutex mirror_mutex_;  // held while an entry is copied to mirror_
  Transcript* mirror_ = nullptr;
  mutable std::mutex mutex_;
  std::vector<Entry> entries_;
};

}  // namespace mpdts
