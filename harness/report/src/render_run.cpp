#include "mpdts/report/render_run.hpp"

#include "mpdts/report/atomic_file.hpp"
#include "mpdts/report/html_report.hpp"
#include "mpdts/report/junit_xml.hpp"
#include "mpdts/report/transcripts.hpp"

namespace mpdts::report {

RenderedRun render_results_dir(const std::filesystem::path& dir, std::filesystem::path junit,
                               std::filesystem::path html) {
  RenderedRun out;
  out.junit = junit.empty() ? dir / "junit.xml" : std::move(junit);
  out.html = html.empty() ? dir / "report.html" : std::move(html);
  out.run = load_results(dir);
  out.tally = tally(out.run.cases);
  const TranscriptSource transcripts = transcripts_in(dir);
  write_file_atomically(out.junit, render_junit_xml(out.run, transcripts));
  write_file_atomically(out.html, render_html_report(out.run, transcripts));
  return out;
}

}  // namespace mpdts::report
