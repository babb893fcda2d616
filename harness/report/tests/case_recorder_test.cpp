// CaseRecorder inside a real gtest program (recorder_fixture_main.cpp), run as a child
// process: the listener can only be judged by what gtest actually hands it.
#include "mpdts/report/case_recorder.hpp"

#include <csignal>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "mpdts/report/results_layout.hpp"
#include "mpdts/report/results_loader.hpp"
#include "mpdts/report/timestamps.hpp"
#include "run_program.hpp"
#include "scratch_dir.hpp"

namespace mpdts::report {
namespace {

using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Pair;
using ::testing::SizeIs;

class CaseRecorderTest : public ::testing::Test {
 protected:
  // Runs the fixture with a gtest filter; returns the loaded results.
  RunResults run_fixture(const std::string& filter,
                         const std::map<std::string, std::string>& environment = {}) {
    last_run_ = test::run_program({MPDTS_REPORT_RECORDER_FIXTURE, "--gtest_filter=" + filter,
                                   results_.string()},
                                  scratch_.path(), environment);
    return load_results(results_);
  }

  const CaseRecord& find(const RunResults& run, const std::string& full_name) {
    for (const CaseRecord& record : run.cases) {
      if (record.full_name == full_name) return record;
    }
    throw std::runtime_error("no record for " + full_name + "; gtest said:\n" + last_run_.out);
  }

