#include "stats/sample_summary.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace mpdts::bench {
namespace {

double sorted_quantile(const std::vector<double>& sorted, double q) {
  const double rank = q * static_cast<double>(sorted.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(rank));
  const auto hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (rank - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

}  // namespace

double quantile(std::vector<double> samples, double q) {
  if (samples.empty()) throw std::invalid_argument("quantile of no samples");
  if (!(q >= 0.0 && q <= 1.0)) throw std::invalid_argument("quantile outside [0, 1]");
  std::sort(samples.begin(), samples.end());
  return sorted_quantile(samples, q);
}

SampleSummary summarize(const std::vector<double>& samples) {
  if (samples.empty()) throw std::invalid_argument("summary of no samples");
  std::vector<double> s = samples;
  std::sort(s.begin(), s.end());
  SampleSummary r;
  r.count = s.size();
  r.min = s.front();
  r.max = s.back();
  r.p10 = sorted_quantile(s, 0.10);
  r.p25 = sorted_quantile(s, 0.25);
  r.median = sorted_quantile(s, 0.50);
  r.p75 = sorted_quantile(s, 0.75);
  r.p90 = sorted_quantile(s, 0.90);
  r.mean = std::accumulate(s.begin(), s.end(), 0.0) / static_cast<double>(s.size());
  return r;
}

}  // namespace mpdts::bench
