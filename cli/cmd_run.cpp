// mpdts run: selects the cases (catalogue + filter + labels), runs them in the cases binary with
// progress, then writes the reports into the run's results directory.
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <iostream>

#include <fmt/format.h>

#include "child_run.hpp"
#include "commands.hpp"
#include "exit_codes.hpp"
#include "mpdts/report/render_run.hpp"
#include "progress_view.hpp"

namespace mpdts::cli {
namespace fs = std::filesystem;
namespace {

void say(const std::string& text) { std::cout << "mpdts: " << text << std::endl; }

std::string stamp() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%d-%H%M%S", &tm);
  return buf;
}

// The run's results directory: the one asked for (new or empty), or a new dated one under the
// reports directory, then linked as <reports>/latest. Empty path (and a message) on failure.
fs::path make_results_dir(const RunOptions& options, bool* link_latest) {
  std::error_code ec;
  fs::path dir = options.output;
  *link_latest = dir.empty();
  if (dir.empty()) {
    dir = options.reports_dir / stamp();
    for (int n = 2; fs::exists(dir, ec); ++n) dir = options.reports_dir / fmt::format("{}-{}", stamp(), n);
  } else if (fs::exists(dir, ec) && !(fs::is_directory(dir, ec) && fs::is_empty(dir, ec))) {
    std::cerr << "mpdts: the results directory " << dir.string()
              << " exists and is not empty: one results directory per run\n";
    return {};
  }
  fs::create_directories(dir, ec);
  if (ec) {
    std::cerr << "mpdts: cannot create " << dir.string() << ": " << ec.message() << "\n";
    return {};
  }
  return dir;
}

int exit_code_for(const ChildOutcome& child, int failed_records) {
  if (child.interrupted_by != 0) return 128 + child.interrupted_by;
  if (child.exit_code == 0) return failed_records > 0 ? kFailures : kPassed;
  if (child.exit_code == 1) return kFailures;
  if (child.exit_code == kSetupError) return kSetupError;
  if (child.exit_code == 128 + SIGINT || child.exit_code == 128 + SIGTERM) return child.exit_code;
  return kFailures;  // the cases binary died (crash, abort): its running case is recorded as failed
}

}  // namespace

int run_command(const Programs& programs, const RunOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  int code = 0;
  const auto all = load_case_list(programs, options.topology, &code);
  if (code != 0) return code;
  const auto cases = select_cases(all, options.selection);
  if (cases.empty()) {
    std::cerr << "mpdts: no case matches the filter and labels (mpdts list shows them all)\n";
    return kSetupError;
  }
  int runnable = 0;
  for (const auto& c : cases) runnable += c.runnable;

  bool link_latest = false;
  const fs::path results = make_results_dir(options, &link_latest);
  if (results.empty()) return kSetupError;

  say(fmt::format("topology {}: {} case(s) selected, {} run on it, {} skip{}", options.topology.string(),
                  cases.size(), runnable, cases.size() - static_cast<std::size_t>(runnable),
                  options.repeat > 1 ? fmt::format(", {} times", options.repeat) : ""));
  say("results in " + results.string() + "/");

  std::vector<std::string> argv{programs.cases.string(), "--topology=" + options.topology.string(),
                                "--results=" + results.string(), "--gtest_filter=" + exact_filter(cases)};
  if (options.repeat > 1) argv.push_back(fmt::format("--gtest_repeat={}", options.repeat));
  if (!options.journal_dir.empty()) argv.push_back("--journal-dir=" + options.journal_dir);
  if (!options.dpdk.empty()) argv.push_back("--dpdk=" + options.dpdk);
  argv.insert(argv.end(), options.gtest_args.begin(), options.gtest_args.end());

  ProgressView view(static_cast<int>(cases.size()) * options.repeat, options.verbose, start,
                    [](const std::string& line) { std::cout << line << std::endl; });
  ChildOutcome child;
  try {
    child = run_child(argv, {"MPDTS_PROGRESS=1"},
                      {[&](const std::string& line) { view.line(line, std::chrono::steady_clock::now()); },
                       [&] { view.tick(std::chrono::steady_clock::now()); }});
  } catch (const std::exception& e) {
    std::cerr << "mpdts: " << e.what() << "\n";
    return kSetupError;
  }
  if (child.interrupted_by != 0)
    say(fmt::format("interrupted (signal {}): the cases binary undid what it had started", child.interrupted_by));

  // Reports of whatever ran, also after a failure or an interruption.
  int failed_records = 0;
  std::error_code ec;
  if (fs::exists(results / "cases", ec)) {
    try {
      const auto rendered = report::render_results_dir(results);
      for (const auto& w : rendered.run.warnings) std::cerr << "mpdts: report warning: " << w << "\n";
      failed_records = rendered.tally.failed;
      say(fmt::format("{} in {}", report::summary_line(rendered.tally),
                      clock_text(std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - start))));
      say("reports: " + rendered.html.string() + "  " + rendered.junit.string());
    } catch (const std::exception& e) {
      std::cerr << "mpdts: writing the reports: " << e.what() << "\n";
      if (child.interrupted_by == 0 && child.exit_code == 0) return kSetupError;
    }
  }
  if (link_latest) {
    const fs::path latest = options.reports_dir / "latest";
    fs::remove(latest, ec);
    fs::create_directory_symlink(results.filename(), latest, ec);
  }
  const int rc = exit_code_for(child, failed_records);
  say(fmt::format("exit {} ({})", rc,
                  rc == kPassed       ? "passed"
                  : rc == kFailures   ? "failures"
                  : rc == kSetupError ? "set-up error"
                                      : "interrupted"));
  return rc;
}

}  // namespace mpdts::cli
