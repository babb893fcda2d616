// The harness's control channel into the guest: a non-interactive busybox shell loop (mpdts-agent)
// on a virtio console. Each command goes base64-framed with a fresh nonce, so quoting never breaks
// and stale output of an earlier command is never taken for this one's; its reply ends with a
// marker carrying the nonce and the exit status. Every wait has a deadline.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/deadline.hpp"
#include "vm/socket_stream.hpp"

namespace mpdts {

struct GuestCommandResult {
  int exit_code = -1;  // the shell's $?: 128+N when the command was killed by signal N
  std::string output;  // stdout and stderr together
  bool ok() const { return exit_code == 0; }
};

// One command at a time: concurrent callers are served in turn.
class GuestShell {
 public:
  explicit GuestShell(std::unique_ptr<SocketStream> stream);

  // Waits for the agent's ready marker (printed once when it starts on the console).
  void wait_ready(Deadline deadline);

  // Runs `command` with sh in the guest (its own process group, stdin /dev/null). Throws HarnessError
  // (with the end of the transcript) when the deadline passes first — the guest kills the command's
  // process group at about the same time, so the channel stays usable — or when the channel closes.
  GuestCommandResult run(std::string_view command, Deadline deadline);
  // Same, but throws HarnessError (command, status, output) unless it exits 0.
  std::string run_checked(std::string_view command, Deadline deadline);

  // Programs that outlive the command that starts them: started on a console tty of the guest
  // (e.g. /dev/hvc1) as their stdin/stdout/stderr and controlling terminal, with default signal
  // dispositions; returns the guest pid.
  int spawn(const std::string& tty, const std::vector<std::string>& argv, Deadline deadline);
  // Exit status of a spawned program (the shell's $?, 128+N if killed by signal N); nullopt while it
  // runs. wait_exit() waits for it until the deadline.
  std::optional<int> exit_status(int pid, Deadline deadline);
  std::optional<int> wait_exit(int pid, Deadline deadline);
  // kill -SIG pid in the guest.
  void signal(int pid, int sig, Deadline deadline);

  // Sends a command without waiting for a reply (for `poweroff -f`, which never replies).
  void send_only(std::string_view command);

  SocketStream& stream() { return *stream_; }

 private:
  std::string frame(std::string_view command, const std::string& nonce, Deadline deadline) const;
  [[noreturn]] void fail(const std::string& why);

  std::unique_ptr<SocketStream> stream_;
  std::mutex mutex_;  // one request/reply exchange at a time
};

// A spawned program's end as announced on its console: mpdts-spawn writes "@@mpdts-exit <pid>
// <status>@@" to the console once the program has ended. The status if `text` holds it for `pid`.
std::optional<int> console_exit_status(const std::string& text, int pid);

// 'single-quoted' for sh, whatever the text holds.
std::string shell_quote(std::string_view text);
std::string shell_join(const std::vector<std::string>& argv);

}  // namespace mpdts
