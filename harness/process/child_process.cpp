#include "process/child_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <sched.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <boost/process/args.hpp>
#include <boost/process/child.hpp>
#include <boost/process/env.hpp>
#include <boost/process/environment.hpp>
#include <boost/process/exe.hpp>
#include <boost/process/extend.hpp>
#include <boost/process/search_path.hpp>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/journal.hpp"
#include "core/proc_stat.hpp"

namespace bp = boost::process;

namespace mpdts {
namespace {

// Runs in the child between fork and exec: only async-signal-safe calls here.
struct ChildSetup : bp::extend::handler {
  int in_fd;
  int out_fd;
  int netns_fd;
  bool terminal;

  template <class Executor>
  void on_exec_setup(Executor& exec) const {
    // The harness blocks its termination signals for its signal thread; a target must not inherit that.
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGCHLD}) ::signal(sig, SIG_DFL);
    // A session of its own: its process group is ours to kill, and a pty can become its terminal.
    if (setsid() < 0) return exec.set_error(std::error_code(errno, std::system_category()), "setsid");
    if (netns_fd >= 0 && setns(netns_fd, CLONE_NEWNET) < 0)
      return exec.set_error(std::error_code(errno, std::system_category()), "setns");
    if (terminal && ioctl(in_fd, TIOCSCTTY, 0) < 0)
      return exec.set_error(std::error_code(errno, std::system_category()), "TIOCSCTTY");
    if (dup2(in_fd, 0) < 0 || dup2(out_fd, 1) < 0 || dup2(out_fd, 2) < 0)
      return exec.set_error(std::error_code(errno, std::system_category()), "dup2");
  }
};

// A bare program name is looked up in PATH, then in the sbin directories (root tools such as `ip`
// live there and a minimal CI environment may not have them in PATH).
std::string resolve_program(const std::string& name) {
  if (name.find('/') != std::string::npos) return name;
  std::vector<boost::filesystem::path> dirs = ::boost::this_process::path();
  for (const char* extra : {"/usr/local/sbin", "/usr/sbin", "/sbin"}) dirs.emplace_back(extra);
  const auto found = bp::search_path(name, dirs);
  return found.empty() ? name : found.string();
}

void set_cloexec(int fd) { fcntl(fd, F_SETFD, fcntl(fd, F_GETFD) | FD_CLOEXEC); }

ExitStatus decode(int status) {
  ExitStatus s;
  if (WIFEXITED(status)) s.code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) s.signal = WTERMSIG(status);
  return s;
}

// Used by the signal path (the harness is being interrupted): kill the group, wait for it to go.
void kill_group_now(pid_t pid, int pidfd) {
  ::kill(-pid, SIGKILL);
  pollfd p{pidfd, POLLIN, 0};
  ::poll(&p, 1, 5000);
  ::waitpid(pid, nullptr, WNOHANG);
}

}  // namespace

std::string ExitStatus::describe() const {
  if (signal != 0) return fmt::format("killed by signal {} ({})", signal, strsignal(signal));
  return fmt::format("exited with code {}", code);
}

std::string join_argv(const std::vector<std::string>& argv) {
  std::string out;
  for (const auto& a : argv) {
    if (!out.empty()) out += ' ';
    const bool plain = !a.empty() && a.find_first_of(" \t'\"\\$`;&|<>()*?[]{}") == std::string::npos;
    out += plain ? a : "'" + a + "'";
  }
  return out;
}

