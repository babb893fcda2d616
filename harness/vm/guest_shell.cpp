#include "vm/guest_shell.hpp"

#include <algorithm>
#include <cmath>
#include <random>

#include <boost/regex.hpp>
#include <fmt/format.h>

#include "core/error.hpp"
#include "process/transcript.hpp"

namespace mpdts {
namespace {

const std::string kReady = "@@mpdts-ready@@";

std::string base64(std::string_view in) {
  static const char* table = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const unsigned v = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8) |
                       static_cast<unsigned char>(in[i + 2]);
    out += {table[(v >> 18) & 63], table[(v >> 12) & 63], table[(v >> 6) & 63], table[v & 63]};
  }
  if (i + 1 == in.size()) {
    const unsigned v = static_cast<unsigned char>(in[i]) << 16;
    out += {table[(v >> 18) & 63], table[(v >> 12) & 63], '=', '='};
  } else if (i + 2 == in.size()) {
    const unsigned v = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8);
    out += {table[(v >> 18) & 63], table[(v >> 12) & 63], table[(v >> 6) & 63], '='};
  }
  return out;
}

std::string new_nonce() {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  return fmt::format("{:016x}", rng());
}

}  // namespace

std::optional<int> console_exit_status(const std::string& text, int pid) {
  const std::string marker = fmt::format("@@mpdts-exit {} ", pid);
  const auto at = text.find(marker);
  if (at == std::string::npos) return std::nullopt;
  const auto end = text.find("@@", at + marker.size());
  if (end == std::string::npos) return std::nullopt;
  try {
    return std::stoi(text.substr(at + marker.size(), end - at - marker.size()));
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::string shell_quote(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  return out + "'";
}

std::string shell_join(const std::vector<std::string>& argv) {
  std::string out;
  for (const auto& a : argv) {
    if (!out.empty()) out += ' ';
    out += shell_quote(a);
  }
  return out;
}

GuestShell::GuestShell(std::unique_ptr<SocketStream> stream) : stream_(std::move(stream)) {}

void GuestShell::fail(const std::string& why) {
  stream_->transcript().note(stream_->name(), why);
  throw HarnessError(fmt::format("{}\n-- output not yet consumed: [{}]\n-- transcript tail:\n{}", why,
                                 stream_->unconsumed(), stream_->transcript().tail(25)));
}

void GuestShell::wait_ready(Deadline deadline) {
  std::size_t at = std::string::npos;
  const bool found = stream_->wait_output(
      [&](const std::string& out) {
        at = out.find(kReady);
        return at != std::string::npos;
      },
      deadline);
  if (!found)
    fail(stream_->closed() ? "the guest's control channel closed before its shell was ready"
                           : "timed out waiting for the guest's control shell to be ready");
  stream_->consume(at + kReady.size());
}

std::string GuestShell::frame(std::string_view command, const std::string& nonce, Deadline deadline) const {
  // The guest kills the command a little before our deadline, so that its end marker (status 137,
  // "timeout") frees the channel for the next command about when we give up on this one.
  const double left = std::chrono::duration_cast<Seconds>(deadline.at() - Clock::now()).count();
  const double guest_limit = std::max(0.1, left - 0.3);
  return fmt::format("{} {:.1f} {}\n", nonce, guest_limit, base64(command));
}

void GuestShell::send_only(std::string_view command) {
  std::lock_guard lock(mutex_);
  stream_->send(frame(command, new_nonce(), Deadline::in(Seconds(3600))), fmt::format("$ {}", command));
}

GuestCommandResult GuestShell::run(std::string_view command, Deadline deadline) {
  std::lock_guard lock(mutex_);
  const std::string nonce = new_nonce();
  const std::string begin = fmt::format("@@mpdts-begin {}@@\n", nonce);
  const boost::regex end("\n@@mpdts-end " + nonce + R"( (\d+)( timeout)?@@\n)");
  stream_->send(frame(command, nonce, deadline), fmt::format("$ {}", command));

  GuestCommandResult result;
  bool timed_out_in_guest = false;
  std::size_t begin_at = 0, end_from = 0, end_to = 0;
  const bool found = stream_->wait_output(
      [&](const std::string& out) {
        begin_at = out.find(begin);
        if (begin_at == std::string::npos) return false;
        // The marker follows a newline the agent adds; the output itself may be empty.
        boost::smatch m;
        const auto from = out.begin() + static_cast<std::ptrdiff_t>(begin_at + begin.size() - 1);
        if (!boost::regex_search(from, out.end(), m, end)) return false;
        end_from = static_cast<std::size_t>(m[0].first - out.begin());
        end_to = static_cast<std::size_t>(m[0].second - out.begin());
        result.exit_code = std::stoi(m[1].str());
        timed_out_in_guest = m[2].matched;
        return true;
      },
      deadline);
  if (!found) {
    if (stream_->closed()) fail(fmt::format("the guest's control channel closed while running: {}", command));
    fail(fmt::format("timed out after its deadline waiting for the guest command: {}", command));
  }
  const std::string text = stream_->consume(end_to);
  const std::size_t out_from = begin_at + begin.size();
  result.output = end_from > out_from ? text.substr(out_from, end_from - out_from) : std::string();
  if (timed_out_in_guest)
    fail(fmt::format("the guest command did not end before its deadline (killed in the guest): {}", command));
  return result;
}

std::string GuestShell::run_checked(std::string_view command, Deadline deadline) {
  auto r = run(command, deadline);
  if (!r.ok())
    throw HarnessError(fmt::format("guest command failed (exit status {}): {}\n{}", r.exit_code, command, r.output));
  return r.output;
}

int GuestShell::spawn(const std::string& tty, const std::vector<std::string>& argv, Deadline deadline) {
  if (argv.empty()) throw HarnessError("cannot spawn an empty command in the guest");
  const std::string out = run_checked("mpdts-spawn " + shell_quote(tty) + " " + shell_join(argv), deadline);
  try {
    return std::stoi(out);
  } catch (const std::exception&) {
    throw HarnessError(fmt::format("mpdts-spawn printed no pid for {}: [{}]", shell_join(argv), out));
  }
}

std::optional<int> GuestShell::exit_status(int pid, Deadline deadline) {
  const auto r = run(fmt::format("mpdts-wait {}", pid), deadline);
  if (r.exit_code == 124) return std::nullopt;
  if (!r.ok()) throw HarnessError(fmt::format("mpdts-wait {} failed ({}): {}", pid, r.exit_code, r.output));
  return std::stoi(r.output);
}

std::optional<int> GuestShell::wait_exit(int pid, Deadline deadline) {
  // The guest gives up a second before our deadline and says so (124): an ordinary "still running".
  const double left = std::chrono::duration_cast<Seconds>(deadline.at() - Clock::now()).count();
  const int guest_wait = std::max(0, static_cast<int>(std::floor(left - 1.0)));
  const auto r = run(fmt::format("mpdts-wait {} {}", pid, guest_wait), deadline);
  if (r.exit_code == 124) return std::nullopt;
  if (!r.ok()) throw HarnessError(fmt::format("mpdts-wait {} failed ({}): {}", pid, r.exit_code, r.output));
  return std::stoi(r.output);
}

void GuestShell::signal(int pid, int sig, Deadline deadline) {
  run_checked(fmt::format("kill -{} {}", sig, pid), deadline);
}

}  // namespace mpdts
