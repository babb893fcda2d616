// mpdts-recover: undoes what harness runs that died without cleaning up (SIGKILL, crash, power cut)
// left behind, from their side-effect journals. Journals of live harnesses are never touched, so it
// is safe to run while other suites run. The cases binary does the same at its start.
//
//   mpdts-recover [--journal-dir DIR] [--dry-run]
//
// Exit codes:
//   0  nothing was left, or everything left was undone (and the journals removed)
//   1  some effect could not be undone: it is said which; its journal is kept for the next try
//   2  usage error, not root, or the journal directory cannot be read
//   3  --dry-run only: something is left that a real run would undo
#include <CLI/CLI.hpp>

#include "core/cleanup_stack.hpp"
#include "core/journal.hpp"
#include "journal/recover_report.hpp"

int main(int argc, char** argv) {
  mpdts::install_signal_cleanup();  // the `ip` and dpdk-devbind.py it runs are stopped on Ctrl-C
  CLI::App app{"Undo what dead mpdts harness runs left behind (processes, hugetlbfs mounts, DPDK runtime and "
               "scratch dirs, network namespaces, PCI bindings), from their side-effect journals.\n"
               "Exit codes: 0 nothing left / all undone; 1 something could not be undone (journal kept); "
               "2 usage or journal directory error; 3 (--dry-run) something would be undone.",
               "mpdts-recover"};
  mpdts::recovery::Options options;
  std::string dir = options.dir.string();
  app.add_option("--journal-dir", dir, "where harnesses write their journals ($MPDTS_JOURNAL_DIR)")
      ->capture_default_str();
  app.add_flag("--dry-run,-n", options.dry_run, "say what would be undone, change nothing");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }
  options.dir = dir;
  return mpdts::recovery::recover_and_report(options, "mpdts-recover");
}
