#include "stats/sample_summary.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace mpdts::bench {
namespace {

TEST(SampleSummary, QuantilesInterpolateBetweenRanks) {
  // 1..10: rank of q is q*9 (zero-based), so p10 = 1.9, p50 = 5.5, p90 = 9.1.
  std::vector<double> s{10, 9, 8, 7, 6, 5, 4, 3, 2, 1};  // order does not matter
  EXPECT_DOUBLE_EQ(quantile(s, 0.0), 1);
  EXPECT_DOUBLE_EQ(quantile(s, 0.1), 1.9);
  EXPECT_DOUBLE_EQ(quantile(s, 0.5), 5.5);
  EXPECT_DOUBLE_EQ(quantile(s, 0.9), 9.1);
  EXPECT_DOUBLE_EQ(quantile(s, 1.0), 10);
}

TEST(SampleSummary, SummaryOfOddCountHasTheMiddleAsMedian) {
  const auto r = summarize({3, 1, 100, 2, 4});
  EXPECT_EQ(r.count, 5u);
  EXPECT_DOUBLE_EQ(r.median, 3);
  EXPECT_DOUBLE_EQ(r.min, 1);
  EXPECT_DOUBLE_EQ(r.max, 100);
  EXPECT_DOUBLE_EQ(r.mean, 22);
  EXPECT_DOUBLE_EQ(r.p25, 2);
  EXPECT_DOUBLE_EQ(r.p75, 4);
  EXPECT_LE(r.p10, r.p25);
  EXPECT_LE(r.p75, r.p90);
}

TEST(SampleSummary, OneSampleIsEveryQuantile) {
  const auto r = summarize({7.5});
  EXPECT_DOUBLE_EQ(r.p10, 7.5);
  EXPECT_DOUBLE_EQ(r.median, 7.5);
  EXPECT_DOUBLE_EQ(r.p90, 7.5);
}

TEST(SampleSummary, RefusesNoSamplesAndBadQuantiles) {
  EXPECT_THROW(summarize({}), std::invalid_argument);
  EXPECT_THROW(quantile({}, 0.5), std::invalid_argument);
  EXPECT_THROW(quantile({1}, 1.5), std::invalid_argument);
  EXPECT_THROW(quantile({1}, -0.1), std::invalid_argument);
}

}  // namespace
}  // namespace mpdts::bench
