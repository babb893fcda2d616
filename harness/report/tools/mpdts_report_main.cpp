// mpdts-report: reads a results directory and writes the JUnit XML for CI and the
// HTML report for people. Its last line of output is the verdict count, so scripts
// can `tail -n1` it.
//
// Exit status: 0 when both reports were written, whatever the verdicts (the cases'
// own exit status is what gates CI); 1 when a report could not be written; 2 on bad
// input (bad arguments, missing results directory, a --bench that is not a directory).
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>

#include "mpdts/report/bench_figures.hpp"
#include "mpdts/report/atomic_file.hpp"
#include "mpdts/report/matrix_report.hpp"
#include "mpdts/report/render_run.hpp"

namespace {

constexpr int kBadInput = 2;
constexpr int kCannotWrite = 1;

}  // namespace

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  using namespace mpdts::report;

  CLI::App app{"Writes the JUnit XML and the HTML report of an mpdts results directory."};
  fs::path results_dir;
  RenderOptions options;
  app.add_option("--results", results_dir, "results directory (environment.json, cases/, transcripts/)");
  std::vector<std::string> matrix_columns;
  fs::path matrix_dir;
  app.add_option("--matrix-column", matrix_columns,
                 "SPEC=RESULTS_DIR: a column of a version matrix (repeat; RESULTS_DIR relative to --matrix)");
  app.add_option("--matrix", matrix_dir, "write a version matrix (matrix.html, junit.xml) into this directory");
  app.add_option("--junit", options.junit, "JUnit XML to write (default: RESULTS/junit.xml)");
  app.add_option("--html", options.html, "HTML report to write (default: RESULTS/report.html)");
  app.add_option("--bench", options.bench,
                 "mpdts-bench output to show in the HTML report (default: RESULTS/../bench if it exists)");
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& help) {
    return app.exit(help);
  } catch (const CLI::ParseError& error) {
    app.exit(error);
    return kBadInput;
  }
  if (!matrix_dir.empty()) {
    std::vector<MatrixColumn> columns;
    for (const auto& c : matrix_columns) {
      const auto eq = c.find('=');
      if (eq == std::string::npos) {
        std::cerr << "mpdts-report: --matrix-column " << c << ": expected SPEC=RESULTS_DIR\n";
        return kBadInput;
      }
      MatrixColumn column;
      column.spec = c.substr(0, eq);
      column.dir_name = c.substr(eq + 1);
      try {
        column.run = load_results(matrix_dir / column.dir_name);
      } catch (const ResultsDirError& error) {
        std::cerr << "mpdts-report: " << error.what() << "\n";
        return kBadInput;
      }
      columns.push_back(std::move(column));
    }
    write_file_atomically(matrix_dir / "matrix.html", matrix_html(columns));
    write_file_atomically(matrix_dir / "junit.xml", matrix_junit(columns));
    std::cout << "Version matrix: " << (matrix_dir / "matrix.html").string() << "\n";
    return 0;
  }
  if (results_dir.empty()) {
    std::cerr << "mpdts-report: --results is required (or --matrix with --matrix-column)\n";
    return kBadInput;
  }
  RenderedRun rendered;
  try {
    rendered = render_results_dir(results_dir, options);
  } catch (const ResultsDirError& error) {
    std::cerr << "mpdts-report: " << error.what() << "\n";
    return kBadInput;
  } catch (const BenchDirError& error) {
    std::cerr << "mpdts-report: " << error.what() << "\n";
    return kBadInput;
  } catch (const std::exception& error) {
    std::cerr << "mpdts-report: " << error.what() << "\n";
    return kCannotWrite;
  }
  for (const std::string& warning : rendered.run.warnings) {
    std::cerr << "mpdts-report: warning: " << warning << "\n";
  }
  std::cout << "JUnit XML: " << rendered.junit.string() << "\n"
            << "HTML report: " << rendered.html.string() << "\n";
  if (!rendered.bench.empty()) std::cout << "Benchmarks from: " << rendered.bench.string() << "\n";
  std::cout << summary_line(rendered.tally) << std::endl;
  return 0;
}
