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
};

// Empty paths mean <dir>/junit.xml and <dir>/report.html. Throws ResultsDirError when `dir` is not
// a results directory, std::exception when a report cannot be written. Warnings are in run.warnings.
RenderedRun render_results_dir(const std::filesystem::path& dir, std::filesystem::path junit = {},
                               std::filesystem::path html = {});

}  // namespace mpdts::report
