// mpdts-bench: the project's benchmarks (numbers, not verdicts: nothing here passes or fails on speed,
// but every measured step is checked and a wrong one ends the run).
//
//   mpdts-bench hotplug [--topology FILE] [--out DIR] [--secondaries 1,2,4,8,16] [--repetitions N]
//   mpdts-bench symmetric [--topology FILE] [--out DIR] [--processes N] [--packets-per-queue N]
//   mpdts-bench suite [--topology FILE] [--out DIR] [-- mpdts_cases args]   (runs the host suite, then:)
//   mpdts-bench vm-plan [--topology FILE] [--out DIR] [-- mpdts_cases args] (the guest's cases, one boot)
//   mpdts-bench suite-times [RESULTS_DIR]     (where a suite run's time went; reads, changes nothing)
//
// It makes side effects like the cases (hugetlbfs mount, EAL runtime dir), so it journals them the
// same way and undoes them on Ctrl-C; it also recovers what dead runs left, first.
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <iostream>

#include <CLI/CLI.hpp>

#include "core/cleanup_stack.hpp"
#include "core/error.hpp"
#include "core/journal.hpp"
#include "hotplug/hotplug_command.hpp"
#include "journal/recovery.hpp"
#include "mpdts/report/results_loader.hpp"
#include "suite/suite_command.hpp"
#include "suite/suite_times.hpp"
#include "symmetric/symmetric_command.hpp"

namespace {

// Returns false (after saying why) when the side-effect journal cannot be started.
bool start_journal(const std::string& dir) {
  try {
    mpdts::recovery::Options recover;
    recover.dir = dir;
    recover.say = [](const std::string& line) { std::cerr << "mpdts-bench: recover: " << line << "\n"; };
    mpdts::recovery::recover(recover);
    mpdts::Journal::start(dir);
    return true;
  } catch (const mpdts::HarnessError& e) {
    std::cerr << "mpdts-bench: side-effect journal: " << e.what() << "\n";
    return false;
  }
}

int print_suite_times(const std::string& dir) {
  try {
    const auto run = mpdts::report::load_results(dir);
    for (const auto& w : run.warnings) std::cerr << "mpdts-bench: " << w << "\n";
    std::cout << "results: " << dir << "\n" << mpdts::bench::render_suite_times(mpdts::bench::suite_times(run.cases));
    return 0;
  } catch (const mpdts::report::ResultsDirError& e) {
    std::cerr << "mpdts-bench: " << e.what() << "\n";
    return 2;
  }
}

}  // namespace

