// A program running in the QEMU guest, driven from the host exactly like a local one: it implements
// Interactive, so PromptSession, HotplugApp and the symmetric_mp checks apply to it unchanged.
//
// The program runs on a virtio console of the guest (/dev/hvcN, its controlling terminal, started
// with mpdts-spawn); the host holds the console's unix socket. Its output is read continuously from
// the socket, its input is written to it, and its end is the line "@@mpdts-exit <pid> <status>@@"
// that mpdts-spawn writes to the console after the program's last byte: the exit is seen without
// asking the guest, in order with the output. Signals go through the guest's control shell.
//
// Destroying it ends the program whatever happened (SIGTERM, then SIGKILL, in the guest) and gives
// the console back. The exit status comes from the guest shell ($?): 128+N means "killed by signal
// N" (ExitStatus::signal), as a shell reports it.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/deadline.hpp"
#include "process/interactive.hpp"
#include "vm/guest_shell.hpp"
#include "vm/socket_stream.hpp"

namespace mpdts {

// A guest console lent to one program: its host socket, its guest tty, and how to give it back.
struct GuestConsole {
  std::filesystem::path socket;  // QemuGuest::console_socket(n)
  std::string device;            // /dev/hvcN
  std::function<void()> release;  // called once when the program using it is gone (may be empty)
};

class GuestProcess : public Interactive {
 public:
  // Connects to the console first (so no byte of the program is lost), then starts `argv` on it in
  // the guest and records the pid. Throws HarnessError if it cannot be started.
  GuestProcess(GuestShell& shell, GuestConsole console, std::vector<std::string> argv, std::string name,
               Transcript& transcript, Seconds shell_timeout = Seconds(30));
  ~GuestProcess() override;
  GuestProcess(const GuestProcess&) = delete;
  GuestProcess& operator=(const GuestProcess&) = delete;

  int pid() const { return pid_; }
  const std::string& console_device() const { return console_.device; }

  const std::string& name() const override { return name_; }
  Transcript& transcript() override { return transcript_; }
  void send_line(std::string_view line) override;

  // The output, up to (not including) the exit line once it has come.
  bool wait_output(const std::function<bool(const std::string&)>& pred, Deadline deadline) override;
  std::string consume(std::size_t n) override;
  std::string unconsumed() const override;
  bool output_closed() const override;  // the exit line came, or the console closed (QEMU gone)

  std::optional<ExitStatus> wait_exit(Deadline deadline) override;
  std::optional<ExitStatus> exit_status() override;  // from the console: no guest round trip
  void signal(int sig) override;                      // kill -SIG <pid> in the guest; no-op once it ended

  // SIGTERM, then SIGKILL when it has not ended within `grace`; waits for the end (bounded).
  std::optional<ExitStatus> stop(Seconds grace);

  // The exit status as the guest shell gives it ($?), decoded: 128+N → killed by signal N.
  static ExitStatus decode_shell_status(int status);
  // Where the exit line for `pid` starts in `text`, or npos.
  static std::size_t exit_line_at(const std::string& text, int pid);

 private:
  std::optional<ExitStatus> exit_from_console() const;

  GuestShell& shell_;
  GuestConsole console_;
  std::string name_;
  Transcript& transcript_;
  Seconds shell_timeout_;
  std::unique_ptr<SocketStream> stream_;
  int pid_ = -1;
  mutable std::optional<ExitStatus> exit_;
};

}  // namespace mpdts