  test::ScratchDir scratch_;
  std::filesystem::path results_ = scratch_.path() / "results";
  test::ProgramRun last_run_;
};

TEST_F(CaseRecorderTest, WritesTheEnvironmentAndOneRecordPerTest) {
  const RunResults run = run_fixture("RecorderFixture.Passes:RecorderFixture.Skips");
  EXPECT_EQ(last_run_.exit_code, 0) << last_run_.out;
  EXPECT_THAT(run.warnings, IsEmpty());
  EXPECT_EQ(run.environment["hostname"], "fixture-host");
  EXPECT_THAT(run.cases, SizeIs(2));
  EXPECT_TRUE(std::filesystem::exists(case_record_path(results_, "RecorderFixture.Passes")));
}

TEST_F(CaseRecorderTest, PassedTestCarriesItsProperties) {
  const RunResults run = run_fixture("RecorderFixture.Passes");
  const CaseRecord& record = find(run, "RecorderFixture.Passes");
  EXPECT_EQ(record.status, CaseStatus::kPassed);
  EXPECT_EQ(record.suite, "RecorderFixture");
  EXPECT_EQ(record.name, "Passes");
  EXPECT_EQ(record.plan, "hotplug_mp");
  EXPECT_EQ(record.plan_case, "Attach virtual device from primary");
  EXPECT_THAT(record.labels, ElementsAre("hotplug", "virtual"));
  EXPECT_EQ(record.transcript_file, "transcripts/RecorderFixture.Passes.log");
  EXPECT_THAT(record.properties, ElementsAre(Pair("device", "net_tap0")));
  EXPECT_THAT(record.failures, IsEmpty());
  const auto started_ms = parse_utc_timestamp(record.started);
  ASSERT_TRUE(started_ms.has_value()) << record.started;
  EXPECT_NEAR(static_cast<double>(*started_ms), static_cast<double>(now_ms_since_epoch()), 60'000.0);
  EXPECT_GE(record.duration_s, 0.0);
}

TEST_F(CaseRecorderTest, FailedTestCarriesEveryFailureWithFileAndLine) {
  const RunResults run = run_fixture("RecorderFixture.FailsTwice");
  EXPECT_EQ(last_run_.exit_code, 1);
  const CaseRecord& record = find(run, "RecorderFixture.FailsTwice");
  EXPECT_EQ(record.status, CaseStatus::kFailed);
  ASSERT_THAT(record.failures, SizeIs(2));
  EXPECT_THAT(record.failures[0].file, HasSubstr("recorder_fixture_main.cpp"));
  EXPECT_GT(record.failures[0].line, 0);
  EXPECT_THAT(record.failures[0].message, AllOf(HasSubstr("ports"), HasSubstr("Which is: 1")));
  EXPECT_EQ(record.failures[1].message, "Failed\nsecond failure");
}

TEST_F(CaseRecorderTest, SkippedTestCarriesItsReason) {
  const RunResults run = run_fixture("RecorderFixture.Skips");
  const CaseRecord& record = find(run, "RecorderFixture.Skips");
  EXPECT_EQ(record.status, CaseStatus::kSkipped);
  EXPECT_EQ(record.skip_reason, "no physical NIC");
}

TEST_F(CaseRecorderTest, ProcessDyingInsideATestLeavesAFailedRecord) {
  const RunResults run = run_fixture("RecorderFixture.Crashes");
  EXPECT_EQ(last_run_.signal, SIGABRT);
  const CaseRecord& record = find(run, "RecorderFixture.Crashes");
  EXPECT_EQ(record.status, CaseStatus::kFailed);
  ASSERT_THAT(record.failures, SizeIs(1));
  EXPECT_THAT(record.failures[0].message, HasSubstr("did not finish"));
}

TEST_F(CaseRecorderTest, FailedSetUpTestSuiteFailsItsTestsInsteadOfSkippingThem) {
  const RunResults run = run_fixture("BrokenSetUp.*");
  const CaseRecord& record = find(run, "BrokenSetUp.NeverRuns");
  EXPECT_EQ(record.status, CaseStatus::kFailed);
  ASSERT_THAT(record.failures, SizeIs(1));
  EXPECT_THAT(record.failures[0].message, HasSubstr("[SetUpTestSuite] Failed\nEAL init failed"));
}

TEST_F(CaseRecorderTest, FailedTearDownTestSuiteGetsARecordOfItsOwn) {
  const RunResults run = run_fixture("BrokenTearDown.*");
  EXPECT_EQ(find(run, "BrokenTearDown.Runs").status, CaseStatus::kPassed);
  const CaseRecord& teardown = find(run, "BrokenTearDown.TearDownTestSuite");
  EXPECT_EQ(teardown.status, CaseStatus::kFailed);
  ASSERT_THAT(teardown.failures, SizeIs(1));
  EXPECT_THAT(teardown.failures[0].message, HasSubstr("secondary still running"));
}

TEST_F(CaseRecorderTest, FailedGlobalEnvironmentGetsARecordOfItsOwn) {
  const RunResults run =
      run_fixture("RecorderFixture.Passes", {{"MPDTS_FIXTURE_BROKEN_ENVIRONMENT", "1"}});
  EXPECT_EQ(find(run, "RecorderFixture.Passes").status, CaseStatus::kPassed);
  const CaseRecord& environment = find(run, "GlobalTestEnvironment.SetUpOrTearDown");
  EXPECT_EQ(environment.status, CaseStatus::kFailed);
  ASSERT_THAT(environment.failures, SizeIs(1));
  EXPECT_THAT(environment.failures[0].message, HasSubstr("hugepages left behind"));
}

TEST_F(CaseRecorderTest, KeepsAnEnvironmentWrittenBeforeIt) {
  // The run launcher, or the first case process of a ctest run, wrote it already.
  scratch_.write("results/environment.json", R"({"hostname": "launcher"})");
  const RunResults run = run_fixture("RecorderFixture.Passes");
  EXPECT_EQ(run.environment["hostname"], "launcher");
}

TEST_F(CaseRecorderTest, SeparateProcessesAddUpInOneDirectory) {
  // How ctest runs the suite: one process per case, one results directory.
  run_fixture("RecorderFixture.Passes");
  run_fixture("RecorderFixture.Skips");
  const RunResults run = run_fixture("RecorderFixture.FailsTwice");
  EXPECT_THAT(run.cases, SizeIs(3));
  EXPECT_THAT(run.warnings, IsEmpty());
}

}  // namespace
}  // namespace mpdts::report