int main(int argc, char** argv) {
  mpdts::install_signal_cleanup();  // before any thread starts
  CLI::App app{"mpdts-bench: benchmarks of DPDK multi-process hotplug and of the harness"};
  app.require_subcommand(1);
  std::string journal_dir = mpdts::Journal::default_dir().string();
  app.add_option("--journal-dir", journal_dir, "side-effect journal directory")->capture_default_str();

  mpdts::bench::HotplugCommand hotplug;
  hotplug.topology = MPDTS_DEFAULT_TOPOLOGY;
  hotplug.out_dir = MPDTS_BENCH_RESULTS;
  auto* hp = app.add_subcommand("hotplug", "attach/detach latency of a net_null vdev vs the number of secondaries");
  hp->add_option("--topology", hotplug.topology, "topology (the hotplug_mp target, its EAL args, timeouts)")
      ->capture_default_str();
  hp->add_option("--out", hotplug.out_dir, "results directory (CSV, SVG, transcript)")->capture_default_str();
  hp->add_option("--secondaries", hotplug.options.secondaries, "secondary counts, ascending")
      ->delimiter(',')
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  hp->add_option("--repetitions", hotplug.options.repetitions, "timed attach/detach pairs per side and count")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  hp->add_option("--warmup", hotplug.options.warmup, "untimed (but checked) pairs first at each count")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  hp->add_option("--device", hotplug.options.devargs, "vdev to attach (its name is what detach and list use)")
      ->capture_default_str();

  mpdts::bench::SymmetricCommand symmetric;
  symmetric.topology = MPDTS_DEFAULT_TOPOLOGY;
  symmetric.out_dir = MPDTS_BENCH_RESULTS;
  auto* sy = app.add_subcommand("symmetric", "per-process packets/s of symmetric_mp next to testpmd's own rate");
  sy->add_option("--topology", symmetric.topology, "topology (symmetric_mp, testpmd, timeouts)")->capture_default_str();
  sy->add_option("--out", symmetric.out_dir, "results directory (CSV, transcript)")->capture_default_str();
  sy->add_option("--processes", symmetric.options.processes, "symmetric_mp processes (1 primary + secondaries)")
      ->capture_default_str()
      ->check(CLI::Range(1, 8));
  sy->add_option("--packets-per-queue", symmetric.options.packets_per_queue,
                 "the measured window ends when every queue took this many packets more")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);

  mpdts::bench::SuiteCommand suite;
  suite.cases_program = MPDTS_CASES;
  suite.topology = MPDTS_DEFAULT_TOPOLOGY;
  suite.out_dir = std::string(MPDTS_BENCH_RESULTS) + "/suite";
  auto* su = app.add_subcommand("suite", "run the host suite (mpdts_cases) and print its per-plan, per-phase times");
  su->add_option("--topology", suite.topology, "topology")->capture_default_str();
  su->add_option("--out", suite.out_dir, "results directory of the run (emptied first)")->capture_default_str();
  su->add_option("extra", suite.extra, "more mpdts_cases arguments, after --")->allow_extra_args();

  // The VM plan: every case that runs in the QEMU guest, in one process (one guest boot, or resume).
  mpdts::bench::SuiteCommand vm_plan = suite;
  vm_plan.topology = MPDTS_VM_TOPOLOGY;
  vm_plan.out_dir = std::string(MPDTS_BENCH_RESULTS) + "/vm-plan";
  vm_plan.extra = {"--gtest_filter=VdevPlan/*:HotplugMp/*Physical_*"};
  auto* vp = app.add_subcommand("vm-plan", "run the VM plan (the cases in the QEMU guest) and print its per-phase times");
  vp->add_option("--topology", vm_plan.topology, "topology with a vm section")->capture_default_str();
  vp->add_option("--out", vm_plan.out_dir, "results directory of the run (emptied first)")->capture_default_str();
  vp->add_option("extra", vm_plan.extra, "mpdts_cases arguments instead of the filter, after --")->allow_extra_args();

  std::string results_dir = MPDTS_DEFAULT_RESULTS;
  auto* st = app.add_subcommand("suite-times", "per-plan and per-phase wall time of a suite run, from its results");
  st->add_option("results", results_dir, "results directory (reports/<run>, reports/ctest)")->capture_default_str();

  CLI11_PARSE(app, argc, argv);

  if (*st) return print_suite_times(results_dir);
  if (*su || *vp) {
    const auto& run = *su ? suite : vm_plan;
    // One run, one directory: an earlier run's records would be counted too. Only a results
    // directory (it has cases/) or an empty one is emptied.
    namespace fs = std::filesystem;
    std::error_code ec;
    if (fs::exists(run.out_dir, ec) && !fs::is_empty(run.out_dir, ec) && !fs::exists(run.out_dir / "cases", ec)) {
      std::cerr << "mpdts-bench: " << run.out_dir.string() << " is not a results directory; not emptying it\n";
      return 2;
    }
    fs::remove_all(run.out_dir, ec);
    return mpdts::bench::run_suite_command(run);
  }
  if (::geteuid() != 0) {
    std::cerr << "mpdts-bench: needs root (hugetlbfs mount, DPDK), like the cases\n";
    return 2;
  }
  if (!start_journal(journal_dir)) return 2;
  int rc = 2;
  if (*hp) {
    hotplug.options.device_name = hotplug.options.devargs.substr(0, hotplug.options.devargs.find(','));
    if (!std::is_sorted(hotplug.options.secondaries.begin(), hotplug.options.secondaries.end())) {
      std::cerr << "mpdts-bench: --secondaries must be ascending (processes are added, never restarted)\n";
    } else {
      rc = mpdts::bench::run_hotplug_command(hotplug);
    }
  }
  if (*sy) rc = mpdts::bench::run_symmetric_command(symmetric);
  mpdts::CleanupStack::instance().run_all();
  if (mpdts::Journal* journal = mpdts::Journal::active()) journal->finish();
  return rc;
}
