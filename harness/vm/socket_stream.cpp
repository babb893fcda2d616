#include "vm/socket_stream.hpp"

#include <sys/socket.h>

#include "process/transcript.hpp"

namespace mpdts {

SocketStream::SocketStream(UniqueFd fd, std::string name, Transcript& transcript)
    : fd_(std::move(fd)), name_(std::move(name)), transcript_(transcript) {
  pump_ = std::make_unique<OutputPump>(fd_.get(), name_, transcript_);
}

SocketStream::~SocketStream() {
  ::shutdown(fd_.get(), SHUT_RDWR);  // the pump sees end of file
  pump_.reset();                     // joins its thread before the fd is closed
}

void SocketStream::send(std::string_view bytes, std::string_view shown) {
  transcript_.sent(name_, shown);
  write_all(fd_.get(), bytes, name_);
}

void SocketStream::send_line(std::string_view line) {
  std::string data(line);
  data += '\n';
  send(data, line);
}

std::unique_ptr<SocketStream> connect_console(const std::filesystem::path& socket, std::string name,
                                              Transcript& transcript) {
  return std::make_unique<SocketStream>(connect_unix(socket), std::move(name), transcript);
}

}  // namespace mpdts
