// mpdts-report: reads a results directory and writes the JUnit XML for CI and the
// HTML report for people. Its last line of output is the verdict count, so scripts
// can `tail -n1` it.
//
// Exit status: 0 when both reports were written, whatever the verdicts (the cases'
// own exit status is what gates CI); 1 when a report could not be written; 2 on bad
// input (bad arguments, missing results directory).
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>

#include "mpdts/report/atomic_file.hpp"
#include "mpdts/report/html_report.hpp"
#include "mpdts/report/junit_xml.hpp"
#include "mpdts/report/results_layout.hpp"
#include "mpdts/report/results_loader.hpp"
#include "mpdts/report/run_summary.hpp"
#include "mpdts/report/transcripts.hpp"

namespace {

constexpr int kBadInput = 2;
constexpr int kCannotWrite = 1;

}  // namespace

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  using namespace mpdts::report;

  CLI::App app{"Writes the JUnit XML and the HTML report of an mpdts results directory."};
  fs::path results_dir, junit_path, html_path;
  app.add_option("--results", results_dir,
                 "results directory (environment.json, cases/, transcripts/)")
      ->required();
  app.add_option("--junit", junit_path, "JUnit XML to write (default: RESULTS/junit.xml)");
  app.add_option("--html", html_path, "HTML report to write (default: RESULTS/report.html)");
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& help) {
    return app.exit(help);
  } catch (const CLI::ParseError& error) {
    app.exit(error);
    return kBadInput;
  }
  if (junit_path.empty()) junit_path = results_dir / "junit.xml";
  if (html_path.empty()) html_path = results_dir / "report.html";

  RunResults run;
  try {
    run = load_results(results_dir);
  } catch (const ResultsDirError& error) {
    std::cerr << "mpdts-report: " << error.what() << "\n";
    return kBadInput;
  }
  for (const std::string& warning : run.warnings) {
    std::cerr << "mpdts-report: warning: " << warning << "\n";
  }

  const TranscriptSource transcripts = transcripts_in(results_dir);
  try {
    write_file_atomically(junit_path, render_junit_xml(run, transcripts));
    write_file_atomically(html_path, render_html_report(run, transcripts));
  } catch (const std::exception& error) {
    std::cerr << "mpdts-report: " << error.what() << "\n";
    return kCannotWrite;
  }

  std::cout << "JUnit XML: " << junit_path.string() << "\n"
            << "HTML report: " << html_path.string() << "\n"
            << summary_line(tally(run.cases)) << std::endl;
  return 0;
}
