#include "suite/suite_times.hpp"

#include <gtest/gtest.h>

namespace mpdts::bench {
namespace {

report::CaseRecord record(std::string plan, std::string name, report::CaseStatus status, double s,
                          std::map<std::string, std::string> props = {}) {
  report::CaseRecord r;
  r.plan = std::move(plan);
  r.suite = "Suite";
  r.name = name;
  r.full_name = "Suite." + name;
  r.status = status;
  r.duration_s = s;
  r.properties = std::move(props);
  return r;
}

TEST(SuiteTimes, SumsCasesAndPhasesPerPlanAndInTotal) {
  using report::CaseStatus;
  const std::vector<report::CaseRecord> records{
      record("hotplug_mp", "a", CaseStatus::kPassed, 1.0, {{"phase_start_s", "0.25"}, {"phase_steps_s", "0.5"}}),
      record("hotplug_mp", "b", CaseStatus::kSkipped, 0.0),
      record("symmetric_mp", "c", CaseStatus::kFailed, 3.0,
             {{"phase_start_s", "1.0"}, {"phase_cleanup_s", "0.5"}, {"other", "x"}, {"phase_bogus_s", "n/a"}}),
  };
  const auto t = suite_times(records, 2);
  ASSERT_EQ(t.plans.size(), 2u);
  EXPECT_EQ(t.plans[0].plan, "hotplug_mp");
  EXPECT_EQ(t.plans[0].cases, 2);
  EXPECT_EQ(t.plans[0].passed, 1);
  EXPECT_EQ(t.plans[0].skipped, 1);
  EXPECT_DOUBLE_EQ(t.plans[0].phase_s.at("start"), 0.25);
  EXPECT_EQ(t.plans[1].failed, 1);
  EXPECT_EQ(t.plans[1].phase_s.count("bogus"), 0u);  // not a number
  EXPECT_EQ(t.total.cases, 3);
  EXPECT_DOUBLE_EQ(t.total.wall_s, 4.0);
  EXPECT_DOUBLE_EQ(t.total.phase_s.at("start"), 1.25);
  ASSERT_EQ(t.slowest.size(), 2u);
  EXPECT_EQ(t.slowest[0]->full_name, "Suite.c");

  const auto text = render_suite_times(t);
  EXPECT_NE(text.find("start s"), std::string::npos);
  EXPECT_NE(text.find("cleanup s"), std::string::npos);
  EXPECT_NE(text.find("total"), std::string::npos);
  EXPECT_NE(text.find("3.00 s  Suite.c"), std::string::npos);
}

TEST(SuiteTimes, NoRecordsGiveAnEmptyTotal) {
  const auto t = suite_times({});
  EXPECT_EQ(t.total.cases, 0);
  EXPECT_TRUE(t.plans.empty());
  EXPECT_NE(render_suite_times(t).find("total"), std::string::npos);
}

}  // namespace
}  // namespace mpdts::bench
