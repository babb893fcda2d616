// QEMU's machine protocol (QMP) over a unix socket: the capabilities handshake, then one command at
// a time with a deadline. Asynchronous events QEMU sends in between are skipped. Only what the
// harness needs from the monitor: pausing a guest and streaming its state to a file.
#pragma once

#include <deque>
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/deadline.hpp"
#include "vm/unix_socket.hpp"

namespace mpdts {

class QmpClient {
 public:
  // Reads QEMU's greeting and negotiates capabilities; throws HarnessError when QEMU does not answer
  // in time or says something else.
  QmpClient(UniqueFd fd, Deadline deadline);

  // Runs `command`; returns its "return" member. Throws HarnessError for an "error" reply (with its
  // class and description), a closed socket or the deadline.
  nlohmann::json execute(const std::string& command, const nlohmann::json& arguments, Deadline deadline);
  nlohmann::json execute(const std::string& command, Deadline deadline) {
    return execute(command, nlohmann::json::object(), deadline);
  }

  // Waits for an event named `name` whose "data" satisfies `accept` (events that arrived during
  // execute() count); returns its data. Throws HarnessError at the deadline or when QEMU closes.
  nlohmann::json wait_event(const std::string& name, const std::function<bool(const nlohmann::json&)>& accept,
                            Deadline deadline);

 private:
  nlohmann::json read_message(Deadline deadline);

  UniqueFd fd_;
  std::string pending_;                // bytes read past the last message
  std::deque<nlohmann::json> events_;  // events that came while a command waited for its reply
};

}  // namespace mpdts
