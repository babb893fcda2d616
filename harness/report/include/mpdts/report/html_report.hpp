// The human-facing report: one self-contained HTML file (inline CSS, no scripts, no
// external resources), readable in any browser or mail client, offline.
#pragma once

#include <string>

#include "mpdts/report/bench_figures.hpp"
#include "mpdts/report/results_loader.hpp"
#include "mpdts/report/transcripts.hpp"

namespace mpdts::report {

// Sections, top to bottom: verdict and counts (ids count-passed, count-failed,
// count-skipped, count-total, summary-line), warnings about unreadable files, tallies
// by plan and by label, the environment, the benchmark figures when `bench` holds any
// (see bench_section.hpp), the failures with their messages and transcripts, then every
// case in a table with its transcript collapsed.
// The markup is also well-formed XML, so tests can parse it.
std::string render_html_report(const RunResults& run, const TranscriptSource& transcripts,
                               const BenchFigures& bench = {});

}  // namespace mpdts::report
