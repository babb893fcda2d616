#include "progress_view.hpp"

#include <fmt/format.h>

namespace mpdts::cli {
namespace {

using std::chrono::duration_cast;
using std::chrono::seconds;

bool starts_with(const std::string& s, const std::string& p) { return s.rfind(p, 0) == 0; }

// "[       OK ] Suite.Name (12 ms)" -> "Suite.Name"; also ", where GetParam() = ..." is cut.
std::string case_name_of(const std::string& line) {
  std::string rest = line.substr(line.find(']') + 2);
  for (const char* cut : {", where ", " ("})
    if (const auto at = rest.find(cut); at != std::string::npos) rest.resize(at);
  return rest;
}

double seconds_since(std::chrono::steady_clock::time_point from, std::chrono::steady_clock::time_point now) {
  return std::chrono::duration<double>(now - from).count();
}

}  // namespace

std::string clock_text(seconds elapsed) {
  const long s = static_cast<long>(elapsed.count());
  if (s >= 3600) return fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
  return fmt::format("{}:{:02}", s / 60, s % 60);
}

ProgressView::ProgressView(int total, bool verbose, Clock::time_point start, Print print)
    : total_(total), verbose_(verbose), start_(start), print_(std::move(print)), last_said_(start) {}

std::string ProgressView::prefix(Clock::time_point now) const {
  return fmt::format("[{:>7}] ", clock_text(duration_cast<seconds>(now - start_)));
}

void ProgressView::say(const std::string& text, Clock::time_point now) {
  print_(prefix(now) + text);
  last_said_ = now;
}

void ProgressView::finish_case(const std::string& verdict, Clock::time_point now) {
  const int width = static_cast<int>(std::to_string(total_).size());
  std::string text = fmt::format("[{:>{}}/{}] {:<4}  {}  ({:.1f} s)", started_, width, total_, verdict, case_, seconds_since(case_start_, now));
  if (verdict == "SKIP") {
    // gtest prints "<file>:<line>: Skipped" then the reason.
    for (std::size_t i = 0; i + 1 < body_.size(); ++i)
      if (body_[i].size() >= 9 && body_[i].compare(body_[i].size() - 9, 9, ": Skipped") == 0) {
        text += ": " + body_[i + 1];
        break;
      }
  }
  say(text, now);
  if (verdict == "FAIL" && !verbose_) {
    constexpr std::size_t kMaxLines = 40;  // the rest is in the report and the transcript
    std::size_t shown = 0;
    for (const auto& l : body_) {
      if (starts_with(l, "@mpdts-progress ")) continue;
      if (shown++ == kMaxLines) {
        print_("          ... (the rest is in the report)");
        break;
      }
      print_("          " + l);
    }
  }
  case_.clear();
  body_.clear();
  step_.clear();
}

void ProgressView::line(const std::string& text, Clock::time_point now) {
  if (verbose_ && !starts_with(text, "@mpdts-progress ")) print_(text);

  if (starts_with(text, "@mpdts-progress begin ")) {
    step_ = text.substr(22);
    step_start_ = now;
    say("          " + step_ + " ...", now);
    return;
  }
  if (starts_with(text, "@mpdts-progress end ")) {
    const std::string rest = text.substr(20);
    const auto space = rest.find(' ');
    say(fmt::format("          {}: done in {} s", rest.substr(space + 1), rest.substr(0, space)), now);
    step_.clear();
    return;
  }
  if (starts_with(text, "[ RUN      ] ")) {
    case_ = case_name_of(text);
    case_start_ = now;
    last_said_ = now;
    body_.clear();
    ++started_;
    return;
  }
  if (!case_.empty()) {
    if (starts_with(text, "[       OK ] ")) {
      ++passed_;
      finish_case("PASS", now);
    } else if (starts_with(text, "[  SKIPPED ] ")) {
      ++skipped_;
      finish_case("SKIP", now);
    } else if (starts_with(text, "[  FAILED  ] ")) {
      ++failed_;
      finish_case("FAIL", now);
    } else {
      body_.push_back(text);
    }
    return;
  }
  // Between cases: the harness's own messages (recovery, topology errors) are shown; gtest's
  // banners ("[==========] ...", "[----------] ...") and its final summary are not.
  if (!verbose_ && !text.empty() && !starts_with(text, "[") && !starts_with(text, "Note: ") &&
      !starts_with(text, "Repeating all tests") && text.find("FAILED TEST") == std::string::npos &&
      !starts_with(text, "  YOU HAVE"))
    print_(text);
}

void ProgressView::tick(Clock::time_point now) {
  if (case_.empty() || now - last_said_ < kQuietFor) return;
  std::string text = fmt::format("          still running {} ({:.0f} s)", case_, seconds_since(case_start_, now));
  if (!step_.empty()) text += fmt::format(": {} for {:.0f} s", step_, seconds_since(step_start_, now));
  say(text, now);
}

}  // namespace mpdts::cli
