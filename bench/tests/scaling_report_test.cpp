#include "hotplug/scaling_report.hpp"

#include <gtest/gtest.h>

namespace mpdts::bench {
namespace {

std::vector<LatencySample> samples() {
  std::vector<LatencySample> s;
  for (int level : {1, 2})
    for (int rep = 0; rep < 3; ++rep) {
      s.push_back({level, Requester::Primary, HotplugOp::Attach, rep, 1.0 * level + rep, 1.0 * level + rep + 0.5});
      s.push_back({level, Requester::Secondary, HotplugOp::Detach, rep, 3.0 * level, 3.0 * level + rep});
    }
  return s;
}

TEST(ScalingReport, OneRowPerLevelRequesterAndOperation) {
  const auto rows = summarize_scaling(samples());
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].secondaries, 1);
  EXPECT_EQ(rows[0].requester, Requester::Primary);
  EXPECT_EQ(rows[0].to_prompt.count, 3u);
  EXPECT_DOUBLE_EQ(rows[0].to_prompt.median, 2.5);  // 1.5, 2.5, 3.5
  EXPECT_DOUBLE_EQ(rows[0].to_result.median, 2.0);
  EXPECT_EQ(rows[3].secondaries, 2);
  EXPECT_EQ(rows[3].op, HotplugOp::Detach);
}

TEST(ScalingReport, CsvHasAHeaderAndOneLinePerRow) {
  const auto rows = summarize_scaling(samples());
  const auto csv = summary_csv(rows);
  EXPECT_EQ(csv.rfind("secondaries,requester,operation,count,median_ms,", 0), 0u);
  EXPECT_NE(csv.find("1,primary,attach,3,2.500,"), std::string::npos);
  int lines = 0;
  for (char c : csv) lines += c == '\n';
  EXPECT_EQ(lines, 5);
  const auto raw = samples_csv(samples());
  EXPECT_NE(raw.find("2,secondary,detach,2,6.000,8.000\r\n"), std::string::npos);
}

TEST(ScalingReport, PlotHasASeriesPerRequesterAndOperationPresent) {
  const auto svg = scaling_svg(summarize_scaling(samples()), "2 CPUs, test");
  EXPECT_NE(svg.find("attach from primary"), std::string::npos);
  EXPECT_NE(svg.find("detach from secondary"), std::string::npos);
  EXPECT_EQ(svg.find("detach from primary"), std::string::npos);  // no such samples
  EXPECT_NE(svg.find("2 CPUs, test"), std::string::npos);
}

}  // namespace
}  // namespace mpdts::bench
