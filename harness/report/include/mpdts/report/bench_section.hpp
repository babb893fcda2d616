// The "Benchmarks" section of the HTML report: mpdts-bench's figures next to the verdicts,
// plainly marked as measurements taken at another moment, from another directory.
#pragma once

#include <string>

#include "mpdts/report/bench_figures.hpp"

namespace mpdts::report {

// <section id="benchmarks">: where the figures were read from and that they are not verdicts
// (bench-note, bench-dir), the hotplug scaling plot inline with its caption (figure
// bench-hotplug-scaling: bench-scaling-caption, or bench-svg-refused saying why it is not
// shown), symmetric-rates.csv as a table (bench-symmetric-rates), and every file with a link
// and the time it was written (bench-files). Empty when `figures` holds nothing.
std::string benchmarks_section(const BenchFigures& figures);

}  // namespace mpdts::report
