// A cases binary in miniature, for case_recorder_test.cpp: it installs CaseRecorder
// the way the real cases main does, and has a test for every way a case can end.
//
//   mpdts_report_recorder_fixture [gtest flags] RESULTS_DIR
//
// Set MPDTS_FIXTURE_BROKEN_ENVIRONMENT=1 to add a global environment whose TearDown fails.
#include <cstdlib>
#include <iostream>

#include <gtest/gtest.h>

#include "mpdts/report/case_recorder.hpp"
#include "mpdts/report/record_keys.hpp"

namespace {

using namespace mpdts::report;

TEST(RecorderFixture, Passes) {
  RecordProperty(property::kPlan, "hotplug_mp");
  RecordProperty(property::kPlanCase, "Attach virtual device from primary");
  RecordProperty(property::kLabels, "hotplug,virtual");
  RecordProperty(property::kTranscriptFile, "transcripts/RecorderFixture.Passes.log");
  RecordProperty("device", "net_tap0");
  EXPECT_EQ(1 + 1, 2);
}

TEST(RecorderFixture, FailsTwice) {
  const int ports = 1;
  EXPECT_EQ(ports, 2);
  ADD_FAILURE() << "second failure";
}

TEST(RecorderFixture, Skips) { GTEST_SKIP() << "no physical NIC"; }

TEST(RecorderFixture, Crashes) {
  std::cout << "about to abort" << std::endl;
  std::abort();
}

class BrokenSetUp : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { ADD_FAILURE() << "EAL init failed"; }
};

TEST_F(BrokenSetUp, NeverRuns) {}

class BrokenTearDown : public ::testing::Test {
 protected:
  static void TearDownTestSuite() { ADD_FAILURE() << "secondary still running"; }
};

TEST_F(BrokenTearDown, Runs) {}

class BrokenEnvironment : public ::testing::Environment {
 public:
  void TearDown() override { ADD_FAILURE() << "hugepages left behind"; }
};

}  // namespace

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  if (argc != 2) {
    std::cerr << "usage: " << argv[0] << " [gtest flags] RESULTS_DIR\n";
    return 2;
  }
  if (const char* broken = std::getenv("MPDTS_FIXTURE_BROKEN_ENVIRONMENT"); broken && *broken == '1') {
    ::testing::AddGlobalTestEnvironment(new BrokenEnvironment);
  }
  ::testing::UnitTest::GetInstance()->listeners().Append(
      new CaseRecorder(argv[1], {{"dpdk_version", "fixture"}, {"hostname", "fixture-host"}}));
  return RUN_ALL_TESTS();
}
