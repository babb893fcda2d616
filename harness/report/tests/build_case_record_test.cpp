#include "mpdts/report/build_case_record.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace mpdts::report {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Pair;
using Kind = TestPart::Kind;

// 2026-11-21T13:00:00.123Z
constexpr std::int64_t kStartMs = 1795266000123;

FinishedTest finished(std::vector<TestPart> parts = {}) {
  FinishedTest test;
  test.suite = "HotplugMp/Plan";
  test.name = "Case/RepeatVirtual_FromPrimary";
  test.parts = std::move(parts);
  test.start_ms = kStartMs;
  test.elapsed_ms = 1234;
  return test;
}

TEST(BuildCaseRecordTest, PassedTestHasNamesTimesAndNoFailures) {
  const CaseRecord record = build_case_record(finished({{Kind::kSuccess, "a.cpp", 3, ""}}));
  EXPECT_EQ(record.status, CaseStatus::kPassed);
  EXPECT_EQ(record.suite, "HotplugMp/Plan");
  EXPECT_EQ(record.name, "Case/RepeatVirtual_FromPrimary");
  EXPECT_EQ(record.full_name, "HotplugMp/Plan.Case/RepeatVirtual_FromPrimary");
  EXPECT_EQ(record.started, "2026-11-21T13:00:00.123Z");
  EXPECT_DOUBLE_EQ(record.duration_s, 1.234);
  EXPECT_THAT(record.failures, IsEmpty());
  EXPECT_EQ(record.skip_reason, "");
}

TEST(BuildCaseRecordTest, FailedTestKeepsEveryFailurePartInOrder) {
  const CaseRecord record = build_case_record(finished({
      {Kind::kNonFatalFailure, "hotplug.cpp", 12, "Expected equality of these values:\n  a\n  b"},
      {Kind::kSuccess, "hotplug.cpp", 13, ""},
      {Kind::kFatalFailure, "hotplug.cpp", 20, "secondary did not see the port"},
  }));
  EXPECT_EQ(record.status, CaseStatus::kFailed);
  EXPECT_THAT(record.failures,
              ElementsAre(Failure{"hotplug.cpp", 12, "Expected equality of these values:\n  a\n  b"},
                          Failure{"hotplug.cpp", 20, "secondary did not see the port"}));
}

TEST(BuildCaseRecordTest, SkippedTestCarriesTheSkipMessageAsReason) {
  const CaseRecord record =
      build_case_record(finished({{Kind::kSkip, "t.cpp", 5, "topology has no physical NIC"}}));
  EXPECT_EQ(record.status, CaseStatus::kSkipped);
  EXPECT_EQ(record.skip_reason, "topology has no physical NIC");
  EXPECT_THAT(record.failures, IsEmpty());
}

TEST(BuildCaseRecordTest, FailureBeforeSkipMakesTheTestFailed) {
  // gtest's own rule: Skipped() is "has a skip part and did not fail".
  const CaseRecord record = build_case_record(finished({
      {Kind::kNonFatalFailure, "t.cpp", 4, "bad"},
      {Kind::kSkip, "t.cpp", 5, "giving up"},
  }));
  EXPECT_EQ(record.status, CaseStatus::kFailed);
  EXPECT_EQ(record.skip_reason, "");
}

TEST(BuildCaseRecordTest, SuiteSetUpFailureFailsTheTestThatGtestCallsSkipped) {
  // What gtest reports for each test when SetUpTestSuite() failed: an empty skip.
  FinishedTest test = finished({{Kind::kSkip, "t.cpp", 9, ""}});
  test.suite_parts = {{Kind::kFatalFailure, "t.cpp", 2, "EAL init failed"}};
  const CaseRecord record = build_case_record(test);
  EXPECT_EQ(record.status, CaseStatus::kFailed);
  EXPECT_THAT(record.failures, ElementsAre(Failure{"t.cpp", 2, "[SetUpTestSuite] EAL init failed"}));
}

TEST(BuildCaseRecordTest, SkipReasonFallsBackToTheSuiteSkip) {
  FinishedTest test = finished({{Kind::kSkip, "t.cpp", 9, ""}});
  test.suite_parts = {{Kind::kSkip, "t.cpp", 2, "no hugepages"}};
  EXPECT_EQ(build_case_record(test).skip_reason, "no hugepages");
}

TEST(BuildCaseRecordTest, LiftsKnownPropertiesAndKeepsTheRest) {
  FinishedTest test = finished();
  test.properties = {{"plan", "hotplug_mp"},
                     {"plan_case", "Repeat to attach/detach virtual device"},
                     {"labels", "hotplug, virtual,,"},
                     {"transcript_file", "transcripts/x.log"},
                     {"failed_checks", "hotplug.list-exact,case.quit-exit-code"},
                     {"device", "net_tap0"}};
  const CaseRecord record = build_case_record(test);
  EXPECT_EQ(record.plan, "hotplug_mp");
  EXPECT_EQ(record.plan_case, "Repeat to attach/detach virtual device");
  EXPECT_THAT(record.labels, ElementsAre("hotplug", "virtual"));
  EXPECT_EQ(record.transcript_file, "transcripts/x.log");
  EXPECT_THAT(record.failed_checks, ElementsAre("hotplug.list-exact", "case.quit-exit-code"));
  EXPECT_THAT(record.properties, ElementsAre(Pair("device", "net_tap0")));
}

TEST(BuildCaseRecordTest, TestPropertyOverridesSuiteProperty) {
  FinishedTest test = finished();
  test.properties = {{"plan", "from_suite"}, {"plan", "from_test"}};
  EXPECT_EQ(build_case_record(test).plan, "from_test");
}

TEST(UnfinishedCaseRecordTest, SaysFailedBecauseItDidNotFinish) {
  const CaseRecord record = unfinished_case_record("S", "T", kStartMs);
  EXPECT_EQ(record.full_name, "S.T");
  EXPECT_EQ(record.status, CaseStatus::kFailed);
  ASSERT_EQ(record.failures.size(), 1u);
  EXPECT_THAT(record.failures[0].message, HasSubstr("did not finish"));
  EXPECT_EQ(record.transcript_file, "transcripts/S.T.log");
}

TEST(SplitLabelsTest, TrimsAndDropsEmptyLabels) {
  EXPECT_THAT(split_labels(" a,b ,, c"), ElementsAre("a", "b", "c"));
  EXPECT_THAT(split_labels(""), IsEmpty());
  EXPECT_THAT(split_labels("solo"), ElementsAre("solo"));
}

}  // namespace
}  // namespace mpdts::report
