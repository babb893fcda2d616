#include "mpdts/report/render_run.hpp"

#include <system_error>

#include "mpdts/report/atomic_file.hpp"
#include "mpdts/report/bench_figures.hpp"
#include "mpdts/report/html_report.hpp"
#include "mpdts/report/junit_xml.hpp"
#include "mpdts/report/transcripts.hpp"

namespace mpdts::report {
namespace {

namespace fs = std::filesystem;

// The bench directory asked for, else the one beside the results directory if there is one.
fs::path bench_dir_for(const fs::path& results_dir, const fs::path& asked_for) {
  if (!asked_for.empty()) return asked_for;
  const fs::path beside = results_dir / ".." / "bench";
  std::error_code error;
  return fs::is_directory(beside, error) ? beside : fs::path();
}

}  // namespace

RenderedRun render_results_dir(const fs::path& dir, const RenderOptions& options) {
  RenderedRun out;
  out.junit = options.junit.empty() ? dir / "junit.xml" : options.junit;
  out.html = options.html.empty() ? dir / "report.html" : options.html;
  out.run = load_results(dir);
  out.tally = tally(out.run.cases);
  BenchFigures bench;
  if (const fs::path bench_dir = bench_dir_for(dir, options.bench); !bench_dir.empty()) {
    bench = load_bench_figures(bench_dir, fs::absolute(out.html).parent_path());
    out.bench = bench.dir;
  }
  const TranscriptSource transcripts = transcripts_in(dir);
  write_file_atomically(out.junit, render_junit_xml(out.run, transcripts));
  write_file_atomically(out.html, render_html_report(out.run, transcripts, bench));
  return out;
}

RenderedRun render_results_dir(const fs::path& dir, fs::path junit, fs::path html) {
  return render_results_dir(dir, RenderOptions{std::move(junit), std::move(html), {}});
}

}  // namespace mpdts::report
