#include "mpdts/report/run_summary.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace mpdts::report {
namespace {

CaseRecord record(CaseStatus status, std::string plan, std::vector<std::string> labels,
                  std::string started, double duration) {
  CaseRecord r;
  r.full_name = "S.T";
  r.status = status;
  r.plan = std::move(plan);
  r.labels = std::move(labels);
  r.started = std::move(started);
  r.duration_s = duration;
  return r;
}

// Three passed, two failed, one skipped: a count in the wrong place shows.
const std::vector<CaseRecord> kRecords = {
    record(CaseStatus::kPassed, "hotplug_mp", {"hotplug", "virtual"}, "2026-11-21T13:00:00.000Z", 1.0),
    record(CaseStatus::kFailed, "hotplug_mp", {"hotplug"}, "2026-11-21T13:00:01.000Z", 2.0),
    record(CaseStatus::kSkipped, "symmetric_mp", {}, "2026-11-21T13:00:05.000Z", 0.5),
    record(CaseStatus::kPassed, "symmetric_mp", {"forwarding"}, "2026-11-21T13:00:02.000Z", 0.25),
    record(CaseStatus::kPassed, "symmetric_mp", {"forwarding"}, "2026-11-21T13:00:03.000Z", 0.25),
    record(CaseStatus::kFailed, "symmetric_mp", {"forwarding"}, "2026-11-21T13:00:04.000Z", 0.25),
};

TEST(TallyTest, CountsEachVerdictAndSumsTime) {
  const Tally total = tally(kRecords);
  EXPECT_EQ(total.passed, 3);
  EXPECT_EQ(total.failed, 2);
  EXPECT_EQ(total.skipped, 1);
  EXPECT_EQ(total.total(), 6);
  EXPECT_DOUBLE_EQ(total.seconds, 4.25);
}

TEST(TallyTest, ByPlan) {
  const auto by_plan = tally_by_plan(kRecords);
  ASSERT_EQ(by_plan.size(), 2u);
  EXPECT_EQ(by_plan.at("hotplug_mp").passed, 1);
  EXPECT_EQ(by_plan.at("hotplug_mp").failed, 1);
  EXPECT_EQ(by_plan.at("hotplug_mp").skipped, 0);
  EXPECT_EQ(by_plan.at("symmetric_mp").passed, 2);
  EXPECT_EQ(by_plan.at("symmetric_mp").failed, 1);
  EXPECT_EQ(by_plan.at("symmetric_mp").skipped, 1);
}

TEST(TallyTest, ByLabelCountsACaseUnderEachOfItsLabels) {
  const auto by_label = tally_by_label(kRecords);
  EXPECT_EQ(by_label.at("hotplug").total(), 2);
  EXPECT_EQ(by_label.at("forwarding").total(), 3);
  EXPECT_EQ(by_label.at("virtual").total(), 1);
  EXPECT_EQ(by_label.at("(no label)").skipped, 1);
}

TEST(SummaryLineTest, IsTheCliLastLineFormat) {
  EXPECT_EQ(summary_line(tally(kRecords)), "3 passed, 2 failed, 1 skipped");
  EXPECT_EQ(summary_line(Tally{}), "0 passed, 0 failed, 0 skipped");
}

TEST(WallClockTest, SpansFirstStartToLastEnd) {
  EXPECT_DOUBLE_EQ(wall_clock_seconds(kRecords).value(), 5.5);
  EXPECT_EQ(wall_clock_seconds({}), std::nullopt);
}

TEST(HumanDurationTest, ReadsNaturally) {
  EXPECT_EQ(human_duration(1.2345), "1.23 s");
  EXPECT_EQ(human_duration(75.5), "1 min 15.5 s");
  EXPECT_EQ(human_duration(3725), "1 h 2 min");
  EXPECT_EQ(human_duration(0.003), "0.003 s");
  EXPECT_EQ(human_duration(0.00001), "< 1 ms");
  EXPECT_EQ(human_duration(0), "0 s");
}

}  // namespace
}  // namespace mpdts::report
