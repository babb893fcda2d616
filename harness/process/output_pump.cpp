#include "process/output_pump.hpp"

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>

#include "process/transcript.hpp"

namespace mpdts {

OutputPump::OutputPump(int fd, std::string name, Transcript& transcript)
    : fd_(fd), wake_fd_(eventfd(0, EFD_CLOEXEC)), name_(std::move(name)), transcript_(transcript) {
  thread_ = std::thread([this] { run(); });
}

OutputPump::~OutputPump() {
  const std::uint64_t one = 1;
  (void)::write(wake_fd_, &one, sizeof one);
  if (thread_.joinable()) thread_.join();
  ::close(wake_fd_);
}

void OutputPump::run() {
  char buf[65536];
  for (;;) {
    pollfd fds[2] = {{fd_, POLLIN, 0}, {wake_fd_, POLLIN, 0}};
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (fds[1].revents) break;
    const ssize_t n = ::read(fd_, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    const std::string text = text_.feed(std::string_view(buf, static_cast<std::size_t>(n)));
    if (!text.empty()) transcript_.output(name_, text);
    {
      std::lock_guard lock(mutex_);
      unconsumed_ += text;
    }
    cv_.notify_all();
  }
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
  }
  cv_.notify_all();
}

bool OutputPump::wait(const std::function<bool(const std::string&)>& pred, Deadline deadline) {
  std::unique_lock lock(mutex_);
  return cv_.wait_until(lock, deadline.at(), [&] { return pred(unconsumed_) || closed_; }) && pred(unconsumed_);
}

std::string OutputPump::consume(std::size_t n) {
  std::lock_guard lock(mutex_);
  n = std::min(n, unconsumed_.size());
  std::string out = unconsumed_.substr(0, n);
  unconsumed_.erase(0, n);
  return out;
}

std::string OutputPump::unconsumed() const {
  std::lock_guard lock(mutex_);
  return unconsumed_;
}

bool OutputPump::closed() const {
  std::lock_guard lock(mutex_);
  return closed_;
}

}  // namespace mpdts
