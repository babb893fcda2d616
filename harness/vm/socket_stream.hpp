// A byte stream to something in the guest over a unix socket (a virtio console): what arrives is
// read continuously into a buffer and the transcript, what is sent is recorded too.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/deadline.hpp"
#include "process/output_pump.hpp"
#include "vm/unix_socket.hpp"

namespace mpdts {

class Transcript;

class SocketStream {
 public:
  // Takes the connected socket `fd`; `name` is how the transcript calls the other end.
  SocketStream(UniqueFd fd, std::string name, Transcript& transcript);
  ~SocketStream();
  SocketStream(const SocketStream&) = delete;
  SocketStream& operator=(const SocketStream&) = delete;

  const std::string& name() const { return name_; }
  Transcript& transcript() { return transcript_; }

  // Sends bytes as they are; `shown` is what the transcript records (default: the bytes).
  void send(std::string_view bytes, std::string_view shown);
  void send(std::string_view bytes) { send(bytes, bytes); }
  void send_line(std::string_view line);  // line + "\n", recorded as the line

  // As Interactive: output not consumed yet (plain text), waiting with a deadline.
  bool wait_output(const std::function<bool(const std::string&)>& pred, Deadline deadline) {
    return pump_->wait(pred, deadline);
  }
  std::string consume(std::size_t n) { return pump_->consume(n); }
  std::string unconsumed() const { return pump_->unconsumed(); }
  bool closed() const { return pump_->closed(); }

 private:
  UniqueFd fd_;
  std::string name_;
  Transcript& transcript_;
  std::unique_ptr<OutputPump> pump_;
};

// Connects to one of the console sockets QEMU listens on (QemuGuest::console_socket()).
std::unique_ptr<SocketStream> connect_console(const std::filesystem::path& socket, std::string name,
                                              Transcript& transcript);

}  // namespace mpdts
