#include "suite/suite_command.hpp"

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <iostream>

#include <fmt/format.h>

#include "core/cleanup_stack.hpp"
#include "mpdts/report/results_loader.hpp"
#include "suite/suite_times.hpp"

extern char** environ;

namespace mpdts::bench {

int run_suite_command(const SuiteCommand& c) {
  std::vector<std::string> args{c.cases_program.string(), "--topology=" + c.topology.string(),
                                "--results=" + c.out_dir.string()};
  args.insert(args.end(), c.extra.begin(), c.extra.end());
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  // The suite handles its own signals: it must not inherit this program's blocked set.
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t none, defaults;
  sigemptyset(&none);
  sigemptyset(&defaults);
  for (int s : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&defaults, s);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  pid_t pid = -1;
  const auto started = std::chrono::steady_clock::now();
  const int err = posix_spawn(&pid, argv[0], nullptr, &attr, argv.data(), environ);
  posix_spawnattr_destroy(&attr);
  if (err != 0) {
    std::cerr << "mpdts-bench: cannot run " << args[0] << ": " << std::strerror(err) << "\n";
    return 2;
  }
  // Interrupted: the suite is asked to stop (it undoes its own side effects) and waited for.
  ScopedCleanup stop_suite(fmt::format("stop the suite (pid {})", pid), [pid] {
    ::kill(pid, SIGINT);
    int st = 0;
    while (::waitpid(pid, &st, 0) < 0 && errno == EINTR) {
    }
  });
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  stop_suite.release();
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const int rc = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);

  try {
    const auto run = report::load_results(c.out_dir);
    std::cout << fmt::format("\nsuite: exit code {}, wall {:.2f} s (the cases' own durations sum below)\n", rc, wall)
              << "results: " << c.out_dir.string() << "\n"
              << render_suite_times(suite_times(run.cases));
  } catch (const report::ResultsDirError& e) {
    std::cerr << "mpdts-bench: " << e.what() << "\n";
  }
  return rc;
}

}  // namespace mpdts::bench
