#include "overhead/raw_pty_fake.hpp"

#include <poll.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace mpdts::bench {
namespace {

constexpr const char* kPrompt = "fake> ";
constexpr int kReadTimeoutMs = 5000;  // a hung fake fails the benchmark instead of hanging it

}  // namespace

RawPtyFake::RawPtyFake(const std::string& fake_program) {
  winsize ws{};
  ws.ws_row = 50;
  ws.ws_col = 250;  // as the harness's terminals
  pid_ = ::forkpty(&master_, nullptr, nullptr, &ws);
  if (pid_ < 0) throw std::runtime_error(std::string("forkpty: ") + std::strerror(errno));
  if (pid_ == 0) {
    ::execl(fake_program.c_str(), fake_program.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  read_until_prompt();
}

RawPtyFake::~RawPtyFake() {
  (void)!::write(master_, "quit\n", 5);
  ::close(master_);
  int status = 0;
  ::waitpid(pid_, &status, 0);
}

void RawPtyFake::read_until_prompt() {
  char buf[4096];
  for (;;) {
    if (const auto at = buffer_.find(kPrompt); at != std::string::npos) {
      buffer_.erase(0, at + std::strlen(kPrompt));
      return;
    }
    pollfd p{master_, POLLIN, 0};
    const int ready = ::poll(&p, 1, kReadTimeoutMs);
    if (ready == 0) throw std::runtime_error("the fake did not prompt within 5 s");
    if (ready < 0 && errno == EINTR) continue;
    const ssize_t n = ::read(master_, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw std::runtime_error("the fake's terminal closed");
    buffer_.append(buf, static_cast<std::size_t>(n));
  }
}

std::size_t RawPtyFake::round_trip(const std::string& line) {
  const std::string data = line + "\n";
  if (::write(master_, data.data(), data.size()) != static_cast<ssize_t>(data.size()))
    throw std::runtime_error("short write to the fake");
  const std::size_t before = buffer_.size();
  read_until_prompt();
  return before;
}

}  // namespace mpdts::bench
