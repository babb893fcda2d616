#include "vm/guest_process.hpp"

#include <signal.h>

#include <fmt/format.h>

#include "core/error.hpp"
#include "process/transcript.hpp"

namespace mpdts {

ExitStatus GuestProcess::decode_shell_status(int status) {
  ExitStatus s;
  if (status > 128 && status < 128 + 65)
    s.signal = status - 128;
  else
    s.code = status;
  return s;
}

std::size_t GuestProcess::exit_line_at(const std::string& text, int pid) {
  return text.find(fmt::format("@@mpdts-exit {} ", pid));
}

GuestProcess::GuestProcess(GuestShell& shell, GuestConsole console, std::vector<std::string> argv, std::string name,
                           Transcript& transcript, Seconds shell_timeout)
    : shell_(shell),
      console_(std::move(console)),
      name_(std::move(name)),
      transcript_(transcript),
      shell_timeout_(shell_timeout) {
  try {
    // Connected before the program starts: nothing it prints can be lost.
    stream_ = connect_console(console_.socket, name_, transcript_);
    pid_ = shell_.spawn(console_.device, argv, Deadline::in(shell_timeout_));
  } catch (...) {
    stream_.reset();
    if (console_.release) console_.release();
    throw;
  }
  transcript_.note(name_, fmt::format("started in the guest on {}, pid {}: {}", console_.device, pid_, shell_join(argv)));
}

GuestProcess::~GuestProcess() {
  try {
    if (pid_ > 0 && !exit_status()) stop(Seconds(5));
  } catch (const std::exception& e) {
    transcript_.note(name_, fmt::format("could not end it in the guest: {}", e.what()));
  }
  stream_.reset();
  if (console_.release) console_.release();
}

std::optional<ExitStatus> GuestProcess::exit_from_console() const {
  if (exit_) return exit_;
  const std::string raw = stream_->unconsumed();
  if (exit_line_at(raw, pid_) == std::string::npos) return std::nullopt;
  if (const auto status = console_exit_status(raw, pid_)) {
    exit_ = decode_shell_status(*status);
    transcript_.note(name_, exit_->describe());
  }
  return exit_;
}

void GuestProcess::send_line(std::string_view line) { stream_->send_line(line); }

bool GuestProcess::wait_output(const std::function<bool(const std::string&)>& pred, Deadline deadline) {
  bool matched = false;
  stream_->wait_output(
      [&](const std::string& raw) {
        const std::size_t end = exit_line_at(raw, pid_);
        if (end == std::string::npos) return matched = pred(raw);
        matched = pred(raw.substr(0, end));
        return true;  // the program has ended: no more output will come
      },
      deadline);
  return matched;
}

std::string GuestProcess::consume(std::size_t n) {
  const std::string view = unconsumed();
  return stream_->consume(std::min(n, view.size()));
}

std::string GuestProcess::unconsumed() const {
  std::string raw = stream_->unconsumed();
  const std::size_t end = exit_line_at(raw, pid_);
  if (end != std::string::npos) raw.resize(end);
  return raw;
}

bool GuestProcess::output_closed() const {
  return stream_->closed() || exit_line_at(stream_->unconsumed(), pid_) != std::string::npos;
}

std::optional<ExitStatus> GuestProcess::exit_status() { return exit_from_console(); }

std::optional<ExitStatus> GuestProcess::wait_exit(Deadline deadline) {
  if (exit_) return exit_;
  // The exit line carries the status; wait until the whole line is there.
  stream_->wait_output([&](const std::string& raw) { return console_exit_status(raw, pid_).has_value(); }, deadline);
  if (const auto st = exit_from_console()) return st;
  if (stream_->closed() && !deadline.expired()) {
    // The console went away (QEMU stopping?): ask the guest, if it still answers.
    try {
      if (const auto status = shell_.wait_exit(pid_, deadline)) {
        exit_ = decode_shell_status(*status);
        transcript_.note(name_, exit_->describe() + " (from the guest shell)");
      }
    } catch (const std::exception& e) {
      transcript_.note(name_, fmt::format("its console closed and the guest shell cannot say how it ended: {}", e.what()));
    }
  }
  return exit_;
}

void GuestProcess::signal(int sig) {
  if (exit_from_console()) return;
  // The program may end at any moment: a kill that finds no process is not an error.
  const auto r = shell_.run(fmt::format("kill -{} {}", sig, pid_), Deadline::in(shell_timeout_));
  if (!r.ok() && !exit_from_console())
    transcript_.note(name_, fmt::format("kill -{} {} in the guest: status {}: {}", sig, pid_, r.exit_code, r.output));
}

std::optional<ExitStatus> GuestProcess::stop(Seconds grace) {
  if (const auto st = exit_from_console()) return st;
  transcript_.note(name_, fmt::format("still running in the guest: SIGTERM, then SIGKILL after {}", format_seconds(grace)));
  signal(SIGTERM);
  if (const auto st = wait_exit(Deadline::in(grace))) return st;
  signal(SIGKILL);
  return wait_exit(Deadline::in(grace));
}

}  // namespace mpdts
