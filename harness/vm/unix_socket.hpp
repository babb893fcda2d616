// Unix stream sockets between the harness and QEMU: a listening socket the harness owns (QEMU
// connects to it as a client, so nothing the guest writes can be lost before the harness is there)
// and connections to the sockets QEMU listens on.
#pragma once

#include <filesystem>
#include <functional>

#include "core/deadline.hpp"

namespace mpdts {

// An open file descriptor, closed on destruction.
class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : fd_(fd) {}
  UniqueFd(UniqueFd&& o) noexcept : fd_(o.release()) {}
  UniqueFd& operator=(UniqueFd&& o) noexcept;
  ~UniqueFd();
  int get() const { return fd_; }
  int release();
  explicit operator bool() const { return fd_ >= 0; }

 private:
  int fd_ = -1;
};

class UnixListener {
 public:
  // Binds and listens on `path` (which must not exist); the file is removed on destruction.
  explicit UnixListener(std::filesystem::path path);
  ~UnixListener();
  UnixListener(const UnixListener&) = delete;
  UnixListener& operator=(const UnixListener&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // Waits for one connection. `keep_waiting` is asked between polls (e.g. "is QEMU still running?");
  // throws HarnessError when it says no or the deadline passes.
  UniqueFd accept(Deadline deadline, const std::function<bool()>& keep_waiting);

 private:
  std::filesystem::path path_;
  UniqueFd fd_;
};

// Connects to a listening unix socket; throws HarnessError if it cannot.
UniqueFd connect_unix(const std::filesystem::path& path);

// Writes all of `data`, or throws HarnessError naming `who`.
void write_all(int fd, std::string_view data, std::string_view who);

}  // namespace mpdts