ChildProcess::ChildProcess(SpawnOptions options, Transcript& transcript)
    : options_(std::move(options)), transcript_(transcript) {
  if (options_.argv.empty()) throw HarnessError("cannot start a process without a program");
  const bool refused = CleanupStack::instance().shutting_down() && !CleanupStack::in_undo_action();
  if (refused) throw HarnessError("the harness is being interrupted");
  if (options_.name.empty()) options_.name = std::filesystem::path(options_.argv[0]).filename().string();

  int child_in = -1, child_out = -1;
  if (options_.terminal) {
    // Wide enough that no line the targets print is wrapped by a line editor.
    winsize ws{};
    ws.ws_row = 50;
    ws.ws_col = 250;
    int master = -1, slave = -1;
    if (openpty(&master, &slave, nullptr, nullptr, &ws) < 0)
      throw HarnessError(fmt::format("openpty: {}", std::strerror(errno)));
    set_cloexec(master);
    set_cloexec(slave);
    input_fd_ = output_fd_ = master;
    child_in = child_out = slave;
  } else {
    int in[2], out[2];
    if (pipe2(in, O_CLOEXEC) < 0 || pipe2(out, O_CLOEXEC) < 0)
      throw HarnessError(fmt::format("pipe: {}", std::strerror(errno)));
    input_fd_ = in[1];
    child_in = in[0];
    output_fd_ = out[0];
    child_out = out[1];
  }

  int netns_fd = -1;
  if (options_.netns) {
    const auto path = "/run/netns/" + *options_.netns;
    netns_fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (netns_fd < 0) throw HarnessError(fmt::format("cannot open network namespace {}: {}", path, std::strerror(errno)));
  }

  auto env = boost::this_process::environment();
  for (const auto& [k, v] : options_.env_set) env[k] = v;
  // Marks it as this harness's for mpdts-recover, even before its journal line is written.
  if (const Journal* journal = Journal::active()) env[kJournalOwnerEnv] = journal->owner_token();
  std::vector<std::string> args(options_.argv.begin() + 1, options_.argv.end());

  transcript_.note(options_.name, "$ " + join_argv(options_.argv) + (options_.netns ? "   [netns " + *options_.netns + "]" : ""));
  try {
    bp::child c(bp::exe = resolve_program(options_.argv[0]), bp::args = args, env,
                ChildSetup{{}, child_in, child_out, netns_fd, options_.terminal});
    pid_ = c.id();
    c.detach();  // we reap it ourselves (pidfd + waitpid)
  } catch (const std::exception& e) {
    for (int fd : {child_in, child_out == child_in ? -1 : child_out, netns_fd, input_fd_,
                   output_fd_ == input_fd_ ? -1 : output_fd_})
      if (fd >= 0) ::close(fd);
    throw HarnessError(fmt::format("cannot start {} ({}): {}", options_.name, join_argv(options_.argv), e.what()));
  }
  ::close(child_in);
  if (child_out != child_in) ::close(child_out);
  if (netns_fd >= 0) ::close(netns_fd);

  pidfd_ = static_cast<int>(::syscall(SYS_pidfd_open, pid_, 0));
  if (pidfd_ < 0) throw HarnessError(fmt::format("pidfd_open: {}", std::strerror(errno)));
  set_cloexec(pidfd_);
  transcript_.note(options_.name, fmt::format("started, pid {} (own process group)", pid_));

  const pid_t pid = pid_;
  const int pidfd = pidfd_;
  // Journaled the instant its pid is known, with its start time so a recycled pid is never taken
  // for it. If the journal cannot be written, the process goes at once.
  const auto stat = read_proc_stat(pid);
  try {
    cleanup_ = ScopedCleanup(fmt::format("kill process group {} ({})", pid, options_.name),
                             [pid, pidfd] { kill_group_now(pid, pidfd); },
                             {JournalEffect::process_group(pid, stat ? stat->start : 0, options_.name)});
  } catch (...) {
    kill_group_now(pid, pidfd);
    ::close(pidfd_);
    for (int fd : {input_fd_, output_fd_ == input_fd_ ? -1 : output_fd_})
      if (fd >= 0) ::close(fd);
    throw;
  }
  // Started in the instant an interrupt was cleaning up: it would be missed, so it goes now.
  if (CleanupStack::instance().shutting_down() && !CleanupStack::in_undo_action()) kill_group_now(pid, pidfd);
  output_ = std::make_unique<OutputPump>(output_fd_, options_.name, transcript_);
}

