// Reads a results directory and writes its JUnit XML and HTML report (what mpdts-report and
// `mpdts run` do at the end of a run).
#pragma once

#include <filesystem>

#include "mpdts/report/results_loader.hpp"
#include "mpdts/report/run_summary.hpp"

namespace mpdts::report {

struct RenderedRun {
  RunResults run;
  Tally tally;
  std::filesystem::path junit;
  std::filesystem::path html;
  std::filesystem::path bench;  // the bench directory the HTML report read, empty if none
};

struct RenderOptions {
  std::filesystem::path junit;  // empty: <dir>/junit.xml
  std::filesystem::path html;   // empty: <dir>/report.html
  // mpdts-bench's output for the report's Benchmarks section. Empty: <dir>/../bench if that is
  // a directory (reports/bench/ next to reports/ctest/ and reports/<run>/), else none.
  std::filesystem::path bench;
};

// Throws ResultsDirError when `dir` is not a results directory, BenchDirError when
// options.bench is given but is not a directory, std::exception when a report cannot be
// written. Warnings are in run.warnings.
RenderedRun render_results_dir(const std::filesystem::path& dir, const RenderOptions& options);

// The same with the default bench directory.
RenderedRun render_results_dir(const std::filesystem::path& dir, std::filesystem::path junit = {},
                               std::filesystem::path html = {});

}  // namespace mpdts::report
