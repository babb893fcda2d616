#include "child_run.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

extern char** environ;

namespace mpdts::cli {
namespace {

int g_signal_pipe[2] = {-1, -1};

void on_signal(int sig) {
  const int saved = errno;
  const unsigned char b = static_cast<unsigned char>(sig);
  [[maybe_unused]] auto n = ::write(g_signal_pipe[1], &b, 1);
  errno = saved;
}

std::vector<char*> c_strings(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

[[noreturn]] void exec_or_die(std::vector<std::string> argv, std::vector<std::string> env) {
  auto args = c_strings(argv);
  auto envp = c_strings(env);
  ::execve(args[0], args.data(), envp.data());
  const std::string msg = "mpdts: cannot run " + argv[0] + ": " + std::strerror(errno) + "\n";
  [[maybe_unused]] auto n = ::write(2, msg.data(), msg.size());
  ::_exit(127);
}

int decode(int status, int* signal) {
  if (WIFSIGNALED(status)) {
    *signal = WTERMSIG(status);
    return 128 + *signal;
  }
  return WEXITSTATUS(status);
}

}  // namespace

ChildOutcome run_child(const std::vector<std::string>& argv, const std::vector<std::string>& extra_env,
                       const ChildCallbacks& callbacks) {
  std::vector<std::string> env;
  for (char** e = environ; *e; ++e) env.emplace_back(*e);
  env.insert(env.end(), extra_env.begin(), extra_env.end());

  int out[2];
  if (::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(g_signal_pipe, O_CLOEXEC | O_NONBLOCK) != 0)
    throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  struct sigaction old_int {}, old_term {}, old_hup {};
  ::sigaction(SIGINT, &sa, &old_int);
  ::sigaction(SIGTERM, &sa, &old_term);
  ::sigaction(SIGHUP, &sa, &old_hup);

  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  if (pid == 0) {
    ::setpgid(0, 0);  // its own group: a Ctrl-C reaches it once, through us
    ::signal(SIGINT, SIG_DFL);
    ::signal(SIGTERM, SIG_DFL);
    ::signal(SIGHUP, SIG_DFL);
    ::dup2(out[1], 1);
    ::dup2(out[1], 2);
    exec_or_die(argv, env);
  }
  ::setpgid(pid, pid);  // also here, so the group exists whichever runs first
  ::close(out[1]);

  ChildOutcome outcome;
  std::string pending;
  bool open = true;
  while (open) {
    pollfd fds[2] = {{out[0], POLLIN, 0}, {g_signal_pipe[0], POLLIN, 0}};
    const int n = ::poll(fds, 2, 1000);
    if (n < 0 && errno != EINTR) break;
    if (n > 0 && (fds[1].revents & POLLIN)) {
      unsigned char sig = 0;
      while (::read(g_signal_pipe[0], &sig, 1) == 1) {
        if (outcome.interrupted_by == 0) {
          outcome.interrupted_by = sig;
          ::kill(pid, sig);  // the child, not its group: it stops its own processes
        }
      }
    }
    if (n > 0 && (fds[0].revents & (POLLIN | POLLHUP))) {
      char buf[8192];
      const ssize_t got = ::read(out[0], buf, sizeof buf);
      if (got <= 0) {
        open = false;
      } else {
        pending.append(buf, static_cast<std::size_t>(got));
        std::string::size_type nl;
        while ((nl = pending.find('\n')) != std::string::npos) {
          std::string line = pending.substr(0, nl);
          pending.erase(0, nl + 1);
          if (!line.empty() && line.back() == '\r') line.pop_back();
          if (callbacks.on_line) callbacks.on_line(line);
        }
      }
    }
    if (callbacks.on_tick) callbacks.on_tick();
  }
  if (!pending.empty() && callbacks.on_line) callbacks.on_line(pending);
  ::close(out[0]);

  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  outcome.exit_code = decode(status, &outcome.signal);
  ::sigaction(SIGINT, &old_int, nullptr);
  ::sigaction(SIGTERM, &old_term, nullptr);
  ::sigaction(SIGHUP, &old_hup, nullptr);
  // A signal that arrived after the child closed its output is still an interruption of the run.
  unsigned char sig = 0;
  if (outcome.interrupted_by == 0 && ::read(g_signal_pipe[0], &sig, 1) == 1) outcome.interrupted_by = sig;
  ::close(g_signal_pipe[0]);
  ::close(g_signal_pipe[1]);
  return outcome;
}

std::string capture_output(const std::vector<std::string>& argv, int* code) {
  int out[2];
  if (::pipe2(out, O_CLOEXEC) != 0) throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
  std::vector<std::string> env;
  for (char** e = environ; *e; ++e) env.emplace_back(*e);
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  if (pid == 0) {
    ::dup2(out[1], 1);
    exec_or_die(argv, env);
  }
  ::close(out[1]);
  std::string text;
  char buf[8192];
  ssize_t got;
  while ((got = ::read(out[0], buf, sizeof buf)) != 0) {
    if (got < 0) {
      if (errno == EINTR) continue;
      break;
    }
    text.append(buf, static_cast<std::size_t>(got));
  }
  ::close(out[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  int sig = 0;
  *code = decode(status, &sig);
  return text;
}

}  // namespace mpdts::cli