void ChildProcess::send_line(std::string_view line) {
  transcript_.sent(options_.name, line);
  std::string data(line);
  data += '\n';
  std::string_view rest(data);
  while (!rest.empty()) {
    const ssize_t n = ::write(input_fd_, rest.data(), rest.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw HarnessError(fmt::format("cannot write to {}: {}", options_.name, std::strerror(errno)));
    rest.remove_prefix(static_cast<std::size_t>(n));
  }
}

void ChildProcess::close_input() {
  if (options_.terminal) {
    static const char eot = 4;  // ^D at the start of a line: end of file for a canonical-mode reader
    (void)::write(input_fd_, &eot, 1);
  } else if (input_fd_ >= 0) {
    ::close(input_fd_);
    input_fd_ = -1;
  }
}

std::optional<ExitStatus> ChildProcess::wait_exit(Deadline deadline) {
  if (exit_) return exit_;
  for (;;) {
    pollfd p{pidfd_, POLLIN, 0};
    const int r = ::poll(&p, 1, deadline.poll_ms());
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return std::nullopt;
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      exit_ = decode(status);
      transcript_.note(options_.name, exit_->describe());
      return exit_;
    }
    if (deadline.expired()) return std::nullopt;
  }
}

std::optional<ExitStatus> ChildProcess::exit_status() { return wait_exit(Deadline(Clock::now())); }

void ChildProcess::signal(int sig) {
  if (!exit_) ::kill(pid_, sig);
}

ExitStatus ChildProcess::stop(Seconds grace) {
  if (!exit_) {
    transcript_.note(options_.name, "stopping: SIGTERM to its process group");
    ::kill(-pid_, SIGTERM);
    if (!wait_exit(Deadline::in(grace))) {
      transcript_.note(options_.name, fmt::format("still running after {}: SIGKILL", format_seconds(grace)));
      ::kill(-pid_, SIGKILL);
      if (!wait_exit(Deadline::in(Seconds(10))))
        throw HarnessError(fmt::format("{} (pid {}) survived SIGKILL", options_.name, pid_));
    }
  }
  // Anything else left in its group (a child that outlived it) goes too. This runs right after the
  // leader was reaped, while the group id can only belong to such survivors.
  ::kill(-pid_, SIGKILL);
  return *exit_;
}

ChildProcess::~ChildProcess() {
  try {
    stop(Seconds(5));
  } catch (const std::exception& e) {
    transcript_.note(options_.name, e.what());
  }
  cleanup_.release();
  output_.reset();  // stops the reader before its descriptor closes
  for (int fd : {input_fd_, output_fd_ == input_fd_ ? -1 : output_fd_, pidfd_})
    if (fd >= 0) ::close(fd);
}

CommandResult run_command(const std::vector<std::string>& argv, Deadline deadline, Transcript* transcript,
                          std::optional<std::string> netns) {
  Transcript local;
  SpawnOptions opts{argv, "", false, std::move(netns), {}};
  ChildProcess child(opts, transcript ? *transcript : local);
  child.close_input();
  auto status = child.wait_exit(deadline);
  if (!status) {
    child.stop(Seconds(2));
    throw HarnessError(fmt::format("command timed out: {}\n{}", join_argv(argv), child.unconsumed()));
  }
  // The reader sees end of file once the program (and anything that inherited its output) is gone.
  child.wait_output([](const std::string&) { return false; }, deadline);
  return CommandResult{*status, child.unconsumed()};
}

std::string run_checked(const std::vector<std::string>& argv, Deadline deadline, Transcript* transcript,
                        std::optional<std::string> netns) {
  auto r = run_command(argv, deadline, transcript, std::move(netns));
  if (!r.ok())
    throw HarnessError(fmt::format("command failed ({}): {}\n{}", r.status.describe(), join_argv(argv), r.output));
  return r.output;
}

}  // namespace mpdts
