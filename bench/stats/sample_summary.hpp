// Median and spread of a set of latency samples. Quantiles are interpolated between the two nearest
// ranks (the "type 7" definition of R and NumPy), so p50 of an even count is the mean of the middle two.
#pragma once

#include <cstddef>
#include <vector>

namespace mpdts::bench {

struct SampleSummary {
  std::size_t count = 0;
  double min = 0, p10 = 0, p25 = 0, median = 0, p75 = 0, p90 = 0, max = 0, mean = 0;
};

// q in [0, 1] of samples (any order); throws std::invalid_argument on an empty set or q outside [0, 1].
double quantile(std::vector<double> samples, double q);
// Throws std::invalid_argument on an empty set.
SampleSummary summarize(const std::vector<double>& samples);

}  // namespace mpdts::bench
