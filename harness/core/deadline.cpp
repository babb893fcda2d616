#include "core/deadline.hpp"

#include <fmt/format.h>

namespace mpdts {

int Deadline::poll_ms() const {
  auto left = std::chrono::ceil<std::chrono::milliseconds>(at_ - Clock::now()).count();
  if (left <= 0) return 0;
  return left > 3'600'000 ? 3'600'000 : static_cast<int>(left);
}

std::string format_seconds(Seconds d) { return fmt::format("{:.3f}s", d.count()); }

}  // namespace mpdts
