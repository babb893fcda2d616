#include "vm/qmp_client.hpp"

#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "core/error.hpp"

namespace mpdts {

QmpClient::QmpClient(UniqueFd fd, Deadline deadline) : fd_(std::move(fd)) {
  const auto greeting = read_message(deadline);
  if (!greeting.contains("QMP")) throw HarnessError(fmt::format("QMP: expected QEMU's greeting, got {}", greeting.dump()));
  execute("qmp_capabilities", deadline);
}

nlohmann::json QmpClient::read_message(Deadline deadline) {
  for (;;) {
    // QEMU ends every message with CRLF and never breaks a line inside one.
    if (const auto nl = pending_.find('\n'); nl != std::string::npos) {
      const std::string line = pending_.substr(0, nl);
      pending_.erase(0, nl + 1);
      if (line.find_first_not_of(" \r") == std::string::npos) continue;
      try {
        return nlohmann::json::parse(line);
      } catch (const nlohmann::json::exception& e) {
        throw HarnessError(fmt::format("QMP: not JSON ({}): {}", e.what(), line));
      }
    }
    pollfd p{fd_.get(), POLLIN, 0};
    const int r = ::poll(&p, 1, deadline.poll_ms());
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) throw HarnessError(fmt::format("QMP: poll: {}", std::strerror(errno)));
    if (r == 0) throw HarnessError("QMP: QEMU did not answer in time");
    char buf[4096];
    const ssize_t n = ::read(fd_.get(), buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw HarnessError("QMP: QEMU closed its monitor");
    pending_.append(buf, static_cast<std::size_t>(n));
  }
}

nlohmann::json QmpClient::execute(const std::string& command, const nlohmann::json& arguments, Deadline deadline) {
  nlohmann::json request{{"execute", command}};
  if (!arguments.empty()) request["arguments"] = arguments;
  write_all(fd_.get(), request.dump() + "\n", "QEMU's monitor");
  for (;;) {
    auto reply = read_message(deadline);
    if (reply.contains("event")) {  // asynchronous: not the answer, kept for wait_event()
      events_.push_back(std::move(reply));
      continue;
    }
    if (reply.contains("error"))
      throw HarnessError(fmt::format("QMP {}: {}: {}", command, reply["error"].value("class", "?"),
                                     reply["error"].value("desc", reply.dump())));
    if (reply.contains("return")) return reply["return"];
    throw HarnessError(fmt::format("QMP {}: unexpected reply {}", command, reply.dump()));
  }
}

nlohmann::json QmpClient::wait_event(const std::string& name, const std::function<bool(const nlohmann::json&)>& accept,
                                     Deadline deadline) {
  auto matches = [&](const nlohmann::json& m) {
    return m.value("event", "") == name && accept(m.contains("data") ? m["data"] : nlohmann::json::object());
  };
  for (auto it = events_.begin(); it != events_.end(); ++it)
    if (matches(*it)) {
      auto data = (*it).value("data", nlohmann::json::object());
      events_.erase(events_.begin(), it + 1);
      return data;
    }
  events_.clear();
  for (;;) {
    auto m = read_message(deadline);
    if (matches(m)) return m.value("data", nlohmann::json::object());
  }
}

}  // namespace mpdts
