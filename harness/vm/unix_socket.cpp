#include "vm/unix_socket.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

#include <fmt/format.h>

#include "core/error.hpp"

namespace mpdts {

UniqueFd& UniqueFd::operator=(UniqueFd&& o) noexcept {
  if (this != &o) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = o.release();
  }
  return *this;
}

UniqueFd::~UniqueFd() {
  if (fd_ >= 0) ::close(fd_);
}

int UniqueFd::release() { return std::exchange(fd_, -1); }

namespace {

sockaddr_un address_of(const std::filesystem::path& path) {
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  const std::string s = path.string();
  if (s.size() >= sizeof addr.sun_path)
    throw HarnessError(fmt::format("unix socket path too long ({} bytes, at most {}): {}", s.size(),
                                   sizeof addr.sun_path - 1, s));
  std::memcpy(addr.sun_path, s.c_str(), s.size() + 1);
  return addr;
}

}  // namespace

UnixListener::UnixListener(std::filesystem::path path) : path_(std::move(path)) {
  const sockaddr_un addr = address_of(path_);
  fd_ = UniqueFd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!fd_) throw HarnessError(fmt::format("socket: {}", std::strerror(errno)));
  if (::bind(fd_.get(), reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0)
    throw HarnessError(fmt::format("cannot bind unix socket {}: {}", path_.string(), std::strerror(errno)));
  if (::listen(fd_.get(), 1) != 0) {
    const int err = errno;
    ::unlink(path_.c_str());
    throw HarnessError(fmt::format("cannot listen on {}: {}", path_.string(), std::strerror(err)));
  }
}

UnixListener::~UnixListener() {
  if (fd_) ::unlink(path_.c_str());
}

UniqueFd UnixListener::accept(Deadline deadline, const std::function<bool()>& keep_waiting) {
  for (;;) {
    if (!keep_waiting()) throw HarnessError(fmt::format("gave up waiting for a connection on {}", path_.string()));
    // Short polls so that a peer that died is noticed quickly; the connection itself wakes us at once.
    pollfd p{fd_.get(), POLLIN, 0};
    const int r = ::poll(&p, 1, std::min(deadline.poll_ms(), 100));
    if (r < 0 && errno != EINTR) throw HarnessError(fmt::format("poll: {}", std::strerror(errno)));
    if (r > 0) {
      UniqueFd conn(::accept4(fd_.get(), nullptr, nullptr, SOCK_CLOEXEC));
      if (conn) return conn;
      if (errno != EINTR && errno != EAGAIN)
        throw HarnessError(fmt::format("accept on {}: {}", path_.string(), std::strerror(errno)));
    }
    if (deadline.expired()) throw HarnessError(fmt::format("nothing connected to {} in time", path_.string()));
  }
}

UniqueFd connect_unix(const std::filesystem::path& path) {
  const sockaddr_un addr = address_of(path);
  UniqueFd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!fd) throw HarnessError(fmt::format("socket: {}", std::strerror(errno)));
  int r;
  do {
    r = ::connect(fd.get(), reinterpret_cast<const sockaddr*>(&addr), sizeof addr);
  } while (r != 0 && errno == EINTR);
  if (r != 0) throw HarnessError(fmt::format("cannot connect to {}: {}", path.string(), std::strerror(errno)));
  return fd;
}

void write_all(int fd, std::string_view data, std::string_view who) {
  while (!data.empty()) {
    const ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw HarnessError(fmt::format("cannot write to {}: {}", who, std::strerror(errno)));
    data.remove_prefix(static_cast<std::size_t>(n));
  }
}

}  // namespace mpdts
